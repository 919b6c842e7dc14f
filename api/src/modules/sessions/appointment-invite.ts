import type { MeetingFormat } from '@attune/domain';
import ical, { ICalCalendarMethod, ICalEventClass, ICalEventStatus, type ICalCalendar, type ICalEventData } from 'ical-generator';
import type { EntityManager } from 'typeorm';
import type { Language } from '../notifications/message-kinds.js';

/** The file name an appointment's e-mail attaches it under. */
export const APPOINTMENT_INVITE_FILENAME = 'appointment.ics';

/** What an iCalendar event of an appointment holds: its time, format and place; never a case, a note or a name of a client. */
export interface CalendarAppointment {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  status: string;
  meetingFormat: MeetingFormat;
  location: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const FORMAT_WORDS: Record<Language, Record<MeetingFormat, string>> = {
  en: { in_person: 'In person', video: 'Video', phone: 'Phone' },
  'zh-CN': { in_person: '面谈', video: '视频', phone: '电话' },
};

/**
 * One appointment as an event (RFC 5545) of `calendar`: the UID is the session's id, so the
 * practitioner's feed and a client's imported file name the same event, and an update (SEQUENCE,
 * the session's version) or a cancellation (STATUS) replaces what a calendar app holds.
 */
export function addAppointmentEvent(calendar: ICalCalendar, a: CalendarAppointment, summary: string, language: Language = 'en'): void {
  const event: ICalEventData = {
    id: `${a.id}@attune`,
    start: a.startsAt,
    end: new Date(a.startsAt.getTime() + a.durationMinutes * 60_000),
    summary,
    description: FORMAT_WORDS[language][a.meetingFormat],
    location: a.location,
    sequence: a.version,
    status: a.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    class: ICalEventClass.PRIVATE,
    created: a.createdAt,
    lastModified: a.updatedAt,
    stamp: a.updatedAt,
  };
  calendar.createEvent(event);
}

/**
 * The `.ics` a client's e-mail about appointments carries: each appointment as it now stands, to
 * add to (PUBLISH) or, when every one is cancelled, take out of (CANCEL) their own calendar. The
 * summary names the practitioner only.
 */
export function appointmentInvite(appointments: CalendarAppointment[], practitionerName: string | undefined, language: Language): string {
  const cancelled = appointments.every((a) => a.status === 'cancelled');
  const calendar = ical({
    prodId: { company: 'Attune', product: 'Attune appointments', language: language === 'zh-CN' ? 'ZH' : 'EN' },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  const name = practitionerName?.trim();
  const summary = language === 'zh-CN' ? (name ? `与${name}的会谈` : '会谈') : (name ? `Session with ${name}` : 'Session');
  for (const a of appointments) addAppointmentEvent(calendar, a, a.status === 'cancelled' ? `${language === 'zh-CN' ? '已取消：' : 'Cancelled: '}${summary}` : summary, language);
  return calendar.toString();
}

/** The appointments `ids` as calendar events see them, in time order. */
export async function calendarAppointmentsOf(manager: EntityManager, ids: string[]): Promise<CalendarAppointment[]> {
  const rows: Array<{
    id: string; starts_at: Date; duration_minutes: number; status: string; meeting_format: MeetingFormat; location: string | null;
    version: number; created_at: Date; updated_at: Date;
  }> = await manager.query(
    `SELECT id, starts_at, duration_minutes, status, meeting_format, location, version, created_at, updated_at
       FROM therapy_sessions WHERE id = ANY($1::uuid[]) ORDER BY starts_at`, [ids]);
  return rows.map((r) => ({
    id: r.id, startsAt: new Date(r.starts_at), durationMinutes: r.duration_minutes, status: r.status, meetingFormat: r.meeting_format,
    location: r.location, version: r.version, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
  }));
}
