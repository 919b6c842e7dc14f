import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { checkInStartingOn, overdueSql, type ExerciseCadence } from '@attune/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { transactionNow } from '../../common/transaction-clock.js';
import { JOB_QUEUES, JobQueue } from '../jobs/job-queue.js';
import { localMinuteOf } from './quiet-hours.js';
import { NotificationsService } from './notifications.service.js';

/** The portal's page of one assignment. */
export const portalHomeworkLink = (assignmentId: string) => `/#/homework/${assignmentId}`;
/** A case's workspace in the staff app. */
export const caseLink = (caseId: string) => `/#/cases/${caseId}/show`;

/**
 * The scheduled messages: the day-before, overdue and check-in-day reminders of homework (each once per
 * assignment and due date or check-in day, whichever worker runs the job, by the notifications' dedupe keys) and the
 * practitioners' morning digest. Run from the queue's cron; each message is written in a transaction
 * of its own, so one failure does not hold back the others.
 */
@Injectable()
export class HomeworkReminders implements OnModuleInit {
  private readonly logger = new Logger('Reminders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.register(JOB_QUEUES.homeworkReminders, () => this.remind());
    await this.jobs.register(JOB_QUEUES.practitionerDigest, () => this.digest());
  }

  /** The client hears of new homework (from whom, due when in their zone); in the assignment's transaction. */
  async assigned(manager: EntityManager, assignmentId: string): Promise<void> {
    const rows: Array<{ portal_user_id: string | null; practitioner: string; due_day: string }> = await manager.query(`
      SELECT c.portal_user_id, p.display_name AS practitioner,
             to_char(a.due_at AT TIME ZONE coalesce(s.time_zone, 'UTC'), 'YYYY-MM-DD') AS due_day
        FROM assignments a JOIN clients c ON c.id = a.client_id JOIN cases k ON k.id = a.case_id JOIN users p ON p.id = k.practitioner_id
        LEFT JOIN notification_settings s ON s.user_id = c.portal_user_id
       WHERE a.id = $1`, [assignmentId]);
    const row = rows[0];
    if (!row?.portal_user_id) return;
    await this.notifications.notify(manager, {
      recipientUserId: row.portal_user_id, kind: 'homework_assigned', params: { practitionerName: row.practitioner, dueDate: row.due_day },
      link: portalHomeworkLink(assignmentId), dedupeKey: `homework_assigned:${assignmentId}`,
    });
  }

  /** The client hears that feedback arrived; in the review's transaction. */
  async reviewed(manager: EntityManager, assignmentId: string): Promise<void> {
    const rows: Array<{ portal_user_id: string | null; reviewer: string | null }> = await manager.query(`
      SELECT c.portal_user_id, r.display_name AS reviewer FROM assignments a JOIN clients c ON c.id = a.client_id
        LEFT JOIN users r ON r.id = a.reviewed_by WHERE a.id = $1`, [assignmentId]);
    const row = rows[0];
    if (!row?.portal_user_id) return;
    await this.notifications.notify(manager, {
      recipientUserId: row.portal_user_id, kind: 'homework_feedback', params: { practitionerName: row.reviewer ?? undefined },
      link: portalHomeworkLink(assignmentId), dedupeKey: `homework_feedback:${assignmentId}`,
    });
  }

  /** The case's practitioner hears of a submission (no client name, no answers); in the submission's transaction. */
  async submitted(manager: EntityManager, assignmentId: string): Promise<void> {
    const rows: Array<{ practitioner_id: string; case_id: string }> = await manager.query(
      `SELECT k.practitioner_id, k.id AS case_id FROM assignments a JOIN cases k ON k.id = a.case_id WHERE a.id = $1`, [assignmentId]);
    const row = rows[0];
    if (!row) return;
    await this.notifications.notify(manager, {
      recipientUserId: row.practitioner_id, kind: 'homework_submitted', link: caseLink(row.case_id), dedupeKey: `homework_submitted:${assignmentId}`,
    });
  }

  /**
   * Homework due tomorrow (in the client's zone), homework past due (once, when the practice's
   * overdue notice is on and its days after the due date have passed) and check-in days of
   * repeating homework; still open, on open cases, of clients with a portal account.
   */
  async remind(): Promise<{ dueSoon: number; overdue: number; checkIn: number }> {
    const rows: Array<{ id: string; portal_user_id: string; due_day: string; overdue: boolean }> = await this.dataSource.query(`
      SELECT a.id, c.portal_user_id, to_char(a.due_at AT TIME ZONE z.tz, 'YYYY-MM-DD') AS due_day, ${overdueSql('a')} AS overdue
        FROM assignments a
        JOIN practices p ON p.id = a.practice_id
        JOIN cases k ON k.id = a.case_id AND k.status = 'open'
        JOIN clients c ON c.id = a.client_id AND c.portal_user_id IS NOT NULL
        JOIN users u ON u.id = c.portal_user_id AND u.active
        LEFT JOIN notification_settings s ON s.user_id = c.portal_user_id
        CROSS JOIN LATERAL (SELECT coalesce(s.time_zone, 'UTC') AS tz) z
       WHERE a.status IN ('assigned', 'in_progress')
         AND ((p.overdue_notice_enabled AND ${overdueSql('a', { afterDays: 'p.overdue_notice_after_days' })})
              OR (NOT ${overdueSql('a')} AND (a.due_at AT TIME ZONE z.tz)::date = (now() AT TIME ZONE z.tz)::date + 1))
         AND a.due_at > now() - interval '30 days'`);
    let dueSoon = 0;
    let overdue = 0;
    for (const row of rows) {
      const kind = row.overdue ? 'homework_overdue' : 'homework_due_soon';
      const result = await this.dataSource.transaction((manager) => this.notifications.notify(manager, {
        recipientUserId: row.portal_user_id, kind, params: { dueDate: row.due_day }, link: portalHomeworkLink(row.id),
        dedupeKey: `${kind}:${row.id}:${row.due_day}`,
      }));
      if (result.notificationId) {
        if (row.overdue) overdue += 1;
        else dueSoon += 1;
      }
    }
    const checkIn = await this.checkInDays();
    if (dueSoon + overdue + checkIn > 0) this.logger.log(`Homework reminders: ${dueSoon} due tomorrow, ${overdue} overdue, ${checkIn} check-in days`);
    return { dueSoon, overdue, checkIn };
  }

