import type { EntityManager } from 'typeorm';
import { ATTENDING_ACCOUNTS_SQL } from '../sessions/session-rows.js';

/** One reminder to send: to the client(s) attending, never with clinical content (no case title, no note). */
export interface AppointmentReminder {
  sessionId: string;
  practiceId: string;
  startsAt: Date;
  durationMinutes: number;
  meetingFormat: 'in_person' | 'video' | 'phone';
  location: string | null;
  /** The sign-ins of the attending clients that have a portal account (the recipients). */
  recipientUserIds: string[];
  practitionerId: string;
}

/**
 * Takes the appointments that need their reminder now (libs' `needsReminder` as SQL: still
 * scheduled, not reminded yet, starting within the practice's reminder hours, default 24, and not
 * started) and marks them reminded in the caller's transaction, so each is handed out once even
 * when two workers run at once (SKIP LOCKED). If the transaction rolls back, they stay due.
 */
export async function claimDueReminders(manager: EntityManager, now: Date, limit = 500): Promise<AppointmentReminder[]> {
  type Row = {
    id: string; practice_id: string; starts_at: Date; duration_minutes: number; meeting_format: AppointmentReminder['meetingFormat'];
    location: string | null; recipients: string[]; practitioner_id: string;
  };
  // an UPDATE … RETURNING answers [rows, count]
  const [rows] = await manager.query(
    `WITH due AS (
       SELECT s.id
         FROM therapy_sessions s
         LEFT JOIN scheduling_policies p ON p.practice_id = s.practice_id
        WHERE s.status = 'scheduled' AND s.reminder_sent_at IS NULL
          AND s.starts_at > $1::timestamptz
          AND s.starts_at <= $1::timestamptz + make_interval(hours => coalesce(p.reminder_hours_before, 24))
        ORDER BY s.starts_at
        LIMIT $2
        FOR UPDATE OF s SKIP LOCKED
     )
     UPDATE therapy_sessions s SET reminder_sent_at = $1::timestamptz
       FROM due, cases k
      WHERE s.id = due.id AND k.id = s.case_id
     RETURNING s.id, s.practice_id, s.starts_at, s.duration_minutes, s.meeting_format, s.location, k.practitioner_id,
               ${ATTENDING_ACCOUNTS_SQL} AS recipients`,
    [now, limit],
  ) as [Row[], number];
  return rows.map((r) => ({
    sessionId: r.id,
    practiceId: r.practice_id,
    startsAt: new Date(r.starts_at),
    durationMinutes: r.duration_minutes,
    meetingFormat: r.meeting_format,
    location: r.location,
    recipientUserIds: r.recipients,
    practitionerId: r.practitioner_id,
  })).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
