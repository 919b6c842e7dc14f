import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { JOB_QUEUES, JobQueue } from '../jobs/job-queue.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { MeasureNotifications } from './measure-notifications.js';
import { materializeOccurrences } from './measure-occurrences.js';
import { MeasureSchedule } from './measure-schedule.entity.js';

/** How long before an open measure closes its client is reminded of it. */
export const MEASURE_REMINDER_HOURS_BEFORE = 24;

/** A reminder to send: whom, about which occurrence, and the day it closes in the recipient's zone. */
interface DueMeasureReminder {
  responseId: string;
  recipientUserId: string;
  closesOn: string;
}

/**
 * Takes the open measure occurrences that close within a day and whose client has a portal account,
 * not reminded yet, and marks them reminded in the caller's transaction (SKIP LOCKED: two workers
 * hand each out once; a rollback leaves them due). An occurrence open for a day or less gets no
 * reminder: its "a questionnaire is waiting" was the one message.
 */
export async function claimDueMeasureReminders(manager: EntityManager, now: Date, limit = 500): Promise<DueMeasureReminder[]> {
  // an UPDATE … RETURNING answers [rows, count]
  const [rows] = await manager.query<[Array<{ id: string; portal_user_id: string; closes_on: string }>, number]>(
    `WITH due AS (
       SELECT r.id
         FROM measure_responses r
         JOIN clients cl ON cl.id = r.client_id
        WHERE r.status = 'pending' AND r.reminded_at IS NULL AND cl.portal_user_id IS NOT NULL
          AND r.expires_at > $1::timestamptz
          AND r.expires_at <= $1::timestamptz + make_interval(hours => $3)
          AND r.opens_at < r.expires_at - make_interval(hours => $3)
        ORDER BY r.expires_at
        LIMIT $2
        FOR UPDATE OF r SKIP LOCKED
     )
     UPDATE measure_responses r SET reminded_at = $1::timestamptz
       FROM due, clients cl
       LEFT JOIN notification_settings ns ON ns.user_id = cl.portal_user_id
      WHERE r.id = due.id AND cl.id = r.client_id
     RETURNING r.id, cl.portal_user_id,
               to_char((r.expires_at AT TIME ZONE coalesce(ns.time_zone, (SELECT time_zone FROM scheduling_policies WHERE practice_id = r.practice_id), 'UTC'))::date, 'YYYY-MM-DD') AS closes_on`,
    [now, limit, MEASURE_REMINDER_HOURS_BEFORE],
  );
  return rows.map((r) => ({ responseId: r.id, recipientUserId: r.portal_user_id, closesOn: r.closes_on }));
}

/**
 * The measure-reminders job (the queue's cron, every fifteen minutes): opens the occurrences of
 * active schedules that have fallen due since anyone looked (and tells the client "a questionnaire
 * is waiting"), then reminds each client a day before an open one closes — once, by the claim and
 * the notification's dedupe key. Held in quiet hours like every reminder; it says only that a
 * questionnaire waits and when it closes, never which measure or anything clinical.
 */
@Injectable()
export class MeasureReminders implements OnModuleInit {
  private readonly logger = new Logger('MeasureReminders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationsService,
    private readonly measureNotifications: MeasureNotifications,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.register(JOB_QUEUES.measureReminders, () => this.sendDue());
  }

  async sendDue(now = new Date()): Promise<{ opened: number; reminded: number }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const schedules = await manager.getRepository(MeasureSchedule).findBy({ active: true });
      const opened = await materializeOccurrences(manager, schedules, now);
      for (const response of opened) await this.measureNotifications.measureOpened(manager, response);
      const due = await claimDueMeasureReminders(manager, now);
      for (const reminder of due) {
        await this.notifications.notify(manager, {
          recipientUserId: reminder.recipientUserId,
          kind: 'questionnaire_closing',
          params: { dueDate: reminder.closesOn },
          link: `/#/measures/${reminder.responseId}`,
          dedupeKey: `questionnaire_closing:${reminder.responseId}`,
        });
      }
      return { opened: opened.length, reminded: due.length };
    });
    if (result.opened + result.reminded > 0) this.logger.log(`Measures: ${result.opened} occurrence(s) opened, ${result.reminded} reminder(s) sent`);
    return result;
  }
}
