import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  changeRequestAllowed,
  toZonedLocal,
  type ChangeRequestInput,
  type ChangeRequestKind,
  type MeetingFormat,
  type ChangeRequestDto,
  type MyChangeRequestDto,
  type MySessionDto,
} from '@attune/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { conflict, DomainError, notFound } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { IdempotencyService, type IdempotentRequest } from '../idempotency/idempotency.service.js';
import { myClientIds } from '../me/my-scope.js';
import { personScheduleOf, schedulingPolicyOf } from '../sessions/scheduling-settings.js';

const UPCOMING_LIMIT = 50;

interface UpcomingRow {
  id: string; starts_at: Date; duration_minutes: number; meeting_format: MeetingFormat; location: string | null;
  practitioner_id: string; practitioner_name: string; pending: ChangeRequestKind | null;
}

/**
 * The portal's side of the calendar: a client's upcoming sessions (those they attend, still
 * scheduled) in their own zone, and their requests to cancel or reschedule one within the
 * practice's notice. Nothing clinical: no case title, no note.
 */
@Injectable()
export class MySessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyService,
  ) {}

  async upcoming(actor: Actor, requestedZone: string | undefined): Promise<MySessionDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const clientIds = await myClientIds(manager, actor);
      if (clientIds.length === 0) return [];
      const own = await personScheduleOf(manager, actor.practiceId, actor.userId);
      const timeZone = requestedZone ?? own.timeZone;
      const policy = await schedulingPolicyOf(manager, actor.practiceId);
      const rows: UpcomingRow[] = await manager.query(
        `SELECT s.id, s.starts_at, s.duration_minutes, s.meeting_format, s.location, k.practitioner_id, u.display_name AS practitioner_name,
                (SELECT r.kind FROM session_change_requests r WHERE r.session_id = s.id AND r.resolved_at IS NULL
                  ORDER BY r.created_at DESC LIMIT 1) AS pending
           FROM therapy_sessions s
           JOIN cases k ON k.id = s.case_id
           JOIN users u ON u.id = k.practitioner_id
          WHERE s.practice_id = $1 AND s.attendee_ids && $2::uuid[] AND s.status = 'scheduled'
            AND s.starts_at + make_interval(mins => s.duration_minutes) > now()
          ORDER BY s.starts_at
          LIMIT ${UPCOMING_LIMIT}`,
        [actor.practiceId, clientIds],
      );
      const zones = new Map<string, string>();
      for (const id of new Set(rows.map((r) => r.practitioner_id))) zones.set(id, (await personScheduleOf(manager, actor.practiceId, id)).timeZone);
      const now = new Date();
      return rows.map((r) => {
        const startsAt = new Date(r.starts_at);
        const practitionerTimeZone = zones.get(r.practitioner_id)!;
        const local = toZonedLocal(startsAt, timeZone).local;
        const theirs = toZonedLocal(startsAt, practitionerTimeZone).local;
        return {
          id: r.id,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + r.duration_minutes * 60_000).toISOString(),
          durationMinutes: r.duration_minutes,
          localStartsAt: local,
          timeZone,
          practitionerLocalStartsAt: theirs !== local ? theirs : null,
          practitionerTimeZone,
          meetingFormat: r.meeting_format,
          location: r.location,
          practitionerName: r.practitioner_name,
          changeAllowed: changeRequestAllowed(startsAt, now, policy.changeNoticeHours).allowed,
          changeNoticeHours: policy.changeNoticeHours,
          pendingRequest: r.pending,
        };
      });
    });
  }

  /**
   * A client asks to cancel or reschedule one of their upcoming sessions: within the practice's
   * notice only (409 OUTSIDE_CHANGE_POLICY with the policy in words); one open request a session
   * (409). The practitioner sees it on the session (calendar) and the dashboard.
   */
  async requestChange(actor: Actor, sessionId: string, input: ChangeRequestInput, idempotent?: IdempotentRequest): Promise<ChangeRequestDto> {
    return this.dataSource.transaction(async (manager) => this.idempotency.created(manager, idempotent, async () => {
      const session = await this.mySession(manager, actor, sessionId);
      const policy = await schedulingPolicyOf(manager, actor.practiceId);
      const allowed = changeRequestAllowed(new Date(session.starts_at), new Date(), policy.changeNoticeHours);
      if (!allowed.allowed) throw new DomainError('OUTSIDE_CHANGE_POLICY', allowed.message);
      const [open] = await manager.query(`SELECT 1 FROM session_change_requests WHERE session_id = $1 AND resolved_at IS NULL`, [sessionId]);
      if (open) throw conflict('You have already asked to change this session; your practitioner will get back to you');
      const [row]: Array<{ id: string; created_at: Date }> = await manager.query(
        `INSERT INTO session_change_requests (practice_id, session_id, client_id, requested_by, kind, message, session_starts_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at`,
        [actor.practiceId, sessionId, session.client_id, actor.userId, input.kind, input.message ?? null, session.starts_at],
      );
      await this.audit.record(manager, { action: 'create', entity: 'session-change-requests', entityId: row!.id, caseId: session.case_id });
      return { id: row!.id, sessionId: sessionId.toLowerCase(), kind: input.kind, createdAt: new Date(row!.created_at).toISOString() };
    }));
  }

  /**
   * The caller's requests of the last 60 days and what became of each (open, accepted, declined
   * with the practitioner's reason), with the time asked about and the session's time now, in the
   * caller's zone. Only their own requests: a partner's stay the partner's.
   */
  async changeRequests(actor: Actor, requestedZone: string | undefined): Promise<MyChangeRequestDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const timeZone = requestedZone ?? (await personScheduleOf(manager, actor.practiceId, actor.userId)).timeZone;
      const rows: Array<{
        id: string; session_id: string; kind: ChangeRequestKind; outcome: 'accepted' | 'declined' | null; resolution_reason: string | null;
        asked_starts_at: Date; starts_at: Date; status: MyChangeRequestDto['status']; created_at: Date; resolved_at: Date | null;
      }> = await manager.query(
        `SELECT r.id, r.session_id, r.kind, r.outcome, r.resolution_reason, coalesce(r.session_starts_at, s.starts_at) AS asked_starts_at,
                s.starts_at, s.status, r.created_at, r.resolved_at
           FROM session_change_requests r JOIN therapy_sessions s ON s.id = r.session_id
          WHERE r.practice_id = $1 AND r.requested_by = $2 AND r.created_at > now() - interval '60 days'
          ORDER BY r.created_at DESC
          LIMIT ${UPCOMING_LIMIT}`,
        [actor.practiceId, actor.userId],
      );
      return rows.map((r) => ({
        id: r.id,
        sessionId: r.session_id,
        kind: r.kind,
        outcome: r.outcome ?? 'pending',
        reason: r.resolution_reason,
        askedLocalStartsAt: toZonedLocal(new Date(r.asked_starts_at), timeZone).local,
        localStartsAt: toZonedLocal(new Date(r.starts_at), timeZone).local,
        timeZone,
        status: r.status,
        createdAt: new Date(r.created_at).toISOString(),
        resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
      }));
    });
  }

  /** A scheduled session the caller attends, locked; anything else is 404. */
  private async mySession(manager: EntityManager, actor: Actor, sessionId: string): Promise<{ starts_at: Date; case_id: string; client_id: string }> {
    const clientIds = await myClientIds(manager, actor);
    const [row]: Array<{ starts_at: Date; case_id: string; client_id: string }> = await manager.query(
      `SELECT s.starts_at, s.case_id, (SELECT c FROM unnest(s.attendee_ids) AS c WHERE c = ANY($3::uuid[]) LIMIT 1) AS client_id
         FROM therapy_sessions s
        WHERE s.id = $1 AND s.practice_id = $2 AND s.attendee_ids && $3::uuid[] AND s.status = 'scheduled'
        FOR UPDATE`,
      [sessionId, actor.practiceId, clientIds],
    );
    if (!row) throw notFound('Session');
    return row;
  }
}
