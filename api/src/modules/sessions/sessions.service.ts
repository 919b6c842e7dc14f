import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  canChangeStatus,
  noteHasContent,
  isLateCancellation,
  isResolvedTime,
  occupiesTime,
  resolveAppointmentTime,
  seriesOccurrences,
  shiftFollowing,
  type AddendumInput,
  type AppointmentMove,
  type AppointmentStatusChange,
  type ChangeRequestDecisionInput,
  type SeriesScope,
} from '@attune/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { scopeToActor } from '../../common/actor-scope.js';
import { badRequest, conflict, notFound } from '../../common/api-errors.js';
import { assertPlannedTimes } from '../../common/recorded-time.js';
import { applyListQuery, getRawPageAndCount, ListPage, type ParsedListQuery } from '../../common/list-query.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseAccessService, isNotFound } from '../cases/case-access.service.js';
import { Case } from '../cases/case.entity.js';
import { addendumHash, noteHash } from './note-integrity.js';
import { assertBookable, type BookingSlot } from './appointment-booking.js';
import { personScheduleOf, schedulingPolicyOf, wallClocksOf } from './scheduling-settings.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { PORTAL_SESSIONS_LINK } from '../scheduling/appointment-reminders.js';
import { ATTENDING_ACCOUNTS_SQL, selectSessionColumns } from './session-rows.js';
import { appointmentInvite, calendarAppointmentsOf, type CalendarAppointment } from './appointment-invite.js';
import type { Language } from '../notifications/message-kinds.js';
import {
  SESSION_LIST,
  toSessionDto,
  type SessionCreate,
  type SessionRow,
  type SessionSign,
  type SessionUpdate,
} from './sessions.dto.js';
import { TherapySession } from './therapy-session.entity.js';
import { joined, namesById, type ListExport } from '../exports/list-export.js';
import { IdempotencyService, type IdempotentRequest } from '../idempotency/idempotency.service.js';
import type { SessionDto } from '@attune/domain';


