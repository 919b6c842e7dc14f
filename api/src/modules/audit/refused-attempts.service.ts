import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RESOURCES } from '@attune/domain';
import { DataSource } from 'typeorm';
import { currentRequestContext } from '../../common/request-context.js';
import { AuditService } from './audit.service.js';

/** What a refused request was refused for, as the audit trail's action. */
export type RefusalKind = 'unauthenticated' | 'denied' | 'not_found' | 'xsrf_rejected' | 'rate_limited';

/** Each actor (or, signed out, each address) leaves at most one event per kind of refusal in this time. */
export const REFUSAL_WINDOW_MS = 60_000;
/** Keys remembered at once; past this (a flood from very many addresses) further refusals go unrecorded. */
const MAX_KEYS = 10_000;

const KNOWN_RESOURCES: ReadonlySet<string> = new Set(RESOURCES);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Sign-in, sign-out and the account's own routes keep their own trail (login_failed…); health and docs are public. */
const NOT_RECORDED = /^\/api\/(auth|health|docs)(\/|$|-)/;

/**
 * The trace of refused attempts (401, 403, 404, a wrong or missing XSRF token, 429) on the API's
 * routes, so an admin sees probing in the audit log. The event names the route's resource (one of
 * libs' resources, else "unknown") and the record id when the path holds a UUID: never the path's
 * other words, the query or the body. Rate-limited in this process: one event per (actor or
 * address, kind) per minute, so probing cannot flood the table (several API instances each keep
 * their own count). Written on its own, after the refused request's transaction rolled back; a
 * failure to write is logged, never turned into another error.
 */
@Injectable()
export class RefusedAttemptsService {
  private readonly logger = new Logger('RefusedAttempts');
  /** When each (actor or address, kind) was last recorded. */
  private readonly lastRecorded = new Map<string, number>();
  private unrecorded = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  /**
   * Notes a refusal of the request to `path` (the URL as requested; its query is dropped). Returns the write when this refusal is
   * recorded (it never rejects), null when the window already holds one like it.
   */
  note(kind: RefusalKind, path: string): Promise<void> | null {
    if (kind !== 'xsrf_rejected' && NOT_RECORDED.test(path.split('?')[0]!)) return null;
    const context = currentRequestContext();
    const actor = context?.actor;
    if (!this.firstInWindow(`${actor ? `u:${actor.userId}` : `ip:${context?.ip ?? '?'}`}|${kind}`)) return null;
    const { entity, entityId } = routeRecord(path);
    return this.audit.record(this.dataSource.manager, { action: kind, entity, entityId, caseId: null }).catch((error: unknown) => {
      this.logger.warn(`could not record a refused attempt (${(error as { code?: string }).code ?? 'no code'})`);
    });
  }

  private firstInWindow(key: string): boolean {
    const now = Date.now();
    const last = this.lastRecorded.get(key);
    if (last !== undefined && now - last < REFUSAL_WINDOW_MS) return false;
    if (last === undefined && this.lastRecorded.size >= MAX_KEYS) {
      for (const [k, at] of this.lastRecorded) if (now - at >= REFUSAL_WINDOW_MS) this.lastRecorded.delete(k);
      if (this.lastRecorded.size >= MAX_KEYS) {
        if (this.unrecorded++ % 1000 === 0) this.logger.warn(`refused attempts from over ${MAX_KEYS} actors or addresses a minute: ${this.unrecorded} not recorded`);
        return false;
      }
    }
    this.lastRecorded.set(key, now);
    return true;
  }
}

/** The resource and record a path names: `/api/cases/<uuid>/progress` → cases, <uuid>. Nothing else of the path. */
export function routeRecord(path: string): { entity: string; entityId: string | null } {
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  const resource = segments[0] === 'api' ? segments[1] : undefined;
  const entity = resource && KNOWN_RESOURCES.has(resource) ? resource : 'unknown';
  const entityId = segments.slice(2).find((segment) => UUID.test(segment)) ?? null;
  return { entity, entityId: entityId?.toLowerCase() ?? null };
}
