import {
  intSchema,
  sessionInputSchema,
  type SessionAddendumDto,
  type SessionDto,
} from '@attune/domain';
import { z } from 'zod';
import type { ListSpec } from '../../common/list-query.js';
import { addendaIntegrity, noteIntegrity, type AddendumIntegrity, type NoteIntegrity } from './note-integrity.js';
import type { SessionAddendum } from './session-addendum.entity.js';
import type { TherapySession } from './therapy-session.entity.js';

export const SESSION_LIST: ListSpec = {
  resource: 'sessions',
  idColumn: 's.id',
  defaultSort: ['startsAt', 'DESC'],
  sortable: { id: 's.id', startsAt: 's.starts_at', stage: 's.stage', createdAt: 's.created_at', updatedAt: 's.updated_at' },
  filterable: {
    caseId: { column: 's.case_id', kind: 'uuid' },
    stage: { column: 's.stage', kind: 'int' },
    format: { column: 's.format', kind: 'enum', values: ['individual', 'joint'] },
    signed: { column: '(s.signed_at IS NOT NULL)', kind: 'boolean' },
    attendeeId: { column: 's.attendee_ids', kind: 'uuid', arrayContains: true },
    startsAt_gte: { column: 's.starts_at', kind: 'date_from' },
    startsAt_lte: { column: 's.starts_at', kind: 'date_to' },
  },
};

const versionSchema = intSchema(1, 2_147_483_647);

/** Body of `POST /api/sessions`. */
export const sessionCreateSchema = sessionInputSchema;
export type SessionCreate = z.infer<typeof sessionCreateSchema>;

/**
 * Body of `PUT /api/sessions/:id`: the session as GET returned it. The case is fixed (a caseId in the
 * body is ignored), as are the signature fields; `version`, when given, must match the row (else 409).
 */
export const sessionUpdateSchema = sessionInputSchema.safeExtend({ version: versionSchema.optional() });
export type SessionUpdate = z.infer<typeof sessionUpdateSchema>;

/** Body of `POST /api/sessions/:id/sign`: optionally the version the signer read, so they sign what they saw. */
export const sessionSignSchema = z.object({ version: versionSchema.optional() }).default({});
export type SessionSign = z.infer<typeof sessionSignSchema>;

export interface SessionAddendumResponseDto extends SessionAddendumDto {
  id: string;
  createdAt: string;
  /** Its link in the note's hash chain recomputed on read: 'verified' when it matches the stored one. */
  integrity: AddendumIntegrity;
}

/** libs' SessionDto with the signature's hash, its check on read and the row's version. */
export interface SessionResponseDto extends Omit<SessionDto, 'addenda'> {
  addenda: SessionAddendumResponseDto[];
  noteHash: string | null;
  /**
   * The signed record recomputed on read: 'verified' when the note matches the hash stored at
   * signing and every addendum its link in the chain; 'mismatch' when anything changed.
   */
  integrity: NoteIntegrity;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An addendum with its author's display name, as the session's answer shows it. */
export type AddendumWithAuthor = SessionAddendum & { authorName?: string | null };

export function toSessionDto(s: TherapySession, addenda: AddendumWithAuthor[]): SessionResponseDto {
  const links = addendaIntegrity(s.noteHash, addenda);
  const note = noteIntegrity(s);
  return {
    id: s.id,
    caseId: s.caseId,
    startsAt: s.startsAt.toISOString(),
    durationMinutes: s.durationMinutes,
    format: s.format,
    attendeeIds: s.attendeeIds,
    stage: s.stage,
    note: s.note,
    signedAt: s.signedAt ? s.signedAt.toISOString() : null,
    signedBy: s.signedBy,
    noteHash: s.noteHash,
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
    version: s.version,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
