import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An e-mail about an appointment carries it as an iCalendar file (RFC 5545) for the recipient's
 * own calendar: the file's text is kept with the message, so a retried delivery sends the same one.
 */
export class OutboxCalendarEvent1764510000000 implements MigrationInterface {
  name = 'OutboxCalendarEvent1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_messages ADD COLUMN calendar_event text CHECK (length(calendar_event) <= 100000)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_messages DROP COLUMN calendar_event`);
  }
}
