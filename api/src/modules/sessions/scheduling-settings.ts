import {
  DEFAULT_SCHEDULING_POLICY,
  type SchedulingPolicy,
  type WorkingHours,
} from '@attune/domain';
import type { EntityManager } from 'typeorm';

export interface PersonSchedule {
  /** The person's own zone, or the practice's when they set none. */
  timeZone: string;
  /** Working hours in that zone; `null` when none were set (then no time is outside). */
  workingHours: WorkingHours | null;
}

/** The practice's scheduling policy (its zone, the notice clients must give, reminder hours); defaults when unset. */
export async function schedulingPolicyOf(manager: EntityManager, practiceId: string): Promise<SchedulingPolicy> {
  const [row]: Array<{ time_zone: string; change_notice_hours: number; reminder_hours_before: number }> = await manager.query(
    `SELECT time_zone, change_notice_hours, reminder_hours_before FROM scheduling_policies WHERE practice_id = $1`, [practiceId],
  );
  if (!row) return { ...DEFAULT_SCHEDULING_POLICY };
  return { timeZone: row.time_zone, changeNoticeHours: row.change_notice_hours, reminderHoursBefore: row.reminder_hours_before };
}

/** A person's zone and working hours, falling back to the practice's zone. */
export async function personScheduleOf(manager: EntityManager, practiceId: string, userId: string | null): Promise<PersonSchedule> {
  const [row]: Array<{ time_zone: string | null; working_hours: WorkingHours | null; practice_zone: string | null }> = await manager.query(
    `SELECT p.time_zone, p.working_hours, (SELECT time_zone FROM scheduling_policies WHERE practice_id = $1) AS practice_zone
       FROM (SELECT 1) AS one
       LEFT JOIN scheduling_profiles p ON p.user_id = $2 AND p.practice_id = $1`,
    [practiceId, userId],
  );
  return {
    timeZone: row?.time_zone ?? row?.practice_zone ?? DEFAULT_SCHEDULING_POLICY.timeZone,
    workingHours: row?.working_hours ?? null,
  };
}

/**
 * `at` as each person's wall clock shows it (`YYYY-MM-DD HH:mm`), for a message to them: the zone
 * of their notification settings, else of their scheduling profile, else the practice's, else UTC.
 */
export async function wallClocksOf(manager: EntityManager, userIds: string[], at: Date): Promise<Map<string, string>> {
  const rows: Array<{ user_id: string; local_time: string }> = await manager.query(
    `SELECT u.id AS user_id,
            to_char($2::timestamptz AT TIME ZONE coalesce(ns.time_zone, sp.time_zone, pol.time_zone, 'UTC'), 'YYYY-MM-DD HH24:MI') AS local_time
       FROM users u
       LEFT JOIN notification_settings ns ON ns.user_id = u.id
       LEFT JOIN scheduling_profiles sp ON sp.user_id = u.id
       LEFT JOIN scheduling_policies pol ON pol.practice_id = u.practice_id
      WHERE u.id = ANY($1::uuid[])`,
    [userIds, at]);
  return new Map(rows.map((r) => [r.user_id, r.local_time]));
}
