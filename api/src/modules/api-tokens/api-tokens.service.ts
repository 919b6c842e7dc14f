import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { API_TOKEN_PATTERN, API_TOKEN_PREFIX, apiTokenInputSchema, validationError, type ApiTokenDto, type CreatedApiTokenDto, type Role } from '@attune/domain';
import type { DataSource } from 'typeorm';
import { notFound } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';

interface ApiTokenRow {
  id: string;
  name: string;
  scopes: string[];
  prefix: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, scopes, prefix, created_at, expires_at, last_used_at, revoked_at';
/** Writing last_used_at at most this often per token (every use is audited anyway). */
const LAST_USED_WRITE_EVERY = `interval '1 minute'`;

export function apiTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toApiTokenDto(row: ApiTokenRow): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** The bearer token of `Authorization: Bearer …`, or undefined when the header names none. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

/**
 * A user's personal API tokens: created with a name, scopes and an expiry, shown once, stored as a
 * hash, listed with their last use, revoked by their owner. A request that carries one acts as the
 * owner narrowed to the scopes (AuthGuard) and is audited as the token.
 */
@Injectable()
export class ApiTokensService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor): Promise<ApiTokenDto[]> {
    const rows: ApiTokenRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM api_tokens WHERE user_id = $1 AND practice_id = $2 ORDER BY created_at DESC, id`, [actor.userId, actor.practiceId]);
    return rows.map(toApiTokenDto);
  }

  async create(actor: Actor, body: unknown): Promise<CreatedApiTokenDto> {
    const parsed = apiTokenInputSchema(actor.role).safeParse(body);
    if (!parsed.success) throw validationError(parsed.error);
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    return this.dataSource.transaction(async (manager) => {
      const [row]: ApiTokenRow[] = await manager.query(
        `INSERT INTO api_tokens (practice_id, user_id, name, token_hash, prefix, scopes, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [actor.practiceId, actor.userId, parsed.data.name, apiTokenHash(token), token.slice(0, API_TOKEN_PREFIX.length + 6), parsed.data.scopes, parsed.data.expiresAt]);
      await this.audit.record(manager, { action: 'create', entity: 'api-tokens', entityId: row!.id });
      return { ...toApiTokenDto(row!), token };
    });
  }

  /** Revokes one of the caller's own tokens (again: answers it as it is); anyone else's is a 404. */
  async revoke(actor: Actor, id: string): Promise<ApiTokenDto> {
    return this.dataSource.transaction(async (manager) => {
      const [rows]: [ApiTokenRow[], number] = await manager.query(
        `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND user_id = $2 AND practice_id = $3 RETURNING ${COLUMNS}`,
        [id, actor.userId, actor.practiceId]);
      const row = rows[0];
      if (!row) throw notFound('API token');
      await this.audit.record(manager, { action: 'revoke', entity: 'api-tokens', entityId: id });
      return toApiTokenDto(row);
    });
  }

  /** The actor a bearer token stands for, or null when it is unknown, revoked, expired or its owner inactive. */
  async resolve(token: string): Promise<Actor | null> {
    if (!API_TOKEN_PATTERN.test(token)) return null;
    const rows: Array<{ id: string; scopes: string[]; user_id: string; role: Role; practice_id: string; email: string; display_name: string }> = await this.dataSource.query(
      `SELECT t.id, t.scopes, u.id AS user_id, u.role, u.practice_id, u.email, u.display_name
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         JOIN practices p ON p.id = u.practice_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() AND u.active
          -- staff of a practice that requires two-step sign-in must have it on, for tokens too
          AND (u.role = 'client' OR NOT p.totp_required_for_staff OR u.totp_enabled)`,
      [apiTokenHash(token)]);
    const row = rows[0];
    if (!row) return null;
    return {
      userId: row.user_id, role: row.role, practiceId: row.practice_id, email: row.email, displayName: row.display_name,
      loginSessionId: `api-token:${row.id}`, apiTokenId: row.id, apiTokenScopes: row.scopes,
    };
  }

  /** Every use is audited as the token (action `use`); its last use is kept on the token, to the minute. */
  async noteUse(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - ${LAST_USED_WRITE_EVERY})`, [actor.apiTokenId]);
      await this.audit.record(manager, { action: 'use', entity: 'api-tokens', entityId: actor.apiTokenId ?? null, actor });
    });
  }
}
