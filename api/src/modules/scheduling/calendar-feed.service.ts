import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { initialsOf, type CalendarFeedInput, type MeetingFormat } from '@attune/domain';
import ical from 'ical-generator';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { notFound } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { addAppointmentEvent } from '../sessions/appointment-invite.js';

/** The feed covers the last 30 days and the next 365 (what calendar apps keep in view). */
const FEED_PAST_DAYS = 30;
const FEED_FUTURE_DAYS = 365;

export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A practitioner's private iCalendar feed (RFC 5545), for Google Calendar, Outlook or Apple
 * Calendar to subscribe to. The URL holds a random token; only its SHA-256 is stored, and creating
 * a new one or DELETE revokes the old. Each appointment is one event whose UID is the session's id
 * (stable across moves), SEQUENCE its version (so an update wins) and STATUS CANCELLED once
 * cancelled. No client names and no case titles: at most initials, when the practitioner asks.
 */
@Injectable()
export class CalendarFeedService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  /** A new feed token (the old one stops working); answers the token once. */
  async create(actor: Actor, input: CalendarFeedInput): Promise<{ token: string }> {
    return this.dataSource.transaction(async (manager) => {
      const token = randomBytes(32).toString('base64url');
      await manager.query(`UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [actor.userId]);
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO calendar_feeds (practice_id, user_id, token_hash, show_initials) VALUES ($1, $2, $3, $4) RETURNING id`,
        [actor.practiceId, actor.userId, feedTokenHash(token), input.showInitials],
      );
      await this.audit.record(manager, { action: 'create', entity: 'calendar-feeds', entityId: row!.id });
      return { token };
    });
  }

  /** Revokes the caller's feed; 404 when there is none. */
  async revoke(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`, [actor.userId],
      ) as [Array<{ id: string }>, number];
      if (rows.length === 0) throw notFound('Calendar feed');
      await this.audit.record(manager, { action: 'delete', entity: 'calendar-feeds', entityId: rows[0]!.id });
    });
  }

  /** The feed's text for a token; an unknown or revoked token: 404 (as if there were no feed). */
  async render(token: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const [feed]: Array<{ id: string; practice_id: string; user_id: string; show_initials: boolean; display_name: string }> = await manager.query(
        `SELECT f.id, f.practice_id, f.user_id, f.show_initials, u.display_name
           FROM calendar_feeds f JOIN users u ON u.id = f.user_id AND u.active
          WHERE f.token_hash = $1 AND f.revoked_at IS NULL`,
        [feedTokenHash(token)],
      );
      if (!feed) throw notFound('Calendar feed');
      const rows: Array<{
        id: string; starts_at: Date; duration_minutes: number; status: string; meeting_format: MeetingFormat; location: string | null;
        version: number; created_at: Date; updated_at: Date; names: string[]; time_zone: string;
      }> = await manager.query(
        `SELECT s.id, s.starts_at, s.duration_minutes, s.status, s.meeting_format, s.location, s.version, s.created_at, s.updated_at, s.time_zone,
                ARRAY(SELECT c.display_name FROM clients c WHERE c.id = ANY(s.attendee_ids) ORDER BY array_position(s.attendee_ids, c.id)) AS names
           FROM therapy_sessions s JOIN cases k ON k.id = s.case_id
          WHERE s.practice_id = $1 AND k.practitioner_id = $2
            AND s.starts_at >= now() - make_interval(days => $3) AND s.starts_at < now() + make_interval(days => $4)
          ORDER BY s.starts_at`,
        [feed.practice_id, feed.user_id, FEED_PAST_DAYS, FEED_FUTURE_DAYS],
      );
      // no case is read (no clinical text leaves), but who fetched the feed is worth knowing
      await this.audit.record(manager, { action: 'read', entity: 'calendar-feeds', entityId: feed.id, actor: { userId: feed.user_id, practiceId: feed.practice_id } });
      const calendar = ical({ name: 'Attune appointments', prodId: { company: 'Attune', product: 'Attune calendar', language: 'EN' }, ttl: 15 * 60 });
      for (const r of rows) {
        const who = feed.show_initials && r.names.length > 0 ? ` (${r.names.map(initialsOf).join(', ')})` : '';
        addAppointmentEvent(calendar, {
          id: r.id, startsAt: new Date(r.starts_at), durationMinutes: r.duration_minutes, status: r.status, meetingFormat: r.meeting_format,
          location: r.location, version: r.version, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
        }, `${r.status === 'cancelled' ? 'Cancelled: ' : ''}Session${who}`);
      }
      return calendar.toString();
    });
  }
}
