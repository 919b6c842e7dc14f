import { createHash } from 'node:crypto';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badRequest } from '../../common/api-errors.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The first answer to a request, replayed on a retry with the same key and body. */
export interface StoredAnswer {
  statusCode: number;
  body: unknown;
}

/** A header value checked: 1-200 visible ASCII characters (a UUID fits), or undefined when absent. */
export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const key = Array.isArray(value) ? value[0] : value;
  if (key === undefined || key === '') return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw badRequest({ 'Idempotency-Key': 'must be 1 to 200 visible characters, e.g. a UUID' });
  }
  return key;
}

/** A stable hash of a request: the route and the body with its keys sorted. */
export function requestHash(route: string, body: unknown): string {
  return createHash('sha256').update(route).update('\n').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Idempotency keys, kept in the same transaction as the work they guard. The caller first takes a
 * lock that serializes requests to the same route (submit locks the assignment's row), then looks
 * the key up: a retry that waited on that lock finds the first answer and replays it. The key is
 * written once, with its answer, before commit: a submission never exists without its key, and a
 * rolled-back attempt leaves no key behind.
 */
@Injectable()
export class IdempotencyService {
  /** The stored answer to replay, or null when the key is new. A key used for another request is a 422. */
  async find(manager: EntityManager, userId: string, key: string, route: string, hash: string): Promise<StoredAnswer | null> {
    const rows: StoredKey[] = await manager.query(
      `SELECT route, request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    const stored = rows[0];
    if (!stored) return null;
    if (stored.route !== route || stored.request_hash !== hash) throw keyReused();
    return { statusCode: stored.status_code, body: stored.response };
  }

  /**
   * Stores the answer under the key. A concurrent request that took the same key for another route
   * (another assignment: a different lock) commits first or makes this one wait and lose: 422, and
   * the caller's transaction rolls back.
   */
  async store(manager: EntityManager, userId: string, key: string, route: string, hash: string, answer: StoredAnswer): Promise<void> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO idempotency_keys (user_id, key, route, request_hash, status_code, response)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, key) DO NOTHING
       RETURNING key`,
      [userId, key, route, hash, answer.statusCode, JSON.stringify(answer.body)],
    );
    if (inserted.length === 0) throw keyReused();
  }
}

interface StoredKey {
  route: string;
  request_hash: string;
  status_code: number;
  response: unknown;
}

function keyReused(): UnprocessableEntityException {
  return new UnprocessableEntityException({
    statusCode: 422,
    message: 'This Idempotency-Key was already used for a different request. Send a new key with a new submission.',
    code: 'IDEMPOTENCY_KEY_REUSED',
    errors: { 'Idempotency-Key': 'was already used for a different request' },
  });
}