  /**
   * Repeating homework (a daily or weekly cadence) whose check-in starts today on the client's own
   * calendar and is not written yet: one reminder per assignment and day (the dedupe key), held
   * through the client's quiet hours like every reminder. No title, no answers: "a check-in today".
   */
  private async checkInDays(): Promise<number> {
    const rows: Array<{ id: string; portal_user_id: string; cadence: ExerciseCadence; assigned_at: Date; due_at: Date; local_day: string; written: string[] }> = await this.dataSource.query(`
      SELECT a.id, c.portal_user_id, a.cadence, a.assigned_at, a.due_at, to_char(now() AT TIME ZONE z.tz, 'YYYY-MM-DD') AS local_day,
             ARRAY(SELECT to_char(ci.period_start, 'YYYY-MM-DD') FROM assignment_check_ins ci WHERE ci.assignment_id = a.id) AS written
        FROM assignments a
        JOIN cases k ON k.id = a.case_id AND k.status = 'open'
        JOIN clients c ON c.id = a.client_id AND c.portal_user_id IS NOT NULL
        JOIN users u ON u.id = c.portal_user_id AND u.active
        LEFT JOIN notification_settings s ON s.user_id = c.portal_user_id
        CROSS JOIN LATERAL (SELECT coalesce(s.time_zone, 'UTC') AS tz) z
       WHERE a.cadence->>'kind' <> 'once' AND a.status IN ('assigned', 'in_progress') AND a.assigned_at <= now() AND a.due_at > now() - interval '1 day'`);
    let sent = 0;
    for (const row of rows) {
      const period = checkInStartingOn(row.cadence, row.assigned_at, row.due_at, row.local_day);
      if (!period || row.written.includes(period.start)) continue;
      const result = await this.dataSource.transaction((manager) => this.notifications.notify(manager, {
        recipientUserId: row.portal_user_id, kind: 'homework_check_in', link: portalHomeworkLink(row.id),
        dedupeKey: `homework_check_in:${row.id}:${period.start}`,
      }));
      if (result.notificationId) sent += 1;
    }
    return sent;
  }

  /**
   * Each practitioner whose digest is on and whose morning (the end of their quiet hours) falls in
   * this hour gets one digest a day: how many items need attention (homework to review, homework
   * overdue) and the day's appointments, their times only — no case, no client. The clock is the
   * database's now(); `at` (tests only) is the instant to act as.
   */
  async digest(at?: Date): Promise<number> {
    const now = at ?? await transactionNow(this.dataSource.manager);
    const rows: Array<{ id: string; time_zone: string; quiet_end: number; count: number; appointments: number; appointment_times: string | null; local_day: string }> = await this.dataSource.query(`
      WITH p AS (
        SELECT u.id, coalesce(s.time_zone, 'UTC') AS time_zone, coalesce(s.quiet_end, 480) AS quiet_end
          FROM users u LEFT JOIN notification_settings s ON s.user_id = u.id
         WHERE u.role = 'practitioner' AND u.active AND coalesce(s.digest, true)
      )
      SELECT p.id, p.time_zone, p.quiet_end, to_char($1::timestamptz AT TIME ZONE p.time_zone, 'YYYY-MM-DD') AS local_day,
             (SELECT count(*)::int FROM assignments a JOIN cases k ON k.id = a.case_id
               WHERE k.practitioner_id = p.id AND k.status = 'open'
                 AND (a.status = 'submitted' OR ${overdueSql('a', { now: '$1' })})) AS count,
             day.appointments, day.appointment_times
        FROM p
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS appointments,
                 string_agg(to_char(t.starts_at AT TIME ZONE p.time_zone, 'HH24:MI'), ', ' ORDER BY t.starts_at) AS appointment_times
            FROM therapy_sessions t JOIN cases k ON k.id = t.case_id
           WHERE k.practitioner_id = p.id AND t.status = 'scheduled'
             AND t.starts_at BETWEEN $1::timestamptz - interval '1 day' AND $1::timestamptz + interval '2 days'
             AND (t.starts_at AT TIME ZONE p.time_zone)::date = ($1::timestamptz AT TIME ZONE p.time_zone)::date
        ) day`, [now]);
    let sent = 0;
    for (const row of rows) {
      if ((row.count === 0 && row.appointments === 0) || Math.floor(localMinuteOf(now, row.time_zone) / 60) !== Math.floor(row.quiet_end / 60)) continue;
      const result = await this.dataSource.transaction((manager) => this.notifications.notify(manager, {
        recipientUserId: row.id, kind: 'digest', link: '/#/', dedupeKey: `digest:${row.id}:${row.local_day}`,
        params: { count: row.count, appointments: row.appointments, ...(row.appointment_times ? { appointmentTimes: row.appointment_times } : {}) },
      }));
      if (result.notificationId) sent += 1;
    }
    return sent;
  }
}
