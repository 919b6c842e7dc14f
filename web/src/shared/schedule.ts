export type ScheduleState = 'on_schedule' | 'behind' | 'ahead';

export interface ScheduleLine {
  day: number;
  stage: number;
  state: ScheduleState;
  /** Days behind or ahead (always positive); 0 on schedule. */
  days: number;
}

/** The schedule line of a case ("Day 12 · stage 2 · 5 days behind") from its read-only fields. */
export function scheduleLine(record: { day?: unknown; stage?: unknown; daysBehind?: unknown }): ScheduleLine | null {
  const { day, stage, daysBehind } = record;
  if (typeof day !== 'number' || typeof stage !== 'number') return null;
  const behind = typeof daysBehind === 'number' ? daysBehind : 0;
  const state: ScheduleState = behind > 0 ? 'behind' : behind < 0 ? 'ahead' : 'on_schedule';
  return { day, stage, state, days: Math.abs(behind) };
}
