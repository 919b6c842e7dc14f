import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { claimDueReminders, type AppointmentReminder } from '../jobs/appointment-reminders.job.js';
import { JOB_QUEUES, JobQueue } from '../jobs/job-queue.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { appointmentInvite, calendarAppointmentsOf } from '../sessions/appointment-invite.js';
import { wallClocksOf } from '../sessions/scheduling-settings.js';

/** The portal's list of the client's upcoming sessions. */
export const PORTAL_SESSIONS_LINK = '/#/sessions';

/**
 * The appointment-reminders job (the queue's cron, every five minutes): claims the appointments
 * whose reminder falls due and tells each attending client with a portal account, in the same
 * transaction (a failure rolls the claim back, so the next run tries again; the notification's
 * dedupe key keeps a retried claim from telling anyone twice). The message names the time, in the
 * recipient's own zone, and the practitioner: never the case, the note or another person.
 */
@Injectable()
export class AppointmentReminders implements OnModuleInit {
  private readonly logger = new Logger('AppointmentReminders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly notifications: NotificationsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.register(JOB_QUEUES.appointmentReminders, () => this.sendDue());
  }

  async sendDue(now = new Date()): Promise<{ reminded: number }> {
    const reminded = await this.dataSource.transaction(async (manager) => {
      const due = await claimDueReminders(manager, now);
      for (const reminder of due) await this.remind(manager, reminder);
      return due.length;
    });
    if (reminded > 0) this.logger.log(`Appointment reminders: ${reminded} appointment(s) reminded`);
    return { reminded };
  }

  private async remind(manager: EntityManager, reminder: AppointmentReminder): Promise<void> {
    if (reminder.recipientUserIds.length === 0) return;
    const times = await wallClocksOf(manager, reminder.recipientUserIds, reminder.startsAt);
    const [practitioner]: Array<{ display_name: string }> = await manager.query(`SELECT display_name FROM users WHERE id = $1`, [reminder.practitionerId]);
    const appointments = await calendarAppointmentsOf(manager, [reminder.sessionId]);
    for (const [userId, localTime] of times) {
      await this.notifications.notify(manager, {
        recipientUserId: userId,
        kind: 'appointment_reminder',
        params: { practitionerName: practitioner?.display_name, appointmentTime: localTime },
        link: PORTAL_SESSIONS_LINK,
        dedupeKey: `appointment_reminder:${reminder.sessionId}:${userId}:${reminder.startsAt.toISOString()}`,
        calendarEvent: (language) => appointmentInvite(appointments, practitioner?.display_name, language),
      });
    }
  }
}
