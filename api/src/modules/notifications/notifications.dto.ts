import type { NotificationDto, NotificationSettingsDto, OutboxMessageDto } from '@attune/domain';
import { z } from 'zod';
import { KNOWN_TIME_ZONES } from '../cases/time-zone.js';
import { APPOINTMENT_INVITE_FILENAME } from '../sessions/appointment-invite.js';
import { LANGUAGES, OPTIONAL_EMAIL_KINDS, type MessageKind, type MessageParams } from './message-kinds.js';
import { minuteOfText, textOfMinute } from './quiet-hours.js';

export interface SettingsRow {
  user_id: string;
  practice_id: string;
  language: string;
  time_zone: string;
  quiet_start: number;
  quiet_end: number;
  email_off: string[];
  digest: boolean;
}

const time = z.string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be text') })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM');

/** Body of `PUT /api/me/notification-settings`. */
export const notificationSettingsSchema = z.strictObject({
  language: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` }),
  timeZone: z.string({ error: 'is required' }).refine((v) => KNOWN_TIME_ZONES.has(v), 'is not a known time zone: use an IANA name such as Asia/Shanghai'),
  quietStart: time,
  quietEnd: time,
  emailOff: z.array(z.enum(OPTIONAL_EMAIL_KINDS, { error: `each must be one of ${OPTIONAL_EMAIL_KINDS.join(', ')}` })).max(OPTIONAL_EMAIL_KINDS.length),
  digest: z.boolean({ error: 'must be true or false' }),
}).transform((v) => ({ ...v, quietStart: minuteOfText(v.quietStart), quietEnd: minuteOfText(v.quietEnd), emailOff: [...new Set(v.emailOff)] }));
export type NotificationSettingsWrite = z.infer<typeof notificationSettingsSchema>;

export function toSettingsDto(row: SettingsRow, saved = true): NotificationSettingsDto {
  return {
    language: row.language as NotificationSettingsDto['language'],
    timeZone: row.time_zone,
    quietStart: textOfMinute(row.quiet_start),
    quietEnd: textOfMinute(row.quiet_end),
    emailOff: row.email_off,
    digest: row.digest,
    saved,
  };
}

/** One in-app notification: the web app words it from the kind and params, in the reader's language. */
export function toNotificationDto(row: { id: string; kind: MessageKind; params: MessageParams; link: string | null; created_at: Date; read_at: Date | null }): NotificationDto {
  return { id: row.id, kind: row.kind, params: row.params, link: row.link, createdAt: new Date(row.created_at).toISOString(), readAt: row.read_at ? new Date(row.read_at).toISOString() : null };
}

/** One e-mail of the outbox as an admin reads it. */
export function toOutboxDto(row: {
  id: string; to_address: string; kind: MessageKind; language: string; subject: string; text_body: string; links: string[];
  state: OutboxMessageDto['state']; attempts: number; last_answer: string | null; not_before: Date; created_at: Date; sent_at: Date | null;
  has_calendar_event: boolean;
}): OutboxMessageDto {
  return {
    id: row.id, to: row.to_address, kind: row.kind, language: row.language, subject: row.subject, text: row.text_body, links: row.links,
    attachments: row.has_calendar_event ? [APPOINTMENT_INVITE_FILENAME] : [],
    state: row.state, attempts: row.attempts, lastAnswer: row.last_answer, notBefore: new Date(row.not_before).toISOString(),
    createdAt: new Date(row.created_at).toISOString(), sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
  };
}
