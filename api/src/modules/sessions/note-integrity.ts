import { createHash } from 'node:crypto';
import { canonicalNoteText, type SessionNote } from '@attune/domain';

export type NoteIntegrity = 'verified' | 'mismatch' | 'unsigned';

/** SHA-256 (hex) of libs' canonical text of a note: what signing stores and reading re-checks. */
export function noteHash(note: SessionNote): string {
  return createHash('sha256').update(canonicalNoteText(note ?? {}), 'utf8').digest('hex');
}

/** Whether a signed note still matches the hash taken when it was signed. */
export function noteIntegrity(session: { signedAt: Date | null; noteHash: string | null; note: SessionNote }): NoteIntegrity {
  if (!session.signedAt) return 'unsigned';
  return session.noteHash !== null && session.noteHash === noteHash(session.note) ? 'verified' : 'mismatch';
}
