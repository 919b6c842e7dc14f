import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ABSOLUTE_SESSION_HOURS, IDLE_TIMEOUT_MINUTES, isStaffRole, passwordProblem, type Role } from '@attune/domain';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { User } from '../users/user.entity.js';
import { LoginSession } from './login-session.entity.js';
import { badRequest } from '../../common/api-errors.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { SignInThrottle } from './sign-in-throttle.service.js';
import { TotpService } from './totp.service.js';
import type { AccountDto } from '@attune/domain';


export const SESSION_COOKIE = 'attune_session';
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';

const LAST_SEEN_WRITE_EVERY_MS = 30_000;

export interface SignedInUser {
  id: string;
  email: string;
  role: Role;
  displayName: string;
}

export interface LoginResult {
  user: SignedInUser;
  sessionToken: string;
  xsrfToken: string;
}

export interface ResolvedSession {
  actor: Actor;
  xsrfToken: string;
  /** Staff of a practice that requires two-step sign-in who have not enrolled yet. */
  totpEnrolmentRequired: boolean;
  /** An admin asked for a new password, not chosen yet. */
  passwordChangeRequired: boolean;
}

const INVALID_CREDENTIALS = 'Email or password is incorrect';

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly totp: TotpService,
    private readonly throttle: SignInThrottle,
  ) {}

  /**
   * Signs in. The attempt is reserved (counted as a failure) before anything is checked, the same
   * way whether or not the address has an account; the right password (and code) clears the count.
   * `previousToken`, the session cookie the browser still had, ends: one browser, one session.
   */
  async login(input: { email: string; password: string; totp?: string | undefined }, meta: { ip: string | null; userAgent: string | null; previousToken?: string | undefined }): Promise<LoginResult> {
    const attempt = await this.throttle.reserve(input.email);
    const users = this.dataSource.getRepository(User);
    const user = await users
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.totpSecret', 'u.totpLastStep', 'u.totpRecoveryHashes'])
      .where('lower(u.email) = lower(:email)', { email: input.email.trim() })
      .getOne();
    if (!user) {
      await verifyPassword(await dummyPasswordHash(), input.password);
      // an address without an account: at most one audit row a minute, and nothing that names the address
      if (attempt.auditDue) await this.dataSource.transaction((manager) => this.audit.record(manager, { action: 'login_failed', entity: 'users', entityId: null, actor: null }));
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    const passwordOk = await verifyPassword(user.passwordHash, input.password);
    if (!passwordOk || !user.active) {
      await this.throttle.recordFailure(user);
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    if (user.totpEnabled) {
      // the reservation stays counted: asking for the code is one attempt, answering it the next
      if (!input.totp) {
        throw new UnauthorizedException({ statusCode: 401, message: 'Enter the 6-digit code from your authenticator app', code: 'TOTP_REQUIRED' });
      }
      const ok = await this.totp.verifyLoginCode(user, input.totp);
      if (!ok) {
        await this.throttle.recordFailure(user);
        throw new UnauthorizedException({ statusCode: 401, message: 'The code is not valid', code: 'TOTP_INVALID' });
      }
    }

    const sessionToken = randomBytes(32).toString('base64url');
    const xsrfToken = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      await this.throttle.clear(manager, user.email);
      if (meta.previousToken && meta.previousToken.length <= 200) {
        await manager.query(`DELETE FROM login_sessions WHERE id = $1`, [sessionIdOf(meta.previousToken)]);
      }
      await manager.insert(LoginSession, {
        id: sessionIdOf(sessionToken),
        userId: user.id,
        xsrfToken,
        createdAt: now,
        lastSeenAt: now,
        idleTimeoutMinutes: IDLE_TIMEOUT_MINUTES[user.role],
        expiresAt: new Date(now.getTime() + ABSOLUTE_SESSION_HOURS * 3_600_000),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      });
      await this.audit.record(manager, { action: 'login', entity: 'users', entityId: user.id, actor: { userId: user.id, practiceId: user.practiceId } });
    });
    return { user: toSignedInUser(user), sessionToken, xsrfToken };
  }

  /** Ends the session of the cookie, audited as the account's `logout`. */
  async logout(token: string | undefined): Promise<void> {
    if (!token || token.length > 200) return;
    await this.dataSource.transaction(async (manager) => {
      const [ended] = (await manager.query(
        `DELETE FROM login_sessions s USING users u WHERE s.id = $1 AND u.id = s.user_id RETURNING s.user_id, u.practice_id`,
        [sessionIdOf(token)],
      )) as [Array<{ user_id: string; practice_id: string }>, number];
      const session = ended[0];
      if (session) await this.audit.record(manager, { action: 'logout', entity: 'users', entityId: session.user_id, actor: { userId: session.user_id, practiceId: session.practice_id } });
    });
  }

  /** Finds the signed-in actor of a cookie, enforcing idle and absolute timeouts; null when signed out. */
  async resolve(token: string | undefined): Promise<ResolvedSession | null> {
    if (!token || token.length > 200) return null;
    const id = sessionIdOf(token);
    const rows: Array<{
      user_id: string; xsrf_token: string; last_seen_at: Date; idle_timeout_minutes: number; expires_at: Date;
      role: Role; practice_id: string; email: string; display_name: string; active: boolean;
      totp_enabled: boolean; totp_required_for_staff: boolean; password_change_required: boolean;
    }> = await this.dataSource.query(
      `SELECT s.user_id, s.xsrf_token, s.last_seen_at, s.idle_timeout_minutes, s.expires_at,
              u.role, u.practice_id, u.email, u.display_name, u.active, u.totp_enabled, p.totp_required_for_staff, u.password_change_required
         FROM login_sessions s JOIN users u ON u.id = s.user_id JOIN practices p ON p.id = u.practice_id WHERE s.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const now = Date.now();
    const idleExpired = now - new Date(row.last_seen_at).getTime() > row.idle_timeout_minutes * 60_000;
    if (!row.active || idleExpired || now > new Date(row.expires_at).getTime()) {
      await this.dataSource.query(`DELETE FROM login_sessions WHERE id = $1`, [id]);
      return null;
    }
    if (now - new Date(row.last_seen_at).getTime() > LAST_SEEN_WRITE_EVERY_MS) {
      await this.dataSource.query(`UPDATE login_sessions SET last_seen_at = now() WHERE id = $1`, [id]);
    }
    return {
      xsrfToken: row.xsrf_token,
      totpEnrolmentRequired: isStaffRole(row.role) && row.totp_required_for_staff && !row.totp_enabled,
      passwordChangeRequired: row.password_change_required,
      actor: { userId: row.user_id, role: row.role, practiceId: row.practice_id, email: row.email, displayName: row.display_name, loginSessionId: id },
    };
  }

  xsrfMatches(expected: string, given: unknown): boolean {
    if (typeof given !== 'string' || given.length !== expected.length) return false;
    return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  }

  /** Ends every session of a user (deactivation), or every other one (password change). */
  async endSessions(userId: string, exceptSessionId?: string): Promise<void> {
    if (exceptSessionId) {
      await this.dataSource.query(`DELETE FROM login_sessions WHERE user_id = $1 AND id <> $2`, [userId, exceptSessionId]);
    } else {
      await this.dataSource.query(`DELETE FROM login_sessions WHERE user_id = $1`, [userId]);
    }
  }

  /** The signed-in user with their two-step sign-in state (and, for a client, their client record). */
  async account(user: SignedInUser): Promise<AccountDto> {
    const rows: Array<{ totp_enabled: boolean; totp_required_for_staff: boolean; password_change_required: boolean; client_id: string | null }> = await this.dataSource.query(
      `SELECT u.totp_enabled, p.totp_required_for_staff, u.password_change_required, c.id AS client_id
         FROM users u JOIN practices p ON p.id = u.practice_id LEFT JOIN clients c ON c.portal_user_id = u.id
        WHERE u.id = $1`,
      [user.id],
    );
    const row = rows[0];
    if (!row) throw new UnauthorizedException('Please sign in');
    return {
      ...user,
      clientId: row.client_id,
      totpEnabled: row.totp_enabled,
      totpEnrolmentRequired: isStaffRole(user.role) && row.totp_required_for_staff && !row.totp_enabled,
      passwordChangeRequired: row.password_change_required,
    };
  }

  /**
   * Changes the caller's password: the current one must be right (a wrong one counts toward the
   * account's sign-in delays), the new one must meet the password rules; every other session of the
   * user ends, and this one gets a new id (the old cookie no longer works): the new session token is returned.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<{ sessionToken: string }> {
    const user = await this.dataSource.getRepository(User).createQueryBuilder('u')
      .addSelect('u.passwordHash').where('u.id = :id', { id: actor.userId }).getOne();
    if (!user) throw new UnauthorizedException('Please sign in');
    if (!(await this.throttle.checkOwnPassword(actor, currentPassword, user.passwordHash))) {
      throw badRequest({ currentPassword: 'is not your current password' });
    }
    const problem = await passwordProblem(newPassword, [user.email.split('@')[0] ?? '', user.displayName, 'attune']);
    if (problem) throw badRequest({ newPassword: problem });
    if (await verifyPassword(user.passwordHash, newPassword)) throw badRequest({ newPassword: 'is the same as your current password' });
    const hash = await hashPassword(newPassword);
    const sessionToken = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE users SET password_hash = $2, password_changed_at = now(), password_change_required = false, updated_at = now(), version = version + 1 WHERE id = $1`,
        [actor.userId, hash],
      );
      await manager.query(`DELETE FROM login_sessions WHERE user_id = $1 AND id <> $2`, [actor.userId, actor.loginSessionId]);
      const [, rotated] = (await manager.query(`UPDATE login_sessions SET id = $2 WHERE id = $1`, [actor.loginSessionId, sessionIdOf(sessionToken)])) as [unknown, number];
      if (rotated !== 1) throw new UnauthorizedException('Please sign in');
      await this.audit.record(manager, { action: 'password_change', entity: 'users', entityId: actor.userId });
    });
    return { sessionToken };
  }

  get cookieSecure(): boolean {
    return this.config.cookieSecure;
  }
}

export function toSignedInUser(user: Pick<User, 'id' | 'email' | 'role' | 'displayName'>): SignedInUser {
  return { id: user.id, email: user.email, role: user.role, displayName: user.displayName };
}
