import type { ExerciseField, ExerciseResponse } from '../exercises/exercise-fields.js';
import { SESSION_NOTE_SECTIONS, type SessionNote } from '../session-notes.js';

/**
 * Everything one case holds, as plain data (ISO 8601 strings, no entities): what the API loads once
 * for a records export and what the FHIR mapping and the printable report both read. Measures are
 * not part of it yet: they join as another list here and another mapper beside the others.
 */
export interface CaseRecord {
  practice: { id: string; name: string };
  case: {
    id: string;
    title: string;
    kind: 'individual' | 'couple';
    status: 'open' | 'closed';
    stage: number;
    cycle: number;
    openedAt: string;
    closedAt: string | null;
    presentingConcern: string | null;
    practitionerId: string;
  };
  /** The case's one client (individual) or two partners (couple), in their case position (1, 2). */
  clients: RecordClient[];
  /** Staff the record names: the case's practitioner, note signers, addendum authors, raters. */
  staff: Array<{ id: string; displayName: string }>;
  transitions: Array<{ fromStage: number | null; toStage: number; fromCycle: number | null; toCycle: number; kind: string; reason: string; at: string }>;
  sessions: RecordSession[];
  scaleScores: RecordScaleScore[];
  exceptions: RecordException[];
  homework: RecordHomework[];
}

export interface RecordClient {
  id: string;
  position: 1 | 2;
  displayName: string;
  pronouns: string | null;
  email: string | null;
  phone: string | null;
  status: 'active' | 'paused' | 'discharged';
}

export interface RecordSession {
  id: string;
  startsAt: string;
  durationMinutes: number;
  format: 'individual' | 'joint';
  attendeeIds: string[];
  stage: number;
  /** Set once sessions carry a status (scheduled, held, cancelled, no_show); absent: held once it has started. */
  status?: 'scheduled' | 'held' | 'cancelled' | 'no_show';
  note: SessionNote;
  signedAt: string | null;
  signedBy: string | null;
  /** SHA-256 (hex) of the note's canonical text, taken at signing. */
  noteHash: string | null;
  addenda: Array<{ id: string; position: number; text: string; authorId: string; createdAt: string; hash: string }>;
}

export interface RecordScaleScore {
  id: string;
  clientId: string;
  score: number;
  recordedAt: string;
  source: 'practitioner' | 'client';
  recordedBy: string | null;
  sessionId: string | null;
  keepsFromLower: string | null;
  onePointHigher: string | null;
}

export interface RecordException {
  id: string;
  clientId: string;
  occurredAt: string;
  context: string;
  behavior: string | null;
  thoughts: string | null;
  emotions: string | null;
  meaning: string | null;
  tags: string[];
  significant: boolean;
  source: 'practitioner' | 'client';
}

export interface RecordHomework {
  id: string;
  clientId: string;
  exercise: { id: string; key: string; title: string; builtIn: boolean; fields: ExerciseField[] };
  status: 'assigned' | 'in_progress' | 'submitted' | 'reviewed';
  assignedAt: string;
  dueAt: string;
  submittedAt: string | null;
  /** The sent answers (submitted or reviewed homework only; a draft is not part of the record). */
  response: ExerciseResponse | null;
  sharedWithPartner: boolean;
  feedback: string | null;
  reviewedAt: string | null;
}

/** Whether a session counts as held: its status says so, or (before sessions had one) it has started by `asOf`. */
export function sessionWasHeld(session: Pick<RecordSession, 'status' | 'startsAt'>, asOf: Date): boolean {
  return session.status !== undefined ? session.status === 'held' : Date.parse(session.startsAt) <= asOf.getTime();
}

/** Homework whose answers were sent (submitted or reviewed). */
export function homeworkCompleted(homework: Pick<RecordHomework, 'status' | 'response' | 'submittedAt'>): boolean {
  return (homework.status === 'submitted' || homework.status === 'reviewed') && homework.response !== null && homework.submittedAt !== null;
}

/** The note's filled-in sections in template order, with their labels: what a reader of the record sees. */
export function readableNoteSections(note: SessionNote): Array<{ key: string; label: string; text: string }> {
  return SESSION_NOTE_SECTIONS.flatMap((section) => {
    const value = note[section.key];
    const text = typeof value === 'string' ? value.trim() : '';
    return text ? [{ key: section.key, label: section.label, text }] : [];
  });
}

/** The note as plain text: one "Label: text" paragraph per filled-in section. */
export function readableNoteText(note: SessionNote): string {
  return readableNoteSections(note).map((s) => `${s.label}: ${s.text}`).join('\n\n');
}

/** How many rows a record holds, by kind: what an export's audit entry counts. */
export function caseRecordCounts(record: CaseRecord): Record<'clients' | 'sessions' | 'signedNotes' | 'addenda' | 'scaleScores' | 'exceptions' | 'homework', number> {
  return {
    clients: record.clients.length,
    sessions: record.sessions.length,
    signedNotes: record.sessions.filter((s) => s.signedAt !== null).length,
    addenda: record.sessions.reduce((n, s) => n + s.addenda.length, 0),
    scaleScores: record.scaleScores.length,
    exceptions: record.exceptions.length,
    homework: record.homework.length,
  };
}

/**
 * The part of a record that falls in [from, to] (either open): sessions by start, scores, exceptions
 * by when they happened, homework by when it was assigned, stage moves by when they were made. The
 * case, its clients and staff stay whole.
 */
export function recordWithinPeriod(record: CaseRecord, from: string | null, to: string | null): CaseRecord {
  const start = from ? Date.parse(from) : -Infinity;
  const end = to ? Date.parse(to) : Infinity;
  const inside = (iso: string) => {
    const t = Date.parse(iso);
    return t >= start && t <= end;
  };
  return {
    ...record,
    transitions: record.transitions.filter((t) => inside(t.at)),
    sessions: record.sessions.filter((s) => inside(s.startsAt)),
    scaleScores: record.scaleScores.filter((s) => inside(s.recordedAt)),
    exceptions: record.exceptions.filter((e) => inside(e.occurredAt)),
    homework: record.homework.filter((h) => inside(h.assignedAt)),
  };
}
