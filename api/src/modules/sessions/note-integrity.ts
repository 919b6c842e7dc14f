import { createHash } from 'node:crypto';
import { canonicalAddendumText, canonicalNoteText, type SessionNote } from '@attune/domain';

export type NoteIntegrity = 'verified' | 'mismatch' | 'unsigned';
export type AddendumIntegrity = 'verified' | 'mismatch';

/** SHA-256 (hex) of libs' canonical text of a note: what signing stores and reading re-checks. */
export function noteHash(note: SessionNote): string {
  return createHash('sha256').update(canonicalNoteText(note ?? {}), 'utf8').digest('hex');
}

/** Whether a signed note still matches the hash taken when it was signed. */
export function noteIntegrity(session: { signedAt: Date | null; noteHash: string | null; note: SessionNote }): NoteIntegrity {
  if (!session.signedAt) return 'unsigned';
  return session.noteHash !== null && session.noteHash === noteHash(session.note) ? 'verified' : 'mismatch';
}

/** What an addendum's link in the chain covers. */
export interface ChainedAddendum {
  text: string;
  authorId: string;
  createdAt: Date;
}

/**
 * An addendum's link in its note's hash chain: SHA-256 (hex) of the previous link (the note's
 * `note_hash` for the first addendum) followed by libs' canonical text of the addendum (its text,
 * author and time).
 */
export function addendumHash(previousHash: string, addendum: ChainedAddendum): string {
  const canonical = canonicalAddendumText({ text: addendum.text, authorId: addendum.authorId, at: addendum.createdAt.toISOString() });
  return createHash('sha256').update(previousHash, 'utf8').update(canonical, 'utf8').digest('hex');
}

/**
 * Each addendum checked against its stored link, oldest first: a changed text, author or time, a
 * removed or reordered addendum before it (its previous link no longer matches) all read 'mismatch'.
 */
export function addendaIntegrity(noteHashOfSession: string | null, addenda: ReadonlyArray<ChainedAddendum & { hash: string | null }>): AddendumIntegrity[] {
  let previous = noteHashOfSession ?? '';
  return addenda.map((a) => {
    const verified = noteHashOfSession !== null && a.hash !== null && a.hash === addendumHash(previous, a);
    previous = a.hash ?? '';
    return verified ? 'verified' : 'mismatch';
  });
}
