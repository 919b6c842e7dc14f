import { endOf, isWithinWorkingHours } from '@attune/domain';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/api-errors.js';
import type { PersonSchedule } from './scheduling-settings.js';

export interface BookingSlot {
  startsAt: Date;
  durationMinutes: number;
}

export interface BookingCheck {
  practiceId: string;
  practitionerId: string;
  slots: BookingSlot[];
  /** The appointments being moved themselves (they cannot clash with their old times). */
  excludeIds: string[];
  schedule: PersonSchedule;
  conflictOverrideReason?: string | undefined;
  outsideWorkingHours?: boolean | undefined;
}

/**
 * Serialises bookings of one practitioner for the rest of the transaction, so two bookings of the
 * same hour cannot both pass the clash check.
 */
export async function lockPractitionerCalendar(manager: EntityManager, practitionerId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('attune:calendar'), hashtext($1))`, [practitionerId]);
}

/**
 * Refuses a booking that clashes with another scheduled or held appointment of the practitioner
 * (409 SCHEDULE_CONFLICT naming the first one, unless a reason to book anyway is given) or lies
 * outside their working hours (409 OUTSIDE_WORKING_HOURS, unless confirmed). Only slots still
 * ahead are checked: a past session is recorded as it happened. One query checks
 * every slot of a series. Call inside a transaction; it takes the practitioner's calendar lock.
 */
export async function assertBookable(manager: EntityManager, check: BookingCheck): Promise<void> {
  await lockPractitionerCalendar(manager, check.practitionerId);
  // a session recorded after the fact is a record, not a booking: only times ahead are checked
  const now = Date.now();
  const slots = check.slots.filter((slot) => slot.startsAt.getTime() > now);
  if (slots.length === 0) return;
  const outside = slots.find((slot) => !isWithinWorkingHours(slot.startsAt, slot.durationMinutes, check.schedule.timeZone, check.schedule.workingHours));
  if (outside && !check.outsideWorkingHours) {
    throw new DomainError(
      'OUTSIDE_WORKING_HOURS',
      `The appointment of ${outside.startsAt.toISOString()} is outside the practitioner's working hours (${check.schedule.timeZone}); confirm to book it anyway`,
      { startsAt: 'is outside the working hours; send outsideWorkingHours: true to book it anyway', outsideWorkingHours: 'must be true to book outside the working hours' },
    );
  }
  if (check.conflictOverrideReason) return;
  const [clash]: Array<{ id: string; starts_at: Date; duration_minutes: number; title: string; slot_start: Date }> = await manager.query(
    `SELECT s.id, s.starts_at, s.duration_minutes, k.title, w.starts AS slot_start
       FROM unnest($3::timestamptz[], $4::timestamptz[]) AS w(starts, ends)
       JOIN therapy_sessions s ON s.practice_id = $1 AND s.starts_at < w.ends
                              AND s.starts_at + make_interval(mins => s.duration_minutes) > w.starts
       JOIN cases k ON k.id = s.case_id
      WHERE k.practitioner_id = $2 AND s.status IN ('scheduled', 'held') AND NOT (s.id = ANY($5::uuid[]))
      ORDER BY w.starts, s.starts_at
      LIMIT 1`,
    [check.practiceId, check.practitionerId, slots.map((s) => s.startsAt), slots.map((s) => endOf(s.startsAt, s.durationMinutes)), check.excludeIds],
  );
  if (clash) {
    const at = new Date(clash.starts_at).toISOString();
    throw new DomainError(
      'SCHEDULE_CONFLICT',
      `The appointment of ${new Date(clash.slot_start).toISOString()} clashes with "${clash.title}" at ${at} (${clash.duration_minutes} min); give a reason to book it anyway`,
      { startsAt: `clashes with "${clash.title}" at ${at}`, conflictingSessionId: clash.id, conflictOverrideReason: 'give a reason to book over the clash' },
      { title: clash.title, startsAt: at, durationMinutes: clash.duration_minutes },
    );
  }
}
