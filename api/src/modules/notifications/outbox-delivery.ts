import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { JOB_QUEUES, JobQueue } from '../jobs/job-queue.js';
import { MailTransport } from './mail-transport.js';

export type DeliveryOutcome = 'sent' | 'failed' | 'given_up' | 'not_due' | 'nothing_to_do';

/** Tries before a message is given up (shown as such to the admin). */
export const MAX_ATTEMPTS = 6;

interface DueMessage {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  calendar_event: string | null;
  attempts: number;
  due: boolean;
}

/**
 * Delivers the outbox's e-mails. Each attempt locks its row (FOR UPDATE SKIP LOCKED) and takes only
 * a message still queued or failed: a job retried, a second job for the same message or a second
 * worker finds it sent or locked and does nothing, so a message is sent once. The row is committed
 * as sent right after the SMTP server accepts it; only a crash between the two would send it again,
 * with the same Message-ID. A failure is kept with the server's answer and tried again after
 * 1, 2, 4, 8… times the base delay, then given up after MAX_ATTEMPTS tries.
 */
@Injectable()
export class OutboxDelivery implements OnModuleInit {
  private readonly logger = new Logger('Outbox');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    private readonly mail: MailTransport,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.register(JOB_QUEUES.deliverMessage, async (data) => this.deliver((data as { messageId: string }).messageId));
    await this.jobs.register(JOB_QUEUES.outboxSweep, async () => this.sweep());
  }

  async deliver(messageId: string): Promise<DeliveryOutcome> {
    if (!this.mail.configured) return 'nothing_to_do';
    return this.dataSource.transaction(async (manager) => {
      const rows: DueMessage[] = await manager.query(
        `SELECT id, to_address, subject, text_body, html_body, calendar_event, attempts, not_before <= now() AS due FROM outbox_messages
          WHERE id = $1 AND state IN ('queued', 'failed') FOR UPDATE SKIP LOCKED`, [messageId]);
      const message = rows[0];
      if (!message) return 'nothing_to_do';
      if (!message.due) return 'not_due';
      try {
        const accepted = await this.mail.send({ messageId: message.id, to: message.to_address, subject: message.subject, text: message.text_body, html: message.html_body, calendarEvent: message.calendar_event });
        await manager.query(
          `UPDATE outbox_messages SET state = 'sent', attempts = attempts + 1, last_answer = $2, sent_at = now() WHERE id = $1`,
          [message.id, accepted.response.slice(0, 500)]);
        return 'sent';
      } catch (error) {
        const attempts = message.attempts + 1;
        const answer = smtpAnswerOf(error);
        const givenUp = attempts >= MAX_ATTEMPTS;
        const delaySeconds = this.config.mailRetrySeconds * 2 ** (attempts - 1);
        const next = new Date(Date.now() + delaySeconds * 1000);
        await manager.query(
          `UPDATE outbox_messages SET state = $2, attempts = $3, last_answer = $4, not_before = $5 WHERE id = $1`,
          [message.id, givenUp ? 'given_up' : 'failed', attempts, answer, next]);
        this.logger.warn(`Message ${message.id}: attempt ${attempts} failed (${answer})${givenUp ? ', given up' : `, next try in ${delaySeconds} s`}`);
        // the next try is a job of its own, sent with the failure's record
        if (!givenUp && this.jobs.started) await this.jobs.send(JOB_QUEUES.deliverMessage, { messageId: message.id }, manager, { startAfter: next });
        return givenUp ? 'given_up' : 'failed';
      }
    });
  }

  /** Delivers every message that is due and that no job took (at most 100 a pass). */
  async sweep(): Promise<Record<DeliveryOutcome, number>> {
    const counts: Record<DeliveryOutcome, number> = { sent: 0, failed: 0, given_up: 0, not_due: 0, nothing_to_do: 0 };
    if (!this.mail.configured) return counts;
    const due: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM outbox_messages WHERE state IN ('queued', 'failed') AND not_before <= now() ORDER BY not_before LIMIT 100`);
    for (const { id } of due) counts[await this.deliver(id)] += 1;
    return counts;
  }
}

/** The SMTP server's answer ("550 5.1.1 no such mailbox"), or the connection's error; never the mail itself. */
function smtpAnswerOf(error: unknown): string {
  const e = error as { response?: string; code?: string; message?: string };
  return String(e.response ?? (e.code ? `${e.code}: ${e.message ?? ''}` : e.message ?? error)).slice(0, 500);
}
