/** Minutes after local midnight, 0-1439. */
export type MinuteOfDay = number;

export interface QuietHours {
  timeZone: string;
  start: MinuteOfDay;
  end: MinuteOfDay;
}

export const DEFAULT_QUIET_HOURS = { start: 21 * 60, end: 8 * 60 } as const;

/** The wall-clock minute of `at` in `timeZone`. */
export function localMinuteOf(at: Date, timeZone: string): MinuteOfDay {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const minute = Number(parts.find((p) => p.type === 'minute')!.value);
  return hour * 60 + minute;
}

/** Whether `minute` falls in [start, end), across midnight when start > end; start = end means no quiet hours. */
export function isQuiet(minute: MinuteOfDay, quiet: Pick<QuietHours, 'start' | 'end'>): boolean {
  if (quiet.start === quiet.end) return false;
  return quiet.start < quiet.end ? minute >= quiet.start && minute < quiet.end : minute >= quiet.start || minute < quiet.end;
}

/**
 * When a held message may go: `now` outside the quiet hours, else the moment they end in the
 * recipient's zone (to the minute; a daylight-saving shift that night moves it by that hour).
 */
export function endOfQuietHours(now: Date, quiet: QuietHours): Date {
  const minute = localMinuteOf(now, quiet.timeZone);
  if (!isQuiet(minute, quiet)) return now;
  const wait = (quiet.end - minute + 1440) % 1440;
  const at = new Date(now.getTime() + wait * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

/** `HH:MM` ↔ minutes. */
export function minuteOfText(text: string): MinuteOfDay {
  const [h, m] = text.split(':').map(Number);
  return h! * 60 + m!;
}
export function textOfMinute(minute: MinuteOfDay): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
