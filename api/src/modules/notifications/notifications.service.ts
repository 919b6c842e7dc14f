import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { JOB_QUEUES, JobQueue } from '../jobs/job-queue.js';
import { EMAIL_ONLY, HELD_IN_QUIET_HOURS, type Language, type MessageKind, type MessageParams } from './message-kinds.js';
import { composeMessage } from './message-templates.js';
import { MailTransport } from './mail-transport.js';
import { endOfQuietHours } from './quiet-hours.js';
import type { MyNotificationsDto, NotificationDto, NotificationSettingsDto, OutboxMessageDto } from '@attune/domain';
import { toNotificationDto, toOutboxDto, toSettingsDto, type NotificationSettingsWrite, type SettingsRow } from './notifications.dto.js';

/** What another module asks for: one event for one person. */
export interface NotifyInput {
  recipientUserId: string;
  kind: MessageKind;
  /** Non-clinical words only (see MessageParams). */
  params?: MessageParams;
  /** The web app's route the message opens, e.g. `/portal/homework/…` (made absolute with PUBLIC_URL in e-mails). */
  link?: string | null;
  /** Makes the event happen once: a second notify with the same key (a retried job, a second worker) does nothing. */
  dedupeKey?: string;
  /** The `.ics` (RFC 5545) the e-mail attaches, in the recipient's language: appointments' times and places only. */
  calendarEvent?: (language: Language) => string;
}

export interface NotifyResult {
  notificationId: string | null;
  messageId: string | null;
}

interface Recipient {
  id: string;
  practice_id: string;
  email: string;
  active: boolean;
  settings: SettingsRow;
}

const DEFAULT_SETTINGS = (userId: string, practiceId: string): SettingsRow => ({
  user_id: userId, practice_id: practiceId, language: 'en', time_zone: 'UTC', quiet_start: 21 * 60, quiet_end: 8 * 60, email_off: [], digest: true,
});

