import type { SessionDto } from '@attune/domain';

/** A session as the calendar shows it (the list's record, with its version). */
export type CalendarSession = SessionDto & { version: number };

export interface CalendarEntry {
  id: string;
  title: string;
  start: string;
  end: string;
  editable: boolean;
  classNames: string[];
  extendedProps: { session: CalendarSession };
}

/** The error body react-admin's HttpError carries from the API. */
export function apiErrorOf(error: unknown): { code?: string; message?: string; errors?: Record<string, string> } {
  const body = (error as { body?: unknown } | null)?.body;
  return body && typeof body === 'object' ? (body as { code?: string; message?: string; errors?: Record<string, string> }) : {};
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
