import { z } from 'zod';
import { can, RESOURCES, type Action, type Resource, type Role } from './permissions.js';
import { isoDateTimeSchema, textSchema } from './primitives.js';

/**
 * Personal API tokens: an integration acts as the token's owner, narrowed to the token's scopes.
 * A scope is `<resource>:read` (list and read) or `<resource>:write` (create, update, delete) over
 * libs' permission resources; the owner's role still decides (`can`), a scope only takes away.
 */
export const API_TOKEN_ACCESS = ['read', 'write'] as const;
export type ApiTokenAccess = (typeof API_TOKEN_ACCESS)[number];
export type ApiTokenScope = `${Resource}:${ApiTokenAccess}`;

export const API_TOKEN_SCOPES = RESOURCES.flatMap((resource) => API_TOKEN_ACCESS.map((access) => `${resource}:${access}` as ApiTokenScope));

/** The bearer token's visible start, then 43 base64url characters (32 random bytes). */
export const API_TOKEN_PREFIX = 'att_';
export const API_TOKEN_PATTERN = /^att_[A-Za-z0-9_-]{43}$/;
/** The longest life a token may be given. */
export const API_TOKEN_MAX_DAYS = 366;

export function accessOfAction(action: Action): ApiTokenAccess {
  return action === 'list' || action === 'read' ? 'read' : 'write';
}

/** Whether a token with `scopes` may take `action` on `resource` (its owner's role is checked apart, with `can`). */
export function tokenScopeAllows(scopes: readonly string[], resource: Resource, action: Action): boolean {
  return scopes.includes(`${resource}:${accessOfAction(action)}`);
}

/** The scopes a role may put on a token: those its permissions grant at least one action of. */
export function scopesForRole(role: Role): ApiTokenScope[] {
  return API_TOKEN_SCOPES.filter((scope) => {
    const [resource, access] = scope.split(':') as [Resource, ApiTokenAccess];
    const actions: Action[] = access === 'read' ? ['list', 'read'] : ['create', 'update', 'delete'];
    return actions.some((action) => can(role, resource, action));
  });
}

/** Body of `POST /api/me/api-tokens`. `now` is the server's clock for the expiry's bounds. */
export function apiTokenInputSchema(role: Role, now: Date = new Date()) {
  const allowed = scopesForRole(role);
  return z.strictObject({
    name: textSchema(1, 100),
    scopes: z
      .array(z.string(), { error: 'must be a list of scopes' })
      .min(1, 'must name at least one scope')
      .max(API_TOKEN_SCOPES.length)
      .refine((scopes) => scopes.every((s) => (allowed as string[]).includes(s)), { message: `may only hold: ${allowed.join(', ')}` })
      .refine((scopes) => new Set(scopes).size === scopes.length, { message: 'must not repeat a scope' }),
    expiresAt: isoDateTimeSchema
      .refine((at) => Date.parse(at) > now.getTime(), { message: 'must be in the future' })
      .refine((at) => Date.parse(at) <= now.getTime() + API_TOKEN_MAX_DAYS * 86_400_000, { message: `must be at most ${API_TOKEN_MAX_DAYS} days away` }),
  });
}
export type ApiTokenInput = z.infer<ReturnType<typeof apiTokenInputSchema>>;
