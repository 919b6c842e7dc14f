import { createHash, randomBytes } from 'node:crypto';
import { BadRequestException, HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { passwordProblem } from '@attune/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { badRequest } from '../../common/api-errors.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { hashPassword } from './passwords.js';
import { SignInThrottle } from './sign-in-throttle.service.js';

export type AccountLinkPurpose = 'invitation' | 'password_reset';

/** How long a link works: an invitation 72 hours, a password reset 1 hour. */
export const LINK_VALID_HOURS: Record<AccountLinkPurpose, number> = { invitation: 72, password_reset: 1 };

/** Password-reset requests an hour, per address typed and per account. */
export const RESET_REQUESTS_PER_HOUR = 3;

/** The web app's routes the links open (hash routes: the token never reaches a server log). */
export const ACTIVATE_ROUTE = '/#/activate?token=';
export const RESET_ROUTE = '/#/reset-password?token=';

const LINK_INVALID = 'This link is not valid any more: it was used, replaced or has expired. Ask for a new one.';

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** One person's pending invitation, as the admin's list shows it. */
export interface InvitationState {
  pending: boolean;
  expiresAt: string | null;
}

/**
 * One-time links by e-mail: an invitation to set the first password, a password reset. The link
 * carries a random token; only its SHA-256 is stored, with its expiry. A new link of one purpose
 * revokes the person's earlier ones; using one marks it used (once: the row is locked).
 */
@Injectable()
export class AccountLinks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly throttle: SignInThrottle,
  ) {}

  /** Issues an invitation for `userId` and queues its e-mail, in the caller's transaction. */
  async invite(manager: EntityManager, userId: string, invitedBy: { userId: string; displayName: string } | null): Promise<void> {
    const token = await this.issue(manager, userId, 'invitation', invitedBy?.userId ?? null);
    const [practice] = await manager.query(`SELECT p.name FROM practices p JOIN users u ON u.practice_id = p.id WHERE u.id = $1`, [userId]) as Array<{ name: string }>;
    await this.notifications.mailNow(manager, {
      recipientUserId: userId, kind: 'invitation', link: `${ACTIVATE_ROUTE}${token}`,
      params: { practitionerName: invitedBy?.displayName, practiceName: practice?.name, validHours: LINK_VALID_HOURS.invitation },
    });
  }

  /** Ends the person's open invitation links; false when there was none. */
  async revokeInvitation(manager: EntityManager, userId: string): Promise<boolean> {
    const [, revoked] = await manager.query(
      `UPDATE account_tokens SET revoked_at = now() WHERE user_id = $1 AND purpose = 'invitation' AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()`,
      [userId]) as [unknown, number];
    return revoked > 0;
  }

  async invitationStates(manager: EntityManager, userIds: string[]): Promise<Map<string, InvitationState>> {
    const rows: Array<{ user_id: string; expires_at: Date }> = await manager.query(
      `SELECT user_id, max(expires_at) AS expires_at FROM account_tokens
        WHERE user_id = ANY($1::uuid[]) AND purpose = 'invitation' AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        GROUP BY user_id`, [userIds]);
    return new Map(rows.map((r) => [r.user_id, { pending: true, expiresAt: new Date(r.expires_at).toISOString() }]));
  }

  /**
   * `POST /api/auth/password-reset`: the same answer whatever the address. An active account gets a
   * link, at most RESET_REQUESTS_PER_HOUR an hour per address typed and per account; beyond that,
   * or for an unknown address, nothing is sent (and nothing says so).
   */
  async requestPasswordReset(email: string): Promise<void> {
    const address = email.trim().toLowerCase();
    const addressHash = hashOf(`reset:${address}`);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [addressHash]);
      const [{ n }] = await manager.query(
        `SELECT count(*)::int AS n FROM password_reset_requests WHERE address_hash = $1 AND requested_at > now() - interval '1 hour'`, [addressHash]) as [{ n: number }];
      await manager.query(`INSERT INTO password_reset_requests (address_hash) VALUES ($1)`, [addressHash]);
      if (n! >= RESET_REQUESTS_PER_HOUR) return;
      const users: Array<{ id: string; practice_id: string; recent: number }> = await manager.query(
        `SELECT u.id, u.practice_id,
                (SELECT count(*)::int FROM account_tokens t WHERE t.user_id = u.id AND t.purpose = 'password_reset' AND t.created_at > now() - interval '1 hour') AS recent
           FROM users u WHERE lower(u.email) = $1 AND u.active FOR UPDATE OF u`, [address]);
      const user = users[0];
      if (!user || user.recent >= RESET_REQUESTS_PER_HOUR) return;
      const token = await this.issue(manager, user.id, 'password_reset', null);
      await this.notifications.mailNow(manager, {
        recipientUserId: user.id, kind: 'password_reset', link: `${RESET_ROUTE}${token}`, params: { validHours: LINK_VALID_HOURS.password_reset },
      });
      await this.audit.record(manager, { action: 'password_reset_requested', entity: 'users', entityId: user.id, actor: { userId: user.id, practiceId: user.practice_id } });
    });
  }

  /**
   * Uses a link: checks the new password against the rules (libs), sets it, marks the link used,
   * ends the person's other links of that purpose and every session. An invitation also needs the
   * account still active.
   */
  async usePasswordLink(purpose: AccountLinkPurpose, token: string, password: string): Promise<void> {
    const found = await this.dataSource.query(
      `SELECT t.user_id, u.email, u.display_name FROM account_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now() AND u.active`,
      [hashOf(token), purpose]) as Array<{ user_id: string; email: string; display_name: string }>;
    const candidate = found[0];
    if (!candidate) throw new BadRequestException({ statusCode: 400, message: LINK_INVALID, code: 'LINK_INVALID', errors: { token: 'is not valid any more' } });
    const problem = await passwordProblem(password, [candidate.email.split('@')[0] ?? '', candidate.display_name, 'attune']);
    if (problem) throw badRequest({ password: problem });
    const hash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const [used, count] = await manager.query(
        `UPDATE account_tokens SET used_at = now() WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
         RETURNING user_id, practice_id`, [hashOf(token), purpose]) as [Array<{ user_id: string; practice_id: string }>, number];
      // used by a second request meanwhile
      if (count !== 1) throw new HttpException({ statusCode: 400, message: LINK_INVALID, code: 'LINK_INVALID', errors: { token: 'is not valid any more' } }, 400);
      const { user_id: userId, practice_id: practiceId } = used[0]!;
      await manager.query(`UPDATE users SET password_hash = $2, password_changed_at = now(), password_change_required = false, updated_at = now(), version = version + 1 WHERE id = $1`, [userId, hash]);
      await manager.query(`UPDATE account_tokens SET revoked_at = now() WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`, [userId]);
      await manager.query(`DELETE FROM login_sessions WHERE user_id = $1`, [userId]);
      // the new password works at once, as after an admin's unlock
      await this.throttle.clear(manager, candidate.email);
      await this.audit.record(manager, { action: purpose === 'invitation' ? 'activate' : 'password_reset', entity: 'users', entityId: userId, actor: { userId, practiceId } });
    });
  }

  private async issue(manager: EntityManager, userId: string, purpose: AccountLinkPurpose, createdBy: string | null): Promise<string> {
    await manager.query(
      `UPDATE account_tokens SET revoked_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL AND revoked_at IS NULL`, [userId, purpose]);
    const token = randomBytes(32).toString('base64url');
    await manager.query(
      `INSERT INTO account_tokens (practice_id, user_id, purpose, token_hash, created_by, expires_at)
       SELECT practice_id, id, $2, $3, $4, now() + make_interval(hours => $5) FROM users WHERE id = $1`,
      [userId, purpose, hashOf(token), createdBy, LINK_VALID_HOURS[purpose]]);
    return token;
  }
}