const signedNote = () => conflict('This session\'s note is signed and cannot change; add an addendum instead', 'NOTE_SIGNED');
const staleVersion = (now?: { startsAt: Date }) => conflict(
  `The session was changed by someone else since you opened it${now ? ` (it now starts at ${now.startsAt.toISOString()})` : ''}; reload it and try again`,
  'VERSION_CONFLICT',
);
const MINUTE_MS = 60_000;
/** A booked appointment still ahead: the kind its clients hear about when it moves or is cancelled. */
const isUpcoming = (status: string, startsAt: Date) => status === 'scheduled' && startsAt.getTime() > Date.now();

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
    private readonly notifications: NotificationsService,
  ) {}

  /** One statement a page (the calendar's week included): rows, names, addenda, requests and the total. */
  async list(actor: Actor, query: ParsedListQuery): Promise<ListPage<SessionDto>> {
    return this.dataSource.transaction(async (manager) => {
      const qb = selectSessionColumns(manager.getRepository(TherapySession).createQueryBuilder('s').innerJoin(Case, 'k', 'k.id = s.case_id'));
      scopeToActor(qb, actor, 'k.practice_id', 'k.practitioner_id');
      const [rows, total] = await getRawPageAndCount<SessionRow>(applyListQuery(qb, SESSION_LIST, query), query.range);
      await this.audit.recordCaseReads(manager, 'list', 'sessions', rows.map((s) => s.case_id));
      return new ListPage('sessions', rows.map(toSessionDto), total, query.range);
    });
  }

  /**
   * The session list as CSV rows: when, how long, who attended, signed or not. The notes' text stays
   * out of a list export (a case's record export carries it).
   */
  exportSource(actor: Actor): ListExport<SessionDto & { attendees: string; signer: string }> {
    return {
      resource: 'sessions',
      spec: SESSION_LIST,
      scoped: async (manager, query) => {
        const qb = manager.getRepository(TherapySession).createQueryBuilder('s').innerJoin(Case, 'k', 'k.id = s.case_id');
        return { qb: scopeToActor(qb, actor, 'k.practice_id', 'k.practitioner_id'), query };
      },
      load: async (manager, ids) => {
        const rows = await selectSessionColumns(manager.getRepository(TherapySession).createQueryBuilder('s').innerJoin(Case, 'k', 'k.id = s.case_id'))
          .where('s.id = ANY(:ids)', { ids }).getRawMany<SessionRow>();
        const users = await namesById(manager, 'users', rows.map((r) => r.signed_by));
        return rows.map((r) => {
          const s = toSessionDto(r);
          return { ...s, attendees: joined(s.attendeeNames), signer: s.signedBy ? users.get(s.signedBy) ?? '' : '' };
        });
      },
      id: (s) => s.id,
      caseIds: (s) => [s.caseId],
      columns: [
        ['id', (s) => s.id], ['case', (s) => s.caseTitle], ['startsAt', (s) => s.startsAt], ['durationMinutes', (s) => s.durationMinutes],
        ['format', (s) => s.format], ['meetingFormat', (s) => s.meetingFormat], ['status', (s) => s.status], ['attendees', (s) => s.attendees], ['stage', (s) => s.stage],
        ['signedAt', (s) => s.signedAt], ['signedBy', (s) => s.signer],
      ],
    };
  }

  async get(actor: Actor, id: string): Promise<SessionDto> {
    return this.dataSource.transaction(async (manager) => {
      const s = await this.findVisible(manager, actor, id);
      await this.audit.record(manager, { action: 'read', entity: 'sessions', entityId: id, caseId: s.caseId });
      return this.respond(manager, s.id);
    });
  }

  /**
   * Books an appointment (or records a past session): its time resolved in the practitioner's zone,
   * a series expanded to every occurrence, clashes and working hours checked for all of them under
   * the practitioner's calendar lock, then every row written in the one transaction.
   */
  async create(actor: Actor, input: SessionCreate, idempotent?: IdempotentRequest): Promise<SessionDto> {
    return this.dataSource.transaction(async (manager) => this.idempotency.created(manager, idempotent, async () => {
      const k = await this.access.caseForWrite(manager, actor, input.caseId);
      await this.assertAttendees(manager, k, input);
      const schedule = await personScheduleOf(manager, k.practiceId, k.practitionerId);
      const time = resolveAppointmentTime(input, schedule.timeZone);
      if (!isResolvedTime(time)) throw badRequest(time);
      const now = Date.now();
      const status = input.status ?? (time.startsAt.getTime() > now ? 'scheduled' : 'held');
      if ((status === 'held' || status === 'no_show') && time.startsAt.getTime() > now) {
        throw badRequest({ status: 'an appointment in the future cannot be held or missed yet; book it as scheduled' });
      }
      let starts: Date[] = [time.startsAt];
      if (input.repeat) {
        const series = seriesOccurrences(time.local, time.timeZone, input.repeat);
        if (!Array.isArray(series)) throw badRequest({ [series.field]: series.message });
        starts = series.map((o) => o.startsAt);
      }
      assertPlannedTimes(starts, 'startsAt', k.openedAt, 'repeat');
      const slots: BookingSlot[] = starts.map((startsAt) => ({ startsAt, durationMinutes: time.durationMinutes }));
      if (occupiesTime(status)) {
        await assertBookable(manager, {
          practiceId: k.practiceId, practitionerId: k.practitionerId, slots, excludeIds: [], schedule,
          conflictOverrideReason: input.conflictOverrideReason, outsideWorkingHours: input.outsideWorkingHours,
        });
      }
      const seriesId = input.repeat ? randomUUID() : null;
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO therapy_sessions (practice_id, case_id, starts_at, duration_minutes, format, attendee_ids, stage, note, created_by,
                                       status, meeting_format, location, series_id, time_zone, conflict_override_reason)
         SELECT $1, $2, starts, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 FROM unnest($3::timestamptz[]) AS starts
         ORDER BY starts
         RETURNING id`,
        [k.practiceId, k.id, starts, time.durationMinutes, input.format, lower(input.attendeeIds), input.stage,
          JSON.stringify(input.note), actor.userId, status, input.meetingFormat ?? 'in_person', input.location ?? null, seriesId,
          time.timeZone, input.conflictOverrideReason ?? null],
      );
      await this.audit.recordMany(manager, rows.map((row) => ({ action: 'create', entity: 'sessions', entityId: row.id, caseId: k.id })));
      if (status === 'scheduled') await this.tellClients(manager, { kind: 'appointment_booked', practitionerId: k.practitionerId, ids: rows.map((row) => row.id) });
      return this.respond(manager, rows[0]!.id);
    }));
  }

  /**
   * Changes an unsigned session; with `version`, only if nobody changed it in between. A new time
   * is checked like a booking; with scope `following`, a series' later unsigned appointments move
   * by the same days to the same wall-clock time and take the same format and location.
   */
  async update(actor: Actor, id: string, input: SessionUpdate): Promise<SessionDto> {
    return this.dataSource.transaction(async (manager) => {
      const s = await this.findVisible(manager, actor, id, { lock: true });
      if (s.signedAt) throw signedNote();
      if (input.version !== undefined && input.version !== s.version) throw staleVersion(s);
      const k = await this.access.findVisibleCase(manager, actor, s.caseId);
      await this.assertAttendees(manager, k, input);
      // a record sent back whole carries both its length and its end: the length is what changes
      const timing = input.durationMinutes !== undefined ? { ...input, endsAt: undefined } : input;
      const moved = await this.reschedule(manager, s, k, timing, input.scope, input, actor.userId);
      const [, updated] = await manager.query(
        `UPDATE therapy_sessions
            SET format = $2, attendee_ids = $3, stage = $4, note = $5, meeting_format = $6, location = $7,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND signed_at IS NULL
          RETURNING id`,
        [id, input.format, lower(input.attendeeIds), input.stage, JSON.stringify(input.note),
          input.meetingFormat ?? s.meetingFormat, input.location === undefined ? s.location : input.location],
      ) as [unknown[], number];
      if (updated === 0) throw await this.whyNotChanged(manager, id);
      if (input.scope === 'following' && s.seriesId) {
        await manager.query(
          `UPDATE therapy_sessions SET meeting_format = $3, location = $4, version = version + 1, updated_at = now()
            WHERE series_id = $1 AND starts_at > $2 AND signed_at IS NULL AND status = 'scheduled'`,
          [s.seriesId, s.startsAt, input.meetingFormat ?? s.meetingFormat, input.location === undefined ? s.location : input.location],
        );
      }
      await this.audit.record(manager, { action: 'update', entity: 'sessions', entityId: id, caseId: s.caseId });
      return this.respondMoved(manager, s, k, moved);
    });
  }

  /**
   * Moves an appointment (drag, resize or the form): the version the mover saw must still be the
   * row's, else 409 VERSION_CONFLICT with the time it has now. Clashes and working hours are checked
   * as for a booking; scope `following` moves the series' later scheduled appointments alike.
   */
  async move(actor: Actor, id: string, input: AppointmentMove): Promise<SessionDto> {
    return this.dataSource.transaction((manager) => this.moveWithin(manager, actor, id, input, { tellClients: true }));
  }

  /** `tellClients`: false when the move answers a client's request (that answer tells them). */
  private async moveWithin(manager: EntityManager, actor: Actor, id: string, input: AppointmentMove, options: { tellClients: boolean }): Promise<SessionDto> {
    const s = await this.findVisible(manager, actor, id, { lock: true });
    if (s.signedAt) throw signedNote();
    if (input.version !== s.version) throw staleVersion(s);
    const k = await this.access.findVisibleCase(manager, actor, s.caseId);
    const timing = input.durationMinutes === undefined && input.endsAt === undefined ? { ...input, durationMinutes: s.durationMinutes } : input;
    const moved = await this.reschedule(manager, s, k, timing, input.scope, input, actor.userId);
    await manager.query(`UPDATE therapy_sessions SET version = version + 1, updated_at = now() WHERE id = $1 AND signed_at IS NULL`, [id]);
    await this.audit.record(manager, { action: 'update', entity: 'sessions', entityId: id, caseId: s.caseId });
    return options.tellClients ? this.respondMoved(manager, s, k, moved) : this.respond(manager, id);
  }

  /** The moved session as it now is, its clients told when it (still) lies ahead as booked. */
  private async respondMoved(manager: EntityManager, before: TherapySession, k: Case, moved: string[]): Promise<SessionDto> {
    const session = await this.respond(manager, before.id);
    if (moved.length > 0 && isUpcoming(session.status, new Date(session.startsAt))) {
      await this.tellClients(manager, { kind: 'appointment_moved', practitionerId: k.practitionerId, ids: moved, ...(moved[0] === before.id ? { was: before.startsAt } : {}) });
    }
    return session;
  }

  /**
   * Changes the state: held or missed once it has started; cancelled with who and why (late when
   * under the practice's notice; with scope `following`, the series' later scheduled ones too);
   * back to scheduled if the time is still free. A signed note fixes the state: 409.
   */
  async changeStatus(actor: Actor, id: string, input: AppointmentStatusChange & { scope?: SeriesScope }): Promise<SessionDto> {
    return this.dataSource.transaction((manager) => this.changeStatusWithin(manager, actor, id, input, { lateAsOf: new Date(), tellClients: true }));
  }

  /**
   * `lateAsOf`: the moment a cancellation is measured against the notice (now, or when the client
   * asked); `tellClients`: false when the change answers a client's request (that answer tells them).
   */
  private async changeStatusWithin(
    manager: EntityManager, actor: Actor, id: string, input: AppointmentStatusChange & { scope?: SeriesScope }, options: { lateAsOf: Date; tellClients: boolean },
  ): Promise<SessionDto> {
    const { lateAsOf } = options;
    const s = await this.findVisible(manager, actor, id, { lock: true });
    if (s.signedAt) throw signedNote();
    if (input.version !== undefined && input.version !== s.version) throw staleVersion(s);
    if (!canChangeStatus(s.status, input.status)) {
      throw conflict(`An appointment that is ${s.status.replace('_', '-')} cannot become ${input.status.replace('_', '-')}`, 'INVALID_STATUS_TRANSITION');
    }
    const now = new Date();
    if ((input.status === 'held' || input.status === 'no_show') && s.startsAt.getTime() > now.getTime()) {
      throw conflict('An appointment can be marked held or missed once it has started', 'INVALID_STATUS_TRANSITION');
    }
    const k = await this.access.findVisibleCase(manager, actor, s.caseId);
    if (input.status === 'scheduled') {
      const schedule = await personScheduleOf(manager, k.practiceId, k.practitionerId);
      await assertBookable(manager, {
        practiceId: k.practiceId, practitionerId: k.practitionerId, slots: [s], excludeIds: [s.id], schedule, outsideWorkingHours: true,
      });
    }
    const cancelling = input.status === 'cancelled';
    const policy = cancelling ? await schedulingPolicyOf(manager, k.practiceId) : null;
    const ids = [id];
    if (cancelling && input.scope === 'following' && s.seriesId) {
      const later: Array<{ id: string }> = await manager.query(
        `SELECT id FROM therapy_sessions WHERE series_id = $1 AND starts_at > $2 AND status = 'scheduled' AND signed_at IS NULL FOR UPDATE`,
        [s.seriesId, s.startsAt],
      );
      ids.push(...later.map((r) => r.id));
    }
    await manager.query(
      `UPDATE therapy_sessions
          SET status = $2,
              cancelled_by = CASE WHEN $2 = 'cancelled' THEN $3 END,
              cancel_reason = CASE WHEN $2 = 'cancelled' THEN $4 END,
              cancelled_at = CASE WHEN $2 = 'cancelled' THEN $5::timestamptz END,
              cancelled_late = CASE WHEN $2 = 'cancelled' THEN starts_at - $7::timestamptz < make_interval(hours => $6) END,
              version = version + 1, updated_at = now()
        WHERE id = ANY($1::uuid[]) AND signed_at IS NULL`,
      [ids, input.status, input.cancelledBy ?? null, input.reason ?? null, now, policy?.changeNoticeHours ?? 0, lateAsOf],
    );
    if (cancelling) {
      // a cancellation answers any open request to change these sessions
      await manager.query(
        `UPDATE session_change_requests SET resolved_at = now(), outcome = 'accepted', resolved_by = $2 WHERE session_id = ANY($1::uuid[]) AND resolved_at IS NULL`,
        [ids, actor.userId]);
    }
    await this.audit.recordMany(manager, ids.map((entityId) => ({ action: 'update', entity: 'sessions', entityId, caseId: s.caseId })));
    if (cancelling && options.tellClients && isUpcoming(s.status, s.startsAt)) {
      await this.tellClients(manager, { kind: 'appointment_cancelled', practitionerId: k.practitionerId, ids });
    }
    return this.respond(manager, id);
  }

  /**
   * Answers a client's open request to cancel or reschedule: accepting cancels the session (by the
   * client; late only if the request itself came late) or moves it to the time given, checked like
   * any move; declining keeps it and stores the reason the client reads in the portal. Either way
   * the client is told (in-app and by e-mail, with the times only) in the same transaction.
   */
  async decideChangeRequest(actor: Actor, id: string, requestId: string, input: ChangeRequestDecisionInput): Promise<SessionDto> {
    return this.dataSource.transaction(async (manager) => {
      const s = await this.findVisible(manager, actor, id, { lock: true });
      const [request]: Array<{ id: string; kind: 'cancel' | 'reschedule'; requested_by: string; created_at: Date; resolved_at: Date | null }> = await manager.query(
        `SELECT id, kind, requested_by, created_at, resolved_at FROM session_change_requests WHERE id = $1 AND session_id = $2 FOR UPDATE`, [requestId, id]);
      if (!request) throw notFound('Change request');
      if (request.resolved_at) throw conflict('This request was already answered', 'VERSION_CONFLICT');
      if (input.version !== s.version) throw staleVersion(s);
      if (input.decision === 'accept' && request.kind === 'cancel') {
        await this.changeStatusWithin(manager, actor, id, {
          status: 'cancelled', cancelledBy: 'client', reason: input.reason ?? 'At the client\'s request', version: input.version,
        }, { lateAsOf: new Date(request.created_at), tellClients: false });
      } else if (input.decision === 'accept') {
        if (input.startsAt === undefined && input.localStartsAt === undefined) throw badRequest({ startsAt: 'is required to accept a reschedule: the new time' });
        await this.moveWithin(manager, actor, id, { ...input, scope: 'this' }, { tellClients: false });
      }
      const outcome = input.decision === 'accept' ? 'accepted' : 'declined';
      await manager.query(
        `UPDATE session_change_requests SET resolved_at = now(), outcome = $2, resolution_reason = $3, resolved_by = $4 WHERE id = $1`,
        [requestId, outcome, input.decision === 'decline' ? input.reason : null, actor.userId]);
      const session = await this.respond(manager, id);
      await this.audit.record(manager, { action: 'update', entity: 'session-change-requests', entityId: requestId, caseId: s.caseId });
      const [before, after] = [await wallClocksOf(manager, [request.requested_by], s.startsAt), await wallClocksOf(manager, [request.requested_by], new Date(session.startsAt))];
      const [practitioner]: Array<{ display_name: string }> = await manager.query(`SELECT display_name FROM users WHERE id = $1`, [session.practitionerId]);
      await this.notifications.notify(manager, {
        recipientUserId: request.requested_by,
        kind: outcome === 'accepted' ? 'change_request_accepted' : 'change_request_declined',
        params: {
          practitionerName: practitioner?.display_name, requestKind: request.kind, appointmentTime: before.get(request.requested_by),
          newAppointmentTime: outcome === 'accepted' && request.kind === 'reschedule' ? after.get(request.requested_by) : undefined,
        },
        link: PORTAL_SESSIONS_LINK,
        dedupeKey: `change_request:${requestId}`,
        ...(outcome === 'accepted' ? { calendarEvent: this.invite(await calendarAppointmentsOf(manager, [id]), practitioner?.display_name) } : {}),
      });
      return session;
    });
  }

  /**
   * Tells each attending client with a portal account that appointments were booked, moved or
   * cancelled (a series in one message): the first one's time (before a move, `was`; after it, the
   * new time) on their clock, and every appointment as it now stands in the attached `.ics`, so
   * their own calendar adds, moves or drops it. `appointments` when the rows are about to go.
   */
  private async tellClients(
    manager: EntityManager, change: { kind: 'appointment_booked' | 'appointment_moved' | 'appointment_cancelled'; practitionerId: string | null; ids: string[]; was?: Date; appointments?: CalendarAppointment[] },
  ): Promise<void> {
    if (change.ids.length === 0) return;
    const [first]: Array<{ starts_at: Date; version: number; recipients: string[] }> = await manager.query(
      `SELECT s.starts_at, s.version, ${ATTENDING_ACCOUNTS_SQL} AS recipients FROM therapy_sessions s WHERE s.id = $1`, [change.ids[0]]);
    if (!first || first.recipients.length === 0) return;
    const [practitioner]: Array<{ display_name: string }> = await manager.query(`SELECT display_name FROM users WHERE id = $1`, [change.practitionerId]);
    const startsAt = new Date(first.starts_at);
    const times = await wallClocksOf(manager, first.recipients, change.was ?? startsAt);
    const newTimes = change.kind === 'appointment_moved' ? await wallClocksOf(manager, first.recipients, startsAt) : null;
    const invite = this.invite(change.appointments ?? await calendarAppointmentsOf(manager, change.ids), practitioner?.display_name);
    for (const [userId, localTime] of times) {
      await this.notifications.notify(manager, {
        recipientUserId: userId,
        kind: change.kind,
        params: { practitionerName: practitioner?.display_name, appointmentTime: localTime, newAppointmentTime: newTimes?.get(userId), count: change.ids.length },
        link: PORTAL_SESSIONS_LINK,
        dedupeKey: change.kind === 'appointment_booked' ? `appointment_booked:${change.ids[0]!}:${userId}` : `${change.kind}:${change.ids[0]!}:${first.version}:${userId}`,
        calendarEvent: invite,
      });
    }
  }

  private invite(appointments: CalendarAppointment[], practitionerName: string | undefined): (language: Language) => string {
    return (language) => appointmentInvite(appointments, practitionerName, language);
  }

  /**
   * The new time of `s` (and with `following`, of its series' later ones), checked and written;
   * no-op when unchanged. Answers the ids moved. The caller bumps `s`'s own version (once per request).
   */
  private async reschedule(
    manager: EntityManager, s: TherapySession, k: Case,
    timing: Parameters<typeof resolveAppointmentTime>[0], scope: SeriesScope,
    overrides: { conflictOverrideReason?: string | undefined; outsideWorkingHours?: boolean | undefined }, movedBy: string,
  ): Promise<string[]> {
    const schedule = await personScheduleOf(manager, k.practiceId, k.practitionerId);
    const time = resolveAppointmentTime({ timeZone: s.timeZone, ...timing }, s.timeZone || schedule.timeZone);
    if (!isResolvedTime(time)) throw badRequest(time);
    const moves: Array<{ id: string; startsAt: Date; durationMinutes: number }> = [];
    if (time.startsAt.getTime() !== s.startsAt.getTime() || time.durationMinutes !== s.durationMinutes) {
      moves.push({ id: s.id, startsAt: time.startsAt, durationMinutes: time.durationMinutes });
    }
    if (scope === 'following' && s.seriesId) {
      const later: Array<{ id: string; starts_at: Date }> = await manager.query(
        `SELECT id, starts_at FROM therapy_sessions
          WHERE series_id = $1 AND starts_at > $2 AND status = 'scheduled' AND signed_at IS NULL
          ORDER BY starts_at FOR UPDATE`,
        [s.seriesId, s.startsAt],
      );
      for (const row of later) {
        moves.push({ id: row.id, startsAt: shiftFollowing(s.startsAt, time.startsAt, new Date(row.starts_at), s.timeZone), durationMinutes: time.durationMinutes });
      }
    }
    if (moves.length === 0) return [];
    assertPlannedTimes(moves.map((m) => m.startsAt), 'startsAt', k.openedAt);
    if (time.startsAt.getTime() < Date.now() - 5 * MINUTE_MS && s.status === 'scheduled' && s.startsAt.getTime() > Date.now()) {
      throw badRequest({ startsAt: 'an upcoming appointment cannot be moved into the past' });
    }
    if (occupiesTime(s.status)) {
      await assertBookable(manager, {
        practiceId: k.practiceId, practitionerId: k.practitionerId, slots: moves, excludeIds: moves.map((m) => m.id), schedule,
        conflictOverrideReason: overrides.conflictOverrideReason, outsideWorkingHours: overrides.outsideWorkingHours,
      });
    }
    await manager.query(
      `UPDATE therapy_sessions s
          SET starts_at = m.starts_at, duration_minutes = m.duration_minutes, reminder_sent_at = NULL,
              conflict_override_reason = coalesce($4, s.conflict_override_reason),
              version = s.version + (s.id <> $5)::int, updated_at = now()
         FROM unnest($1::uuid[], $2::timestamptz[], $3::int[]) AS m(id, starts_at, duration_minutes)
        WHERE s.id = m.id AND s.signed_at IS NULL`,
      [moves.map((m) => m.id), moves.map((m) => m.startsAt), moves.map((m) => m.durationMinutes), overrides.conflictOverrideReason ?? null, s.id],
    );
    // a client's request to change a time is answered by the move
    await manager.query(
      `UPDATE session_change_requests SET resolved_at = now(), outcome = 'accepted', resolved_by = $2 WHERE session_id = ANY($1::uuid[]) AND resolved_at IS NULL`,
      [moves.map((m) => m.id), movedBy]);
    return moves.map((m) => m.id);
  }

  /** Deletes a session whose note is not signed; answers the deleted record (react-admin expects it). */
  async remove(actor: Actor, id: string): Promise<SessionDto> {
    return this.dataSource.transaction(async (manager) => {
      const s = await this.findVisible(manager, actor, id, { lock: true });
      if (s.signedAt) throw signedNote();
      const deleted = await this.respond(manager, id);
      if (isUpcoming(s.status, s.startsAt)) {
        // a booked appointment taken out of the calendar is, for its clients, a cancelled one
        const [gone] = await calendarAppointmentsOf(manager, [id]);
        const k = await this.access.findVisibleCase(manager, actor, s.caseId);
        await this.tellClients(manager, { kind: 'appointment_cancelled', practitionerId: k.practitionerId, ids: [id], appointments: [{ ...gone!, status: 'cancelled', version: gone!.version + 1, updatedAt: new Date() }] });
      }
      await manager.query(`DELETE FROM therapy_sessions WHERE id = $1 AND signed_at IS NULL`, [id]);
      await this.audit.record(manager, { action: 'delete', entity: 'sessions', entityId: id, caseId: s.caseId });
      return deleted;
    });
  }

  /** Signs the note: stores who and when, and the SHA-256 of its canonical text. */
  async sign(actor: Actor, id: string, input: SessionSign): Promise<SessionDto> {
    return this.dataSource.transaction(async (manager) => {
      const s = await this.findVisible(manager, actor, id, { lock: true });
      if (s.signedAt) throw conflict('This session\'s note is already signed', 'NOTE_SIGNED');
      if (input.version !== undefined && input.version !== s.version) throw staleVersion(s);
      if (s.startsAt.getTime() > Date.now()) throw conflict('A session\'s note can be signed once the session has started');
      if (s.status !== 'held') throw conflict('Only a held session\'s note can be signed: mark the appointment held first', 'INVALID_STATUS_TRANSITION');
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
  async addAddendum(actor: Actor, id: string, input: AddendumInput): Promise<SessionDto> {
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

  private async respond(manager: EntityManager, id: string): Promise<SessionDto> {
    const qb = selectSessionColumns(manager.getRepository(TherapySession).createQueryBuilder('s').innerJoin(Case, 'k', 'k.id = s.case_id'))
      .where('s.id = :id', { id });
    const row = await qb.getRawOne<SessionRow>();
    if (!row) throw notFound('Session');
    return toSessionDto(row);
  }
}

function lower(ids: string[]): string[] {
  return ids.map((id) => id.toLowerCase());
}
