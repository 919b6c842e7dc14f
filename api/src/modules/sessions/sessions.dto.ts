import {
  APPOINTMENT_STATUSES,
  appointmentInputSchema,
  intSchema,
  MEETING_FORMATS,
  SESSION_FORMATS,
  SERIES_SCOPES,
  enumSchema,
  type SessionAddendumDto,
  type SessionDto,
} from '@attune/domain';
import { z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';
import { addendaIntegrity, noteIntegrity, type AddendumIntegrity, type NoteIntegrity } from './note-integrity.js';
import type { TherapySession } from './therapy-session.entity.js';

export const SESSION_LIST: ListSpec = {
  resource: 'sessions',
  idColumn: 's.id',
  defaultSort: ['startsAt', 'DESC'],
  sortable: { id: 's.id', startsAt: 's.starts_at', stage: 's.stage', status: 's.status', createdAt: 's.created_at', updatedAt: 's.updated_at' },
  filterable: {
    caseId: { column: 's.case_id', kind: 'uuid' },
    stage: { column: 's.stage', kind: 'int' },
    format: { column: 's.format', kind: 'enum', values: SESSION_FORMATS },
    meetingFormat: { column: 's.meeting_format', kind: 'enum', values: MEETING_FORMATS },
    status: { column: 's.status', kind: 'enum', values: APPOINTMENT_STATUSES },
    seriesId: { column: 's.series_id', kind: 'uuid' },
    practitionerId: { column: 'k.practitioner_id', kind: 'uuid' },
    signed: { column: '(s.signed_at IS NOT NULL)', kind: 'boolean' },
    changeRequested: { column: '(EXISTS (SELECT 1 FROM session_change_requests r WHERE r.session_id = s.id AND r.resolved_at IS NULL))', kind: 'boolean' },
    attendeeId: { column: 's.attendee_ids', kind: 'uuid', arrayContains: true },
    startsAt_gte: { column: 's.starts_at', kind: 'date_from' },
    startsAt_lte: { column: 's.starts_at', kind: 'date_to' },
    // the calendar's window
    startsFrom: { column: 's.starts_at', kind: 'date_from' },
    startsTo: { column: 's.starts_at', kind: 'date_to' },
  },
};

const versionSchema = intSchema(1, 2_147_483_647);

/** Body of `POST /api/sessions`. */
export const sessionCreateSchema = appointmentInputSchema;
export type SessionCreate = z.infer<typeof sessionCreateSchema>;

/**
 * Body of `PUT /api/sessions/:id`: the session as GET returned it. The case is fixed (a caseId in the
 * body is ignored), as are the signature fields; `version`, when given, must match the row (else 409).
 */
export const sessionUpdateSchema = appointmentInputSchema.safeExtend({
  version: versionSchema.optional(),
  scope: enumSchema(SERIES_SCOPES).default('this'),
});
export type SessionUpdate = z.infer<typeof sessionUpdateSchema>;

/** Body of `POST /api/sessions/:id/sign`: optionally the version the signer read, so they sign what they saw. */
export const sessionSignSchema = z.object({ version: versionSchema.optional() }).default({});
export type SessionSign = z.infer<typeof sessionSignSchema>;

/** One row of SESSION_COLUMNS (see session-rows.ts). */
export interface SessionRow {
  id: string; practice_id: string; case_id: string; starts_at: Date; duration_minutes: number; format: TherapySession['format'];
  attendee_ids: string[]; stage: TherapySession['stage']; note: TherapySession['note']; signed_at: Date | null; signed_by: string | null;
  note_hash: string | null; created_by: string | null; created_at: Date; updated_at: Date; version: number;
  status: TherapySession['status']; meeting_format: TherapySession['meetingFormat']; location: string | null; series_id: string | null;
  time_zone: string; cancelled_by: TherapySession['cancelledBy']; cancel_reason: string | null; cancelled_late: boolean | null;
  cancelled_at: Date | null; conflict_override_reason: string | null;
  case_title: string; practitioner_id: string; attendee_names: string[];
  addenda: Array<{ id: string; authorId: string; authorName: string | null; text: string; position: number; hash: string | null; createdAt: string }>;
  change_requests: Array<{ id: string; kind: 'cancel' | 'reschedule'; message: string | null; clientId: string; createdAt: string }>;
}

export function toSessionDto(r: SessionRow): SessionDto {
  const addenda = r.addenda.map((a) => ({ ...a, createdAt: new Date(a.createdAt) }));
  const links = addendaIntegrity(r.note_hash, addenda);
  const note = noteIntegrity({ signedAt: r.signed_at, noteHash: r.note_hash, note: r.note });
  const startsAt = new Date(r.starts_at);
  return {
    id: r.id,
    caseId: r.case_id,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + r.duration_minutes * 60_000).toISOString(),
    durationMinutes: r.duration_minutes,
    format: r.format,
    attendeeIds: r.attendee_ids,
    stage: r.stage,
    note: r.note,
    signedAt: r.signed_at ? new Date(r.signed_at).toISOString() : null,
    signedBy: r.signed_by,
    noteHash: r.note_hash,
    integrity: note === 'verified' && links.includes('mismatch') ? 'mismatch' : note,
    addenda: addenda.map((a, i) => ({
      id: a.id,
      authorId: a.authorId,
      authorName: a.authorName ?? null,
      text: a.text,
      createdAt: a.createdAt.toISOString(),
      at: a.createdAt.toISOString(),
      integrity: links[i]!,
    })),
    status: r.status,
    meetingFormat: r.meeting_format,
    location: r.location,
    seriesId: r.series_id,
    timeZone: r.time_zone,
    cancellation: r.status === 'cancelled' && r.cancelled_by && r.cancelled_at
      ? { by: r.cancelled_by, reason: r.cancel_reason, late: r.cancelled_late ?? false, at: new Date(r.cancelled_at).toISOString() }
      : null,
    conflictOverrideReason: r.conflict_override_reason,
    caseTitle: r.case_title,
    practitionerId: r.practitioner_id,
    attendeeNames: r.attendee_names,
    changeRequests: r.change_requests.map((c) => ({ ...c, createdAt: new Date(c.createdAt).toISOString() })),
    version: r.version,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
