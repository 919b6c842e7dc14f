/**
 * The one way dates are shown to people: one format per language, in the viewer's time zone.
 * English "3 Dec 2026", "3 Dec 2026, 14:05"; Chinese "2026年12月3日", "2026年12月3日 14:05".
 */

export const DATE_STYLES = ['date', 'dateTime', 'time', 'dayMonth', 'weekdayDateTime'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];

const STYLE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dayMonth: { day: 'numeric', month: 'short' },
  weekdayDateTime: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

/** A calendar date without a time (a due date, a date of birth): the same day in every zone. */
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Intl locale of an app language: day-month-year in English, 年月日 in Chinese. */
export function dateLocaleOf(language: string): string {
  return language === 'zh' || language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-GB';
}

export interface DisplayDateOptions {
  /** The app language (`en`, `zh`) or a BCP 47 tag (`zh-CN`). */
  language: string;
  style?: DateStyle;
  /** An IANA zone; the viewer's own (the browser's) when left out. */
  timeZone?: string;
}

/** A date as the app shows it; an empty or unreadable value becomes an empty string. */
export function displayDate(value: string | number | Date | null | undefined, options: DisplayDateOptions): string {
  if (value === null || value === undefined || value === '') return '';
  const calendarDate = typeof value === 'string' && CALENDAR_DATE.test(value);
  const date = calendarDate ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const style = options.style ?? 'date';
  const timeZone = calendarDate ? 'UTC' : options.timeZone;
  return new Intl.DateTimeFormat(dateLocaleOf(options.language), { ...STYLE_OPTIONS[style], ...(timeZone ? { timeZone } : {}) }).format(date);
}