/**
 * Messages to people: an in-app notification and an e-mail per the recipient's settings, both
 * written in the caller's transaction (a rolled-back change leaves neither). An e-mail is an
 * outbox row; with SMTP_URL a job delivers it (`OutboxDelivery`), without it the row is kept for
 * an admin to read. Nothing clinical goes in: the kind, names of staff, dates, counts, a link.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly mail: MailTransport,
  ) {}

  /** In-app (unless the kind is e-mail only) and e-mail (unless the person turned it off), in `manager`'s transaction. */
  async notify(manager: EntityManager, input: NotifyInput): Promise<NotifyResult> {
    const recipient = await this.recipient(manager, input.recipientUserId);
    if (!recipient) return { notificationId: null, messageId: null };
    let notificationId: string | null = null;
    if (!EMAIL_ONLY.has(input.kind)) {
      const rows: Array<{ id: string }> = await manager.query(
        `INSERT INTO notifications (practice_id, user_id, kind, params, link, dedupe_key) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
        [recipient.practice_id, recipient.id, input.kind, JSON.stringify(input.params ?? {}), input.link ?? null, input.dedupeKey ?? null],
      );
      notificationId = rows[0]?.id ?? null;
      // the same event already notified: no second e-mail either
      if (input.dedupeKey && !notificationId) return { notificationId: null, messageId: null };
    }
    const wanted = input.kind === 'digest' ? recipient.settings.digest : !recipient.settings.email_off.includes(input.kind);
    const messageId = recipient.active && wanted ? await this.queueMail(manager, recipient, input) : null;
    return { notificationId, messageId };
  }

  /** An e-mail the person is waiting for (invitation, reset): always sent, never held, never in-app. */
  async mailNow(manager: EntityManager, input: NotifyInput): Promise<string | null> {
    const recipient = await this.recipient(manager, input.recipientUserId);
    return recipient ? this.queueMail(manager, recipient, input) : null;
  }

  private async queueMail(manager: EntityManager, recipient: Recipient, input: NotifyInput): Promise<string | null> {
    const language = recipient.settings.language as Language;
    const link = input.link ? `${this.config.publicUrl}${input.link}` : null;
    const composed = composeMessage(input.kind, language, input.params ?? {}, link);
    const now = new Date();
    const notBefore = HELD_IN_QUIET_HOURS.has(input.kind)
      ? endOfQuietHours(now, { timeZone: recipient.settings.time_zone, start: recipient.settings.quiet_start, end: recipient.settings.quiet_end })
      : now;
    const state = this.mail.configured ? 'queued' : 'kept';
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO outbox_messages (practice_id, recipient_user_id, to_address, kind, language, subject, text_body, html_body, links, state, not_before, dedupe_key,
                                    calendar_event)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
      [recipient.practice_id, recipient.id, recipient.email, input.kind, language, composed.subject, composed.text, composed.html,
        link ? [link] : [], state, notBefore, input.dedupeKey ?? null, input.calendarEvent?.(language) ?? null],
    );
    const id = rows[0]?.id ?? null;
    // Sent with the change: the job exists only if the transaction commits. An instance without
    // workers (JOBS=0) leaves it to the sweep of an instance with them.
    if (id && state === 'queued' && this.jobs.started) {
      await this.jobs.send(JOB_QUEUES.deliverMessage, { messageId: id }, manager, notBefore > now ? { startAfter: notBefore } : {});
    }
    return id;
  }

  private async recipient(manager: EntityManager, userId: string): Promise<Recipient | null> {
    const rows: Array<{ id: string; practice_id: string; email: string; active: boolean; settings: SettingsRow | null }> = await manager.query(
      `SELECT u.id, u.practice_id, u.email, u.active, to_jsonb(s) AS settings
         FROM users u LEFT JOIN notification_settings s ON s.user_id = u.id WHERE u.id = $1`, [userId]);
    const row = rows[0];
    if (!row) return null;
    return { ...row, settings: row.settings ?? DEFAULT_SETTINGS(row.id, row.practice_id) };
  }

  // ---- the person's own list and settings ----

  async myNotifications(actor: Actor): Promise<MyNotificationsDto> {
    const rows = await this.dataSource.query(
      `SELECT id, kind, params, link, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT 50`, [actor.userId]);
    const [{ unread }] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [actor.userId]) as [{ unread: number }];
    return { unread: unread!, items: rows.map(toNotificationDto) };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationDto> {
    const rows = await this.dataSource.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2
       RETURNING id, kind, params, link, created_at, read_at`, [id, actor.userId]) as [unknown[], number];
    const row = (rows[0] as unknown[])[0];
    if (!row) throw notFound('Notification');
    return toNotificationDto(row as never);
  }

  async settings(actor: Actor): Promise<NotificationSettingsDto> {
    const rows: SettingsRow[] = await this.dataSource.query(`SELECT * FROM notification_settings WHERE user_id = $1`, [actor.userId]);
    return rows[0] ? toSettingsDto(rows[0]) : toSettingsDto(DEFAULT_SETTINGS(actor.userId, actor.practiceId), false);
  }

  async saveSettings(actor: Actor, input: NotificationSettingsWrite): Promise<NotificationSettingsDto> {
    const rows: SettingsRow[] = await this.dataSource.query(
      `INSERT INTO notification_settings (user_id, practice_id, language, time_zone, quiet_start, quiet_end, email_off, digest, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, time_zone = EXCLUDED.time_zone, quiet_start = EXCLUDED.quiet_start,
         quiet_end = EXCLUDED.quiet_end, email_off = EXCLUDED.email_off, digest = EXCLUDED.digest, updated_at = now()
       RETURNING *`,
      [actor.userId, actor.practiceId, input.language, input.timeZone, input.quietStart, input.quietEnd, input.emailOff, input.digest],
    );
    return toSettingsDto(rows[0]!);
  }

  /** Sets only the language (from the app's language switch, or when an account is created). */
  async rememberLanguage(manager: EntityManager, userId: string, language: Language): Promise<void> {
    await manager.query(
      `INSERT INTO notification_settings (user_id, practice_id, language) SELECT id, practice_id, $2 FROM users WHERE id = $1
       ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, updated_at = now()`, [userId, language]);
  }

  // ---- the admin's outbox ----

  async outbox(actor: Actor, range: [number, number]): Promise<{ rows: OutboxMessageDto[]; total: number }> {
    const rows = await this.dataSource.query(
      `SELECT id, to_address, kind, language, subject, text_body, links, state, attempts, last_answer, not_before, created_at, sent_at,
              calendar_event IS NOT NULL AS has_calendar_event
         FROM outbox_messages WHERE practice_id = $1 ORDER BY created_at DESC, id OFFSET $2 LIMIT $3`,
      [actor.practiceId, range[0], range[1] - range[0] + 1]);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM outbox_messages WHERE practice_id = $1`, [actor.practiceId]) as [{ total: number }];
    return { rows: rows.map(toOutboxDto), total: total! };
  }
}
