import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { noteHasContent, type AddendumInput } from '@attune/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import { scopeToActor } from '../../common/actor-scope.js';
import { badRequest, conflict, notFound } from '../../common/api-errors.js';
import { applyListQuery, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseAccessService, isNotFound } from '../cases/case-access.service.js';
import { Case } from '../cases/case.entity.js';
import { addendumHash, noteHash } from './note-integrity.js';
import { SessionAddendum } from './session-addendum.entity.js';
import type { AddendumWithAuthor } from './sessions.dto.js';
import {
  SESSION_LIST,
  toSessionDto,
  type SessionCreate,
  type SessionResponseDto,
  type SessionSign,
  type SessionUpdate,
} from './sessions.dto.js';
import { TherapySession } from './therapy-session.entity.js';
import { IdempotencyService, type IdempotentRequest } from '../idempotency/idempotency.service.js';

const signedNote = () => conflict('This session\'s note is signed and cannot change; add an addendum instead', 'NOTE_SIGNED');
const staleVersion = () => conflict('The session was changed by someone else since you opened it; reload it and try again', 'VERSION_CONFLICT');

/**
 * Therapy sessions and their notes. A signed note is locked (the database refuses to update or delete
 * a signed row, so this service never tries): later words are addenda.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async list(actor: Actor, query: ParsedListQuery): Promise<ListPage<SessionResponseDto>> {
    return this.dataSource.transaction(async (manager) => {
      const qb = manager.getRepository(TherapySession).createQueryBuilder('s').innerJoin(Case, 'k', 'k.id = s.case_id');
      scopeToActor(qb, actor, 'k.practice_id', 'k.practitioner_id');
      const [rows, total] = await applyListQuery(qb, SESSION_LIST, query).getManyAndCount();
      const addenda = await this.addendaOf(manager, rows.map((s) => s.id));
      await this.audit.recordCaseReads(manager, 'list', 'sessions', rows.map((s) => s.caseId));
      return new ListPage('sessions', rows.map((s) => toSessionDto(s, addenda.get(s.id) ?? [])), total, query.range);
    });
  }

  async get(actor: Actor, id: string): Promise<SessionResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const s = await this.findVisible(manager, actor, id);
      await this.audit.record(manager, { action: 'read', entity: 'sessions', entityId: id, caseId: s.caseId });
      return this.respond(manager, s.id);
    });
  }

  async create(actor: Actor, input: SessionCreate, idempotent?: IdempotentRequest): Promise<SessionResponseDto> {
    return this.dataSource.transaction(async (manager) => this.idempotency.created(manager, idempotent, async () => {
      const k = await this.access.caseForWrite(manager, actor, input.caseId);
      await this.assertAttendees(manager, k, input);
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO therapy_sessions (practice_id, case_id, starts_at, duration_minutes, format, attendee_ids, stage, note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING id`,
        [k.practiceId, k.id, new Date(input.startsAt), input.durationMinutes, input.format, lower(input.attendeeIds), input.stage,
          JSON.stringify(input.note), actor.userId],
      );
      await this.audit.record(manager, { action: 'create', entity: 'sessions', entityId: row!.id, caseId: k.id });
      return this.respond(manager, row!.id);
    }));
  }

  /** Changes an unsigned session; with `version`, only if nobody changed it in between. */
  async update(actor: Actor, id: string, input: SessionUpdate): Promise<SessionResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const s = await this.findVisible(manager, actor, id);
      if (s.signedAt) throw signedNote();
      const k = await this.access.findVisibleCase(manager, actor, s.caseId);
      await this.assertAttendees(manager, k, input);
      const [, updated] = await manager.query(
        `UPDATE therapy_sessions
            SET starts_at = $2, duration_minutes = $3, format = $4, attendee_ids = $5, stage = $6, note = $7,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND signed_at IS NULL AND ($8::int IS NULL OR version = $8::int)
          RETURNING id`,
        [id, new Date(input.startsAt), input.durationMinutes, input.format, lower(input.attendeeIds), input.stage,
          JSON.stringify(input.note), input.version ?? null],
      ) as [unknown[], number];
      if (updated === 0) throw await this.whyNotChanged(manager, id);
      await this.audit.record(manager, { action: 'update', entity: 'sessions', entityId: id, caseId: s.caseId });
      return this.respond(manager, id);
    });
  }

  /** Deletes a session whose note is not signed; answers the deleted record (react-admin expects it). */
  async remove(actor: Actor, id: string): Promise<SessionResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const s = await this.findVisible(manager, actor, id, { lock: true });
      if (s.signedAt) throw signedNote();
      const deleted = await this.respond(manager, id);
      await manager.query(`DELETE FROM therapy_sessions WHERE id = $1 AND signed_at IS NULL`, [id]);
      await this.audit.record(manager, { action: 'delete', entity: 'sessions', entityId: id, caseId: s.caseId });
      return deleted;
    });
  }

  /** Signs the note: stores who and when, and the SHA-256 of its canonical text. */
  async sign(actor: Actor, id: string, input: SessionSign): Promise<SessionResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const s = await this.findVisible(manager, actor, id, { lock: true });
      if (s.signedAt) throw conflict('This session\'s note is already signed', 'NOTE_SIGNED');
      if (input.version !== undefined && input.version !== s.version) throw staleVersion();
      if (s.startsAt.getTime() > Date.now()) throw conflict('A session\'s note can be signed once the session has started');
      if (!noteHasContent(s.note)) throw badRequest({ note: 'is empty: write at least one section before signing' }, 'An empty note cannot be signed');
      await manager.query(
        `UPDATE therapy_sessions
            SET signed_at = now(), signed_by = $2, note_hash = $3, version = version + 1, updated_at = now()
          WHERE id = $1 AND signed_at IS NULL`,
        [id, actor.userId, noteHash(s.note)],
      );
      await this.audit.record(manager, { action: 'sign', entity: 'sessions', entityId: id, caseId: s.caseId });
      return this.respond(manager, id);
    });
  }

  /**
   * Adds text to a signed note; an unsigned note is simply edited instead. The session's row is
   * locked so addenda of one note are chained one after the other: each stores the SHA-256 of the
   * previous link (the note's hash for the first) and its own text, author and time.
   */
  async addAddendum(actor: Actor, id: string, input: AddendumInput): Promise<SessionResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const s = await this.findVisible(manager, actor, id, { lock: true });
      if (!s.signedAt || !s.noteHash) throw conflict('Only a signed note takes addenda; while it is unsigned, edit the note itself');
      const [link]: Array<{ at: Date; position: number | null; hash: string | null }> = await manager.query(
        `SELECT date_trunc('milliseconds', clock_timestamp()) AS at, last.position, last.hash
           FROM (SELECT 1) AS one
           LEFT JOIN LATERAL (SELECT position, hash FROM session_addenda WHERE session_id = $1 ORDER BY position DESC LIMIT 1) AS last ON true`,
        [id],
      );
      const createdAt = new Date(link!.at);
      const hash = addendumHash(link!.hash ?? s.noteHash, { text: input.text, authorId: actor.userId, createdAt });
      await manager.query(
        `INSERT INTO session_addenda (practice_id, session_id, author_id, text, position, hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [s.practiceId, id, actor.userId, input.text, (link!.position ?? 0) + 1, hash, createdAt],
      );
      await this.audit.record(manager, { action: 'addendum', entity: 'sessions', entityId: id, caseId: s.caseId });
      return this.respond(manager, id);
    });
  }

  /** The session if its case is within the actor's reach (CaseAccessService's rule); otherwise 404. */
  private async findVisible(manager: EntityManager, actor: Actor, id: string, options: { lock?: boolean } = {}): Promise<TherapySession> {
    const qb = manager.getRepository(TherapySession).createQueryBuilder('s').where('s.id = :id', { id });
    if (options.lock) qb.setLock('pessimistic_write');
    const s = await qb.getOne();
    if (!s) throw notFound('Session');
    try {
      await this.access.findVisibleCase(manager, actor, s.caseId);
    } catch (error) {
      if (isNotFound(error)) throw notFound('Session');
      throw error;
    }
    return s;
  }

  /** Attendees are clients of the session's case; a joint session needs a couple case. */
  private async assertAttendees(manager: EntityManager, k: Case, input: { format: string; attendeeIds: string[] }): Promise<void> {
    if (input.format === 'joint' && k.kind !== 'couple') {
      throw badRequest({ format: 'a joint session needs a couple case; this case is individual' });
    }
    const clientIds = await this.access.clientIdsOfCase(manager, k.id);
    const outsider = input.attendeeIds.findIndex((attendee) => !clientIds.includes(attendee.toLowerCase()));
    if (outsider !== -1) throw badRequest({ attendeeIds: `attendee ${outsider + 1} is not a client of this case` });
  }

  private async whyNotChanged(manager: EntityManager, id: string): Promise<Error> {
    const [row]: Array<{ signed: boolean }> = await manager.query(`SELECT signed_at IS NOT NULL AS signed FROM therapy_sessions WHERE id = $1`, [id]);
    if (!row) return notFound('Session');
    return row.signed ? signedNote() : staleVersion();
  }

  private async respond(manager: EntityManager, id: string): Promise<SessionResponseDto> {
    const s = await manager.getRepository(TherapySession).findOneByOrFail({ id });
    const addenda = await this.addendaOf(manager, [id]);
    return toSessionDto(s, addenda.get(id) ?? []);
  }

  /** The addenda of many sessions in one query, oldest first, each with its author's display name. */
  private async addendaOf(manager: EntityManager, sessionIds: string[]): Promise<Map<string, AddendumWithAuthor[]>> {
    const bySession = new Map<string, AddendumWithAuthor[]>();
    if (sessionIds.length === 0) return bySession;
    const rows = await manager.getRepository(SessionAddendum).find({
      where: { sessionId: In(sessionIds) },
      order: { position: 'ASC' },
    });
    const authorIds = [...new Set(rows.map((a) => a.authorId))];
    const names: Array<{ id: string; display_name: string }> = authorIds.length === 0 ? [] : await manager.query(
      `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`, [authorIds]);
    const nameOf = new Map(names.map((n) => [n.id, n.display_name]));
    for (const a of rows) {
      const withAuthor = Object.assign(a, { authorName: nameOf.get(a.authorId) ?? null });
      bySession.set(a.sessionId, [...(bySession.get(a.sessionId) ?? []), withAuthor]);
    }
    return bySession;
  }
}

function lower(ids: string[]): string[] {
  return ids.map((id) => id.toLowerCase());
}
