import { createHash } from 'node:crypto';
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { badRequest } from '../../common/api-errors.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** How long a stored key replays its answer; the clean-up job deletes older keys. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
const FRESH = `created_at > now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS})`;

/** The first answer to a request, replayed on a retry with the same key and body. */
export interface StoredAnswer<T = unknown> {
  statusCode: number;
  body: T;
}

/** One request that carries an Idempotency-Key: whose key, and what it was sent with. */
export interface IdempotentRequest {
  userId: string;
  key: string;
  /** The method and path, e.g. `POST /api/sessions`: a key sent to another route is a 422. */
  route: string;
  /** The validated body. */
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
 * Idempotency keys of every route that takes one, scoped to the signed-in user and kept in the same
 * transaction as the work they guard. The caller first takes a lock that serializes requests with
 * the same key (`once` takes a transaction-scoped advisory lock on the user and key; the portal's
 * submit locks the assignment's row instead), then looks the key up: a retry that waited on that
 * lock finds the first answer and replays it. The key is written once, with its answer, before
 * commit: a record never exists without its key, and a rolled-back attempt leaves no key behind.
 * A key replays for 24 hours; after that it is as good as new, and the clean-up job deletes it.
 */
@Injectable()
export class IdempotencyService {
  /**
   * Runs `work` once per key: without a key, always; with a key, the first time, storing its answer,
   * and on a retry (also one that arrives while the first is still running) it replays that answer.
   */
  async once<T>(manager: EntityManager, request: IdempotentRequest | undefined, work: () => Promise<StoredAnswer<T>>): Promise<StoredAnswer<T>> {
    if (!request) return work();
    const { userId, key, route } = request;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`idempotency-key\n${userId}\n${key}`]);
    const hash = requestHash(route, request.body);
    const replay = await this.find(manager, userId, key, route, hash);
    if (replay) return replay as StoredAnswer<T>;
    const answer = await work();
    await this.store(manager, userId, key, route, hash, answer);
    return answer;
  }

  /** `once` for a create: the answer is the new record with 201, replayed as it was. */
  async created<T>(manager: EntityManager, request: IdempotentRequest | undefined, create: () => Promise<T>): Promise<T> {
    const answer = await this.once(manager, request, async () => ({ statusCode: 201, body: await create() }));
    return answer.body;
  }

  /** The stored answer to replay, or null when the key is new or expired. A key used for another request is a 422. */
  async find(manager: EntityManager, userId: string, key: string, route: string, hash: string): Promise<StoredAnswer | null> {
    const rows: StoredKey[] = await manager.query(
      `SELECT route, request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND ${FRESH}`,
      [userId, key],
    );
    const stored = rows[0];
    if (!stored) return null;
    if (stored.route !== route || stored.request_hash !== hash) throw keyReused();
    return { statusCode: stored.status_code, body: stored.response };
  }

  /**
   * Stores the answer under the key, in place of an expired one. A concurrent request that took the
   * same key for another route (another assignment: a different lock) commits first or makes this
   * one wait and lose: 422, and the caller's transaction rolls back.
   */
  async store(manager: EntityManager, userId: string, key: string, route: string, hash: string, answer: StoredAnswer): Promise<void> {
    const stored: unknown[] = await manager.query(
      `INSERT INTO idempotency_keys AS k (user_id, practice_id, key, route, request_hash, status_code, response)
       VALUES ($1, (SELECT practice_id FROM users WHERE id = $1), $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, key) DO UPDATE
         SET route = excluded.route, request_hash = excluded.request_hash, status_code = excluded.status_code,
             response = excluded.response, created_at = now()
         WHERE NOT (k.${FRESH})
       RETURNING key`,
      [userId, key, route, hash, answer.statusCode, JSON.stringify(answer.body)],
    );
    if (stored.length === 0) throw keyReused();
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
    message: 'This Idempotency-Key was already used for a different request. Send a new key with a new request.',
    code: 'IDEMPOTENCY_KEY_REUSED',
    errors: { 'Idempotency-Key': 'was already used for a different request' },
  });
}
