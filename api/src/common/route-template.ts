import type { IncomingMessage } from 'node:http';

/**
 * The matched route's template (`/api/cases/:id`), or `unmatched` for made-up paths (Nest's
 * catch-all `*path`): what logs and metrics name a request by, never its URL, whose ids and query
 * (a search can name a person) stay out, and which probing cannot multiply.
 */
export function routeTemplate(req: IncomingMessage): string {
  const route = (req as IncomingMessage & { route?: { path?: unknown } }).route?.path;
  return typeof route === 'string' && route.startsWith('/api/') ? route : 'unmatched';
}
