import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClientDto, PortalAccountDto, PortalInvitationDto } from '@attune/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { scopeClientsToActor } from '../../common/actor-scope.js';
import { randomBytes } from 'node:crypto';
import { badRequest, conflict, notFound } from '../../common/api-errors.js';
import { applyListQuery, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { staleVersion } from '../../common/client-words.js';
import { CLIENT_LIST, toClientDto, type ClientUpdate, type ClientWrite, type PortalInvitation } from './clients.dto.js';
import { Client } from './client.entity.js';
import { IdempotencyService, type IdempotentRequest } from '../idempotency/idempotency.service.js';
import { namesById, type ListExport } from '../exports/list-export.js';
import { AccountLinks } from '../auth/account-links.service.js';
import { hashPassword } from '../auth/passwords.js';
import { NotificationsService } from '../notifications/notifications.service.js';

@Injectable()
export class ClientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
    private readonly links: AccountLinks,
    private readonly notifications: NotificationsService,
  ) {}

  async list(actor: Actor, query: ParsedListQuery): Promise<ListPage<ClientDto>> {
    return this.dataSource.transaction(async (manager) => {
      const qb = scopeClientsToActor(manager.getRepository(Client).createQueryBuilder('c'), actor, 'c');
      const [rows, total] = await applyListQuery(qb, CLIENT_LIST, query).getManyAndCount();
      await this.audit.recordCaseReads(manager, 'list', 'clients', await this.casesOf(manager, rows.map((c) => c.id)));
      return new ListPage('clients', rows.map(toClientDto), total, query.range);
    });
  }

  /** The client list as CSV rows: the same scope as the list, with the practitioner's name. */
  exportSource(actor: Actor): ListExport<ClientDto & { practitioner: string }> {
    return {
      resource: 'clients',
      spec: CLIENT_LIST,
      scoped: async (manager, query) => ({ qb: scopeClientsToActor(manager.getRepository(Client).createQueryBuilder('c'), actor, 'c'), query }),
      load: async (manager, ids) => {
        const rows = (await manager.getRepository(Client).createQueryBuilder('c').where('c.id = ANY(:ids)', { ids }).getMany()).map(toClientDto);
        const names = await namesById(manager, 'users', rows.map((c) => c.practitionerId));
        return rows.map((c) => ({ ...c, practitioner: c.practitionerId ? names.get(c.practitionerId) ?? '' : '' }));
      },
      id: (c) => c.id,
      columns: [
        ['id', (c) => c.id], ['displayName', (c) => c.displayName], ['pronouns', (c) => c.pronouns], ['email', (c) => c.email],
        ['phone', (c) => c.phone], ['status', (c) => c.status], ['practitioner', (c) => c.practitioner],
        ['portalAccount', (c) => (c.portalUserId ? 'yes' : 'no')], ['createdAt', (c) => c.createdAt],
      ],
    };
  }

  async get(actor: Actor, id: string): Promise<ClientDto> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.findVisible(manager, actor, id);
      await this.audit.recordCaseReads(manager, 'read', 'clients', await this.casesOf(manager, [id]), { entityId: id });
      return toClientDto(client);
    });
  }

  /**
   * The state of the client's portal account, for their profile: none, deactivated, invited (an
   * invitation link still works, until when), invitation expired (the last link lapsed unused),
   * never signed in (accepted or made otherwise, not used yet), or active with the last sign-in.
   * Account data, not clinical: not audited.
   */
  async portalAccount(actor: Actor, id: string): Promise<PortalAccountDto> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.findVisible(manager, actor, id);
      const none: PortalAccountDto = { state: 'none', email: null, createdAt: null, lastSignInAt: null, invitationExpiresAt: null };
      if (!client.portalUserId) return none;
      const [row]: Array<{ email: string; active: boolean; created_at: Date; last_login_at: Date | null; accepted: boolean; invitation_expires_at: Date | null }> = await manager.query(
        `SELECT u.email, u.active, u.created_at,
                (SELECT max(ae.at) FROM audit_events ae WHERE ae.actor_id = u.id AND ae.action = 'login') AS last_login_at,
                EXISTS (SELECT 1 FROM account_tokens t WHERE t.user_id = u.id AND t.purpose = 'invitation' AND t.used_at IS NOT NULL) AS accepted,
                (SELECT t.expires_at FROM account_tokens t
                  WHERE t.user_id = u.id AND t.purpose = 'invitation' AND t.used_at IS NULL AND t.revoked_at IS NULL
                  ORDER BY t.created_at DESC LIMIT 1) AS invitation_expires_at
           FROM users u WHERE u.id = $1 AND u.practice_id = $2`,
        [client.portalUserId, actor.practiceId],
      );
      if (!row) return none;
      const link = row.accepted ? null : row.invitation_expires_at;
      const state = !row.active ? 'deactivated'
        : row.last_login_at ? 'active'
          : link && link.getTime() > Date.now() ? 'invited'
            : link ? 'invitation_expired' : 'never_signed_in';
      return {
        state, email: row.email, createdAt: row.created_at.toISOString(), lastSignInAt: row.last_login_at?.toISOString() ?? null,
        invitationExpiresAt: state === 'invited' || state === 'invitation_expired' ? link!.toISOString() : null,
      };
    });
  }

  async create(actor: Actor, input: ClientWrite, idempotent?: IdempotentRequest): Promise<ClientDto> {
    return this.dataSource.transaction(async (manager) => this.idempotency.created(manager, idempotent, async () => {
      const practitionerId = await this.practitionerFor(manager, actor, input.practitionerId);
      const client = await manager.getRepository(Client).save(manager.create(Client, {
        practiceId: actor.practiceId,
        practitionerId,
        displayName: input.displayName,
        pronouns: input.pronouns ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        status: input.status,
        version: 1,
      }));
      await this.audit.record(manager, { action: 'create', entity: 'clients', entityId: client.id });
      return toClientDto(client);
    }));
  }

  /**
   * Changes the record only if it is still at the version the caller read (one conditional UPDATE:
   * of two concurrent edits from the same version one wins, the other gets 409 VERSION_CONFLICT).
   */
  async update(actor: Actor, id: string, input: ClientUpdate): Promise<ClientDto> {
    return this.dataSource.transaction(async (manager) => {
      const client = await this.findVisible(manager, actor, id);
      // Only an admin reassigns a client to another practitioner.
      const practitionerId = actor.role === 'admin' && input.practitionerId
        ? await this.practitionerFor(manager, actor, input.practitionerId)
        : client.practitionerId;
      const [, updated] = await manager.query(
        `UPDATE clients
            SET display_name = $2, pronouns = $3, email = $4, phone = $5, status = $6, practitioner_id = $7,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $8
          RETURNING id`,
        [id, input.displayName, input.pronouns ?? null, input.email ?? null, input.phone ?? null, input.status, practitionerId, input.version],
      ) as [unknown[], number];
      if (updated !== 1) throw staleVersion('client record');
      await this.audit.record(manager, { action: 'update', entity: 'clients', entityId: id });
      return toClientDto(await manager.getRepository(Client).findOneByOrFail({ id }));
    });
  }

  /**
   * Gives the client a portal account: a client user linked to this record, with the invitation
   * e-mail (a one-time link to choose a password) sent to `email` (default the record's address).
   * Asked again while the person has not activated yet, it sends a new link (the old one stops working).
   */
  async invitePortal(actor: Actor, id: string, input: PortalInvitation, idempotent?: IdempotentRequest): Promise<PortalInvitationDto> {
    return this.dataSource.transaction(async (manager) => this.idempotency.created(manager, idempotent, async () => {
      const client = await this.findVisible(manager, actor, id, true);
      const email = input.email ?? client.email;
      if (!email) throw badRequest({ email: 'is required: this client record has no e-mail address' });
      let userId = client.portalUserId;
      if (userId) {
        const [state] = await manager.query(
          `SELECT EXISTS (SELECT 1 FROM audit_events WHERE actor_id = $1 AND action IN ('activate', 'login')) AS activated`, [userId]) as Array<{ activated: boolean }>;
        if (state!.activated) throw conflict('This client already uses the portal');
      } else {
        const taken: unknown[] = await manager.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [email]);
        if (taken.length > 0) throw badRequest({ email: 'already belongs to an account' });
        const inserted: Array<{ id: string }> = await manager.query(
          `INSERT INTO users (practice_id, email, role, display_name, password_hash) VALUES ($1, $2, 'client', $3, $4) RETURNING id`,
          [actor.practiceId, email, client.displayName, await hashPassword(randomBytes(32).toString('base64url'))]);
        userId = inserted[0]!.id;
        await manager.query(`UPDATE clients SET portal_user_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, userId]);
        await this.audit.record(manager, { action: 'create', entity: 'users', entityId: userId });
      }
      await this.notifications.rememberLanguage(manager, userId, input.language ?? 'en');
      await this.links.invite(manager, userId, actor);
      await this.audit.record(manager, { action: 'portal_invitation', entity: 'clients', entityId: id });
      const [row] = await manager.query(`SELECT max(expires_at) AS expires_at FROM account_tokens WHERE user_id = $1 AND purpose = 'invitation'`, [userId]) as Array<{ expires_at: Date }>;
      return { clientId: id, userId, email, invitationExpiresAt: new Date(row!.expires_at).toISOString() };
    }));
  }

  /** The client if the actor may see it; otherwise 404, as if it did not exist. */
  /** The cases of these clients: a client's record is part of each case it is in, for the audit trail. */
  private async casesOf(manager: EntityManager, clientIds: string[]): Promise<string[]> {
    if (clientIds.length === 0) return [];
    const rows: Array<{ case_id: string }> = await manager.query(`SELECT DISTINCT case_id FROM case_clients WHERE client_id = ANY($1)`, [clientIds]);
    return rows.map((r) => r.case_id);
  }

  async findVisible(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<Client> {
    const qb = scopeClientsToActor(manager.getRepository(Client).createQueryBuilder('c'), actor, 'c')
      .andWhere('c.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const client = await qb.getOne();
    if (!client) throw notFound('Client');
    return client;
  }

  /** A practitioner's clients are their own; an admin names an active practitioner of the practice. */
  private async practitionerFor(manager: EntityManager, actor: Actor, requested: string | null | undefined): Promise<string> {
    if (actor.role !== 'admin') return actor.userId;
    if (!requested) throw badRequest({ practitionerId: 'is required when an admin creates a client' });
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM users WHERE id = $1 AND practice_id = $2 AND role = 'practitioner' AND active`,
      [requested, actor.practiceId],
    );
    if (rows.length === 0) throw badRequest({ practitionerId: 'is not an active practitioner of this practice' });
    return requested;
  }
}
