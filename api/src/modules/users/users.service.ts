import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { badRequest, conflict, notFound } from '../../common/api-errors.js';
import { retryOnConflict } from '../../common/conflict-retry.js';
import { applyListQuery, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import { hashPassword } from '../auth/passwords.js';
import { SignInThrottle } from '../auth/sign-in-throttle.service.js';
import { TotpService } from '../auth/totp.service.js';
import { AccountLinks } from '../auth/account-links.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { User } from './user.entity.js';
import { isStaff, toUserDto, USER_LIST, type UserInvite, type UserUpdate } from './users.dto.js';
import type { InvitedUserDto, UserDto } from '@attune/domain';
import type { ListExport } from '../exports/list-export.js';

const ENTITY = 'users';
const EMAIL_TAKEN = 'An account with this email address already exists';

/** The practice's accounts, managed by its admins. Account data is not clinical: reads are not audited, changes are. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly throttle: SignInThrottle,
    private readonly totp: TotpService,
    private readonly links: AccountLinks,
    private readonly notifications: NotificationsService,
  ) {}

  /** Sends the invitation again (a new link; the earlier one stops working). For accounts that never set a password. */
  async resendInvitation(actor: Actor, id: string): Promise<UserDto> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.findInPractice(manager, actor, id, true);
      if (!user.active) throw conflict('This account is deactivated: activate it before inviting again');
      if (await this.hasActivated(manager, id)) throw conflict('This person has already set their password: they can use "Forgot password" on the sign-in page');
      await this.links.invite(manager, id, actor);
      await this.audit.record(manager, { action: 'invitation_sent', entity: ENTITY, entityId: id });
      return (await this.toDtos(manager, [user]))[0]!;
    });
  }

  /** Ends the pending invitation: its link no longer works. */
  async revokeInvitation(actor: Actor, id: string): Promise<UserDto> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.findInPractice(manager, actor, id, true);
      if (!(await this.links.revokeInvitation(manager, id))) throw conflict('There is no pending invitation for this account');
      await this.audit.record(manager, { action: 'invitation_revoked', entity: ENTITY, entityId: id });
      return (await this.toDtos(manager, [user]))[0]!;
    });
  }

  /** Whether the person has chosen a password through a link or signed in: an invitation is then pointless. */
  private async hasActivated(manager: EntityManager, id: string): Promise<boolean> {
    const rows: Array<{ done: boolean }> = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM audit_events WHERE actor_id = $1 AND action IN ('activate', 'login')) AS done`, [id]);
    return rows[0]!.done;
  }

  async list(actor: Actor, query: ParsedListQuery): Promise<ListPage<UserDto>> {
    const manager = this.dataSource.manager;
    const [rows, total] = await applyListQuery(this.practiceUsers(manager, actor), USER_LIST, query).getManyAndCount();
    return new ListPage(ENTITY, await this.toDtos(manager, rows), total, query.range);
  }

  /** The account list as CSV rows (no secrets: no hash, no two-step seed). */
  exportSource(actor: Actor): ListExport<UserDto> {
    return {
      resource: ENTITY,
      spec: USER_LIST,
      scoped: async (manager, query) => ({ qb: this.practiceUsers(manager, actor), query }),
      load: async (manager, ids) => this.toDtos(manager, await manager.getRepository(User).createQueryBuilder('u').where('u.id = ANY(:ids)', { ids }).getMany()),
      id: (u) => u.id,
      columns: [
        ['id', (u) => u.id], ['displayName', (u) => u.displayName], ['email', (u) => u.email], ['role', (u) => u.role],
        ['active', (u) => String(u.active)], ['twoStep', (u) => String(u.totpEnabled ?? false)],
        ['createdAt', (u) => u.createdAt], ['lastLoginAt', (u) => u.lastLoginAt],
      ],
    };
  }

  async get(actor: Actor, id: string): Promise<UserDto> {
    const manager = this.dataSource.manager;
    return (await this.toDtos(manager, [await this.findInPractice(manager, actor, id)]))[0]!;
  }

  /** Creates the account and e-mails its invitation: the person chooses their password through its link; until then no password works. */
  async invite(actor: Actor, input: UserInvite): Promise<UserDto> {
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    try {
      return await this.dataSource.transaction(async (manager) => {
        const taken: unknown[] = await manager.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [input.email]);
        if (taken.length > 0) throw conflict(EMAIL_TAKEN);
        const inserted: Array<{ id: string }> = await manager.query(
          `INSERT INTO users (practice_id, email, role, display_name, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [actor.practiceId, input.email, input.role, input.displayName, passwordHash],
        );
        const id = inserted[0]!.id;
        if (input.clientId) await linkPortal(manager, actor, input.clientId, id);
        await this.audit.record(manager, { action: 'create', entity: ENTITY, entityId: id });
        if (input.language) await this.notifications.rememberLanguage(manager, id, input.language);
        await this.links.invite(manager, id, actor);
        return (await this.toDtos(manager, [await this.findInPractice(manager, actor, id)]))[0]!;
      });
    } catch (error) {
      // Two invitations of one address at the same moment: the unique index decides.
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'users_email_unique') throw conflict(EMAIL_TAKEN);
      throw error;
    }
  }

  /**
   * Two admins demoting each other at the same moment must not leave the practice without one: the
   * practice's active admins and the account changed are locked together, in id order (so two such
   * changes queue instead of deadlocking), before the rule is checked; the second one then sees the
   * first one's result and gets a 409.
   */
  async update(actor: Actor, id: string, input: UserUpdate): Promise<UserDto> {
    const { dto, endSessions } = await retryOnConflict(() => this.dataSource.transaction(async (manager) => {
      const admins = await lockActiveAdminsAnd(manager, actor.practiceId, id);
      const user = await this.findInPractice(manager, actor, id, true);
      if (!admins.some((a) => a.id === actor.userId && a.role === 'admin' && a.active)) {
        throw conflict('Your own account changed meanwhile and is no longer an active admin', 'CONFLICT');
      }
      if (id === actor.userId && !input.active) throw badRequest({ active: 'you cannot deactivate your own account' });
      if (id === actor.userId && input.role !== 'admin') throw badRequest({ role: 'you cannot take away your own admin role' });
      if (isStaff(user.role) !== isStaff(input.role)) {
        throw badRequest({ role: 'a client account cannot become a staff account, nor a staff account a client one' });
      }
      const staysAdmin = input.role === 'admin' && input.active;
      if (!staysAdmin && !admins.some((a) => a.id !== id && a.role === 'admin' && a.active)) {
        throw conflict('The practice must keep at least one active admin', 'LAST_ACTIVE_ADMIN');
      }
      const endSessions = (user.active && !input.active) || user.role !== input.role;
      user.displayName = input.displayName;
      user.role = input.role;
      user.active = input.active;
      user.version += 1;
      const saved = await manager.getRepository(User).save(user);
      await this.audit.record(manager, { action: 'update', entity: ENTITY, entityId: id });
      return { dto: (await this.toDtos(manager, [saved]))[0]!, endSessions };
    }));
    // A deactivated account (or one whose role changed) is signed out everywhere, once the change is committed.
    if (endSessions) await this.auth.endSessions(id);
    return dto;
  }

  /** Clears the account's failed sign-ins (the right password then works at once); the reason is kept, the action audited. */
  async unlock(actor: Actor, id: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.findInPractice(manager, actor, id);
      await this.throttle.clear(manager, user.email);
      await this.recordIntervention(manager, actor, id, 'unlock', reason);
      await this.notifications.notify(manager, { recipientUserId: id, kind: 'account_unlocked', link: '/#/login' });
    });
  }

  /** Turns another account's two-step sign-in off and signs it out everywhere; the reason is kept, the action audited. */
  async resetTwoStep(actor: Actor, id: string, reason: string): Promise<UserDto> {
    if (id === actor.userId) throw conflict('Turn your own two-step sign-in off in My account, with your password and a code');
    return this.dataSource.transaction(async (manager) => {
      const user = await this.findInPractice(manager, actor, id, true);
      if (!(await this.totp.turnOff(manager, id))) throw conflict('Two-step sign-in is not on for this account');
      await manager.query(`DELETE FROM login_sessions WHERE user_id = $1`, [id]);
      await this.recordIntervention(manager, actor, id, 'totp_reset', reason);
      await this.notifications.notify(manager, { recipientUserId: id, kind: 'two_step_reset', link: '/#/login' });
      return (await this.toDtos(manager, [{ ...user, totpEnabled: false }]))[0]!;
    });
  }

  /**
   * Asks the person to choose a new password at their next sign-in: every session of theirs ends
   * now, and until they change it their password opens only their own account's page (403
   * PASSWORD_CHANGE_REQUIRED elsewhere). The reason is kept, the action audited, the person e-mailed.
   */
  async forcePasswordChange(actor: Actor, id: string, reason: string): Promise<UserDto> {
    if (id === actor.userId) throw conflict('Change your own password in My account');
    return this.dataSource.transaction(async (manager) => {
      const user = await this.findInPractice(manager, actor, id, true);
      if (!user.active) throw conflict('This account is deactivated: nobody can sign in with it');
      await manager.query(`UPDATE users SET password_change_required = true, updated_at = now(), version = version + 1 WHERE id = $1`, [id]);
      await manager.query(`DELETE FROM login_sessions WHERE user_id = $1`, [id]);
      await this.recordIntervention(manager, actor, id, 'password_change_forced', reason);
      await this.notifications.notify(manager, { recipientUserId: id, kind: 'password_change_required', link: '/#/login' });
      return (await this.toDtos(manager, [{ ...user, passwordChangeRequired: true }]))[0]!;
    });
  }

  private async recordIntervention(manager: EntityManager, actor: Actor, userId: string, action: 'unlock' | 'totp_reset' | 'password_change_forced', reason: string): Promise<void> {
    await manager.query(
      `INSERT INTO account_interventions (practice_id, user_id, actor_id, action, reason) VALUES ($1, $2, $3, $4, $5)`,
      [actor.practiceId, userId, actor.userId, action, reason],
    );
    await this.audit.record(manager, { action, entity: ENTITY, entityId: userId });
  }

  private practiceUsers(manager: EntityManager, actor: Actor) {
    return manager.getRepository(User).createQueryBuilder('u').where('u.practice_id = :practiceId', { practiceId: actor.practiceId });
  }

  private async findInPractice(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<User> {
    const qb = this.practiceUsers(manager, actor).andWhere('u.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const user = await qb.getOne();
    if (!user) throw notFound('User');
    return user;
  }

  /** Adds each user's last sign-in (from the audit trail) and, for client accounts, their client record. */
  private async toDtos(manager: EntityManager, users: User[]): Promise<UserDto[]> {
    if (users.length === 0) return [];
    const rows: Array<{ id: string; last_login_at: Date | null; client_id: string | null }> = await manager.query(
      `SELECT u.id,
              (SELECT max(ae.at) FROM audit_events ae WHERE ae.actor_id = u.id AND ae.action = 'login') AS last_login_at,
              (SELECT c.id FROM clients c WHERE c.portal_user_id = u.id) AS client_id
         FROM unnest($1::uuid[]) AS u(id)`,
      [users.map((u) => u.id)],
    );
    const extra = new Map(rows.map((r) => [r.id, r]));
    const invitations = await this.links.invitationStates(manager, users.map((u) => u.id));
    return users.map((u) => toUserDto(u, {
      invitationExpiresAt: invitations.get(u.id)?.expiresAt ?? null,
      lastLoginAt: extra.get(u.id)?.last_login_at ? new Date(extra.get(u.id)!.last_login_at!) : null,
      clientId: extra.get(u.id)?.client_id ?? null,
    }));
  }
}

/**
 * Locks the practice's active admins and the account `id`, in id order, and answers them as they
 * are once locked (a row another transaction just demoted drops out as PostgreSQL re-reads it).
 */
async function lockActiveAdminsAnd(manager: EntityManager, practiceId: string, id: string): Promise<Array<{ id: string; role: string; active: boolean }>> {
  return manager.query(
    `SELECT id, role, active FROM users
      WHERE practice_id = $1 AND (id = $2 OR (role = 'admin' AND active))
      ORDER BY id FOR UPDATE`,
    [practiceId, id],
  );
}

/** Opens a client's portal to the new account: the client is of the practice and has no portal account yet. */
async function linkPortal(manager: EntityManager, actor: Actor, clientId: string, userId: string): Promise<void> {
  const rows: Array<{ portal_user_id: string | null }> = await manager.query(
    `SELECT portal_user_id FROM clients WHERE id = $1 AND practice_id = $2 FOR UPDATE`, [clientId, actor.practiceId]);
  if (rows.length === 0) throw badRequest({ clientId: 'is not a client of this practice' });
  if (rows[0]!.portal_user_id) throw conflict('This client already has a portal account');
  await manager.query(`UPDATE clients SET portal_user_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [clientId, userId]);
}
