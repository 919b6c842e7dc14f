import type { ExerciseField, ExerciseResponse } from '../exercises/exercise-fields.js';
import type { ChangeClass, LocalText, MeasureDefinition } from '../measures/instrument.js';
import { builtInMeasure } from '../measures/measure-catalogue.js';
import { SESSION_NOTE_SECTIONS, type SessionNote } from '../session-notes.js';

/**
 * Everything one case holds, as plain data (ISO 8601 strings, no entities): what the API loads once
 * for a records export and what the FHIR mapping and the printable report both read.
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
  /** Completed measure responses (a pending or expired occurrence is not part of the record), oldest first. */
  measures: RecordMeasure[];
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

/** One completed measure response, scored on the server: the answers and what they came to. */
export interface RecordMeasure {
  id: string;
  /** The client (partner) who answered. */
  clientId: string;
  measureKey: string;
  measureVersion: string;
  completedAt: string;
  /** Item key → the option's value; null for an item left unanswered. */
  answers: Record<string, number | null>;
  /** The total; null for a measure without one (the communication profile). */
  score: number | null;
  /** The band's key in the measure's definition. */
  band: string | null;
  /** The first score of the series it is compared with, and how the change classifies. */
  baselineScore: number | null;
  changeClass: ChangeClass | null;
  source: 'client' | 'practitioner';
  /** The practitioner who entered answers given in session. */
  enteredBy: string | null;
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
export function caseRecordCounts(record: CaseRecord): Record<'clients' | 'sessions' | 'signedNotes' | 'addenda' | 'scaleScores' | 'exceptions' | 'homework' | 'measures', number> {
  return {
    clients: record.clients.length,
    sessions: record.sessions.length,
    signedNotes: record.sessions.filter((s) => s.signedAt !== null).length,
    addenda: record.sessions.reduce((n, s) => n + s.addenda.length, 0),
    scaleScores: record.scaleScores.length,
    exceptions: record.exceptions.length,
    homework: record.homework.length,
    measures: record.measures.length,
  };
}

/**
 * The part of a record that falls in [from, to] (either open): sessions by start, scores, exceptions
 * by when they happened, homework by when it was assigned, measures by when they were completed,
 * stage moves by when they were made. The
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
    measures: record.measures.filter((m) => inside(m.completedAt)),
  };
}

/** One row of a measure's series in a record: when, the total, its band and the change from the series' first score. */
export interface RecordMeasurePoint {
  id: string;
  completedAt: string;
  score: number;
  band: { key: string; label: LocalText } | null;
  /** score − baseline (null for the first score, which is the baseline). */
  delta: number | null;
  changeClass: ChangeClass | null;
  source: 'client' | 'practitioner';
}

/** A measure's series per client of the case, for a printed report: definitions in catalogue order, clients in case position. */
export interface RecordMeasureSeries {
  definition: MeasureDefinition;
  clients: Array<{ client: RecordClient; points: RecordMeasurePoint[] }>;
}

/**
 * The record's completed measures with a total, grouped by measure and client, oldest first (the
 * communication profile, which has no total, is left out). A measure appears when any client has a point.
 */
export function recordMeasureSeries(record: Pick<CaseRecord, 'measures' | 'clients'>): RecordMeasureSeries[] {
  const scored = record.measures.filter((m): m is RecordMeasure & { score: number } => m.score !== null);
  const keys = [...new Set(scored.map((m) => m.measureKey))];
  return keys.flatMap((key) => {
    const definition = builtInMeasure(key);
    if (!definition) return [];
    const clients = record.clients.map((client) => ({
      client,
      points: scored
        .filter((m) => m.measureKey === key && m.clientId === client.id)
        .sort((a, b) => Date.parse(a.completedAt) - Date.parse(b.completedAt))
        .map((m): RecordMeasurePoint => {
          const band = definition.bands.find((b) => b.key === m.band);
          return {
            id: m.id,
            completedAt: m.completedAt,
            score: m.score,
            band: band ? { key: band.key, label: band.label } : null,
            delta: m.baselineScore === null ? null : Math.round((m.score - m.baselineScore) * 100) / 100,
            changeClass: m.changeClass,
            source: m.source,
          };
        }),
    })).filter((c) => c.points.length > 0);
    return [{ definition, clients }];
  });
}
