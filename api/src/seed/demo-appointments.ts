import { addLocalDays, DEFAULT_WORKING_HOURS, seriesOccurrences, toZonedLocal, zonedLocalToUtc } from '@attune/domain';
import type { DataSource } from 'typeorm';
import { stableId } from '../common/stable-id.js';
import { DEMO_PRACTICE_ID, demoCaseId, demoClientId, demoUserId } from './demo-seed.js';

/** The demo practice works in Shanghai time; Chen Jing is studying in London this term. */
export const DEMO_TIME_ZONE = 'Asia/Shanghai';
export const DEMO_CLIENT_TIME_ZONE = 'Europe/London';

/** A weekday at least `days` ahead of `local`'s date (Monday to Friday), same wall-clock time. */
function weekdayFrom(local: string, days: number): string {
  let next = addLocalDays(local, days);
  for (;;) {
    const weekday = toZonedLocal(zonedLocalToUtc(next, 'UTC')!, 'UTC').weekday;
    if (weekday !== 0 && weekday !== 6) return next;
    next = addLocalDays(next, 1);
  }
}

/**
 * The demo's calendar: the practice's policy and zones, the practitioners' working hours, and the
 * three cases' next appointments (Chen Jing weekly for six weeks by video, the couple together in
 * person, Liu Jia by phone), dated from today. Fixed ids; loading twice adds nothing. Kept apart
 * from seedDemoData so the API specs that count the seed's sessions see only recorded ones.
 */
export async function seedDemoAppointments(dataSource: DataSource, today: Date = new Date()): Promise<boolean> {
  const first = stableId('demo:appointment:chen:0');
  const existing: unknown[] = await dataSource.query(`SELECT 1 FROM therapy_sessions WHERE id = $1`, [first]);
  if (existing.length > 0) return false;
  const todayLocal = `${toZonedLocal(today, DEMO_TIME_ZONE).local.slice(0, 10)}T00:00`;
  const at = (days: number, time: string) => `${weekdayFrom(todayLocal, days).slice(0, 10)}T${time}`;
  await dataSource.transaction(async (m) => {
    await m.query(
      `INSERT INTO scheduling_policies (practice_id, time_zone, change_notice_hours, reminder_hours_before) VALUES ($1, $2, 24, 24)
       ON CONFLICT (practice_id) DO NOTHING`, [DEMO_PRACTICE_ID, DEMO_TIME_ZONE],
    );
    for (const [user, zone, hours] of [
      ['therapist', DEMO_TIME_ZONE, DEFAULT_WORKING_HOURS], ['coach', DEMO_TIME_ZONE, DEFAULT_WORKING_HOURS], ['chen', DEMO_CLIENT_TIME_ZONE, null],
    ] as const) {
      await m.query(
        `INSERT INTO scheduling_profiles (user_id, practice_id, time_zone, working_hours) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id) DO NOTHING`,
        [demoUserId(user), DEMO_PRACTICE_ID, zone, hours ? JSON.stringify(hours) : null],
      );
    }
    const book = async (id: string, caseKey: string, startsAt: Date, format: 'individual' | 'joint', clients: string[],
      meetingFormat: 'in_person' | 'video' | 'phone', location: string | null, seriesId: string | null) => {
      await m.query(
        `INSERT INTO therapy_sessions (id, practice_id, case_id, starts_at, duration_minutes, format, attendee_ids, stage, note, created_by,
                                       status, meeting_format, location, series_id, time_zone)
         VALUES ($1, $2, $3, $4, 50, $5, $6, (SELECT stage FROM cases WHERE id = $3), '{}', $7, 'scheduled', $8, $9, $10, $11)`,
        [id, DEMO_PRACTICE_ID, demoCaseId(caseKey), startsAt, format, clients.map(demoClientId), demoUserId('therapist'),
          meetingFormat, location, seriesId, DEMO_TIME_ZONE],
      );
    };
    const chen = seriesOccurrences(at(1, '10:00'), DEMO_TIME_ZONE, { frequency: 'weekly', count: 6 });
    if (!Array.isArray(chen)) throw new Error(chen.message);
    const seriesId = stableId('demo:series:chen');
    for (const [i, o] of chen.entries()) {
      await book(stableId(`demo:appointment:chen:${i}`), 'chen', o.startsAt, 'individual', ['chen'], 'video', 'https://meet.example.org/harbour-light/wang-fang', seriesId);
    }
    await book(stableId('demo:appointment:couple:0'), 'couple', zonedLocalToUtc(at(2, '14:00'), DEMO_TIME_ZONE)!, 'joint', ['zhao', 'zhou'],
      'in_person', 'Harbour Light Counselling, room 2', null);
    await book(stableId('demo:appointment:liu:0'), 'liu', zonedLocalToUtc(at(3, '16:00'), DEMO_TIME_ZONE)!, 'individual', ['liu'], 'phone', null, null);
  });
  return true;
}
