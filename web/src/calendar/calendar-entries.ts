import { MAX_PAGE_ROWS, type SessionDto } from '@attune/domain';

/** A session as the calendar shows it (the list's record, with its version). */
export type CalendarSession = SessionDto & { version: number };

/** Entry colours per state, each with white text at a contrast of 4.5:1 or more (WCAG AA). */
export const STATUS_COLOURS: Record<CalendarSession['status'], string> = {
  scheduled: '#1f5f99',
  held: '#2e6b30',
  cancelled: '#616161',
  no_show: '#8a4b00',
};

export interface CalendarEntry {
  id: string;
  backgroundColor: string;
  borderColor: string;
  textColor: string;
  title: string;
  start: string;
  end: string;
  editable: boolean;
  classNames: string[];
  extendedProps: { session: CalendarSession };
}

/** The error body react-admin's HttpError carries from the API. */
export function apiErrorOf(error: unknown): { code?: string; message?: string; errors?: Record<string, string>; params?: Record<string, string | number> } {
  const body = (error as { body?: unknown } | null)?.body;
  return body && typeof body === 'object' ? (body as { code?: string; message?: string; errors?: Record<string, string>; params?: Record<string, string | number> }) : {};
}

/**
 * A session as a calendar entry: titled with its case and clients; only a scheduled one whose note
 * is unsigned can be dragged or resized (a held, missed or cancelled one is a record).
 */
export function toCalendarEntry(session: CalendarSession): CalendarEntry {
  return {
    id: session.id,
    title: `${session.caseTitle} · ${session.attendeeNames.join(', ')}`,
    start: session.startsAt,
    end: session.endsAt,
    editable: session.status === 'scheduled' && session.signedAt === null,
    backgroundColor: STATUS_COLOURS[session.status],
    borderColor: STATUS_COLOURS[session.status],
    textColor: '#ffffff',
    classNames: [`attune-appointment-${session.status}`],
    extendedProps: { session },
  };
}

/** A `<input type="datetime-local">` value for an instant, in the browser's zone. */
export function toLocalInputValue(iso: string | Date): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function minutesBetween(start: Date, end: Date): number {
  return Math.round((end.getTime() - start.getTime()) / 60_000);
}

/**
 * Every row of a list, asked for page after page of the API's largest page, until a page comes
 * back short or the total is reached.
 */
export async function everyPage<T>(fetchPage: (page: number, perPage: number) => Promise<{ data: T[]; total?: number }>): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const { data, total } = await fetchPage(page, MAX_PAGE_ROWS);
    rows.push(...data);
    if (data.length < MAX_PAGE_ROWS || (total !== undefined && rows.length >= total)) return rows;
  }
}
