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

export type IdempotencyClaim = { kind: 'claimed' } | { kind: 'replay'; answer: StoredAnswer };

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
 * Idempotency keys, kept in the same transaction as the work they guard: a key is claimed by
 * inserting its row first (a concurrent request with the same key waits on the primary key until
 * this transaction ends), and the answer is written before commit. So a submission never exists
 * without its key, a key never exists without its answer, and a rolled-back attempt frees the key.
 */
@Injectable()
export class IdempotencyService {
  async claim(manager: EntityManager, userId: string, key: string, route: string, hash: string): Promise<IdempotencyClaim> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO idempotency_keys (user_id, key, route, request_hash, status_code, response)
       VALUES ($1, $2, $3, $4, 0, NULL)
       ON CONFLICT (user_id, key) DO NOTHING
       RETURNING key`,
      [userId, key, route, hash],
    );
    if (inserted.length > 0) return { kind: 'claimed' };
    const rows: Array<{ route: string; request_hash: string; status_code: number; response: unknown }> = await manager.query(
      `SELECT route, request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    const stored = rows[0];
    if (!stored) return this.claim(manager, userId, key, route, hash);
    if (stored.route !== route || stored.request_hash !== hash) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: 'This Idempotency-Key was already used for a different request. Send a new key with a new submission.',
        code: 'IDEMPOTENCY_KEY_REUSED',
        errors: { 'Idempotency-Key': 'was already used for a different request' },
      });
    }
    return { kind: 'replay', answer: { statusCode: stored.status_code, body: stored.response } };
  }

  async complete(manager: EntityManager, userId: string, key: string, answer: StoredAnswer): Promise<void> {
    await manager.query(
      `UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`,
      [userId, key, answer.statusCode, JSON.stringify(answer.body)],
    );
  }
}
