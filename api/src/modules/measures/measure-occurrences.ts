import type { EntityManager } from 'typeorm';
import { builtInMeasure } from '@attune/domain';
import { MeasureResponse } from './measure-response.entity.js';
import type { MeasureSchedule } from './measure-schedule.entity.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** An every-session measure opens this long before the session, so the client can answer beforehand. */
const BEFORE_SESSION_MS = DAY_MS;

export interface Occurrence {
  occurrence: number;
  opensAt: Date;
}

/**
 * The occurrence of a schedule that is open now, if any: `once` — number 0 from the start;
 * `every_n_weeks` — number k from start + k·N weeks (missed ones are not made up);
 * `every_session` — one per session of the case from the schedule's start, opening a day before it.
 */
export function dueOccurrence(schedule: MeasureSchedule, sessionStarts: Date[], now: Date): Occurrence | null {
  const start = schedule.startsAt.getTime();
  if (!schedule.active || now.getTime() < start - BEFORE_SESSION_MS) return null;
  switch (schedule.cadence) {
    case 'once':
      return now.getTime() >= start ? { occurrence: 0, opensAt: schedule.startsAt } : null;
    case 'every_n_weeks': {
      if (now.getTime() < start) return null;
      const k = Math.floor((now.getTime() - start) / ((schedule.intervalWeeks ?? 1) * WEEK_MS));
      return { occurrence: k, opensAt: new Date(start + k * (schedule.intervalWeeks ?? 1) * WEEK_MS) };
    }
    case 'every_session': {
      const sessions = sessionStarts.filter((s) => s.getTime() >= start).sort((a, b) => a.getTime() - b.getTime());
      let due: Occurrence | null = null;
      sessions.forEach((s, i) => {
        const opens = new Date(Math.max(start, s.getTime() - BEFORE_SESSION_MS));
        if (opens.getTime() <= now.getTime()) due = { occurrence: i, opensAt: opens };
      });
      return due;
    }
  }
}

/** When an occurrence that opened at `opensAt` closes: `expiresAfterDays` whole days later. */
export function occurrenceExpiresAt(opensAt: Date, expiresAfterDays: number): Date {
  return new Date(opensAt.getTime() + expiresAfterDays * DAY_MS);
}

/**
 * Creates the open occurrence of each schedule that has none yet (one INSERT each, ON CONFLICT
 * nothing, so two readers at once make one row). Returns the rows created.
 */
export async function materializeOccurrences(manager: EntityManager, schedules: MeasureSchedule[], now = new Date()): Promise<MeasureResponse[]> {
  const created: MeasureResponse[] = [];
  if (schedules.length === 0) return created;
  const caseIds = [...new Set(schedules.filter((s) => s.cadence === 'every_session').map((s) => s.caseId))];
  const sessions: Array<{ case_id: string; starts_at: Date }> = caseIds.length === 0 ? [] : await manager.query(
    `SELECT case_id, starts_at FROM therapy_sessions WHERE case_id = ANY($1::uuid[])`, [caseIds]);
  for (const schedule of schedules) {
    const def = builtInMeasure(schedule.measureKey);
    if (!def) continue;
    const due = dueOccurrence(schedule, sessions.filter((s) => s.case_id === schedule.caseId).map((s) => s.starts_at), now);
    if (!due) continue;
    const expiresAt = occurrenceExpiresAt(due.opensAt, schedule.expiresAfterDays);
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO measure_responses (practice_id, case_id, client_id, schedule_id, occurrence, measure_key, measure_version, opens_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (schedule_id, occurrence) DO NOTHING RETURNING id`,
      [schedule.practiceId, schedule.caseId, schedule.clientId, schedule.id, due.occurrence, def.key, def.version, due.opensAt, expiresAt],
    );
    if (rows[0]) created.push(await manager.getRepository(MeasureResponse).findOneByOrFail({ id: rows[0].id }));
  }
  return created;
}
