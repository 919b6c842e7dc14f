import type { ExerciseField, ExerciseResponse } from '../exercises/exercise-fields.js';
import type { ChangeClass, LocalText } from '../measures/instrument.js';
import { builtInMeasure } from '../measures/measure-catalogue.js';

/**
 * A client's own record as they download it (GET /api/me/export): what they entered (homework
 * answers and drafts, check-ins, self-ratings, logged moments, their own completed measures) and what was shared with them
 * (ratings recorded with them, the practitioner's notes to them and feedback, answers a partner
 * chose to share). Session notes and anything the practitioner keeps private are not part of it.
 */
export interface MyRecordExport {
  format: 'attune-my-record/v1';
  exportedAt: string;
  notice: string;
  people: Array<{ clientId: string; displayName: string }>;
  cases: MyRecordCase[];
}

export interface MyRecordCase {
  caseId: string;
  title: string;
  kind: 'individual' | 'couple';
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  homework: Array<{
    id: string;
    exercise: { key: string | null; title: string; fields: ExerciseField[] };
    status: 'assigned' | 'in_progress' | 'submitted' | 'reviewed';
    assignedAt: string;
    dueAt: string;
    noteFromPractitioner: string | null;
    /** What was sent (submitted or reviewed), else null. */
    answers: ExerciseResponse | null;
    /** A saved draft not yet sent, else null. */
    draft: ExerciseResponse | null;
    submittedAt: string | null;
    sharedWithPartner: boolean;
    feedback: string | null;
    reviewedAt: string | null;
    checkIns: Array<{ periodStart: string; response: ExerciseResponse }>;
  }>;
  ratings: Array<{ id: string; score: number; recordedAt: string; source: 'practitioner' | 'client'; keepsFromLower: string | null; onePointHigher: string | null }>;
  moments: Array<{ id: string; occurredAt: string; context: string; behavior: string | null; thoughts: string | null; emotions: string | null; meaning: string | null; tags: string[] }>;
  partnerShared: Array<{ id: string; partnerName: string; exerciseKey: string | null; exerciseTitle: string; fields: ExerciseField[]; answers: ExerciseResponse; submittedAt: string | null }>;
  /** The client's own completed measures, oldest first (never a partner's). */
  measures: MyRecordMeasure[];
}

/** One completed measure of the client's: its scores and each answer in words. */
export interface MyRecordMeasure {
  id: string;
  measureKey: string;
  title: LocalText;
  completedAt: string;
  /** The total; null for a measure without one (the communication profile). */
  score: number | null;
  band: { key: string; label: LocalText } | null;
  changeClass: ChangeClass | null;
  /** Each item in the definition's order: the question, and the option chosen (null: left unanswered). */
  answers: Array<{ item: string; question: LocalText; value: number | null; answer: LocalText | null }>;
}

/** A completed measure response as the client's export gives it: the definition's words for its title, band and answers. */
export function myRecordMeasure(response: {
  id: string; measureKey: string; completedAt: string; score: number | null; band: string | null; changeClass: ChangeClass | null; answers: Record<string, number | null>;
}): MyRecordMeasure {
  const definition = builtInMeasure(response.measureKey);
  const same = (text: string): LocalText => ({ en: text, 'zh-CN': text });
  const band = definition?.bands.find((b) => b.key === response.band);
  const items = definition?.items ?? Object.keys(response.answers).map((key) => ({ key, text: same(key), options: [] }));
  return {
    id: response.id,
    measureKey: response.measureKey,
    title: definition?.title ?? same(response.measureKey),
    completedAt: response.completedAt,
    score: response.score,
    band: band ? { key: band.key, label: band.label } : response.band === null ? null : { key: response.band, label: same(response.band) },
    changeClass: response.changeClass,
    answers: items.map((item) => {
      const value = response.answers[item.key] ?? null;
      return { item: item.key, question: item.text, value, answer: item.options.find((o) => o.value === value)?.label ?? (value === null ? null : same(String(value))) };
    }),
  };
}

/** How many records a client's export holds: what its audit entry counts. */
export function myRecordCount(record: MyRecordExport): number {
  return record.cases.reduce((n, k) => n + k.homework.length + k.homework.reduce((c, h) => c + h.checkIns.length, 0) + k.ratings.length + k.moments.length + k.partnerShared.length + k.measures.length, 0);
}
