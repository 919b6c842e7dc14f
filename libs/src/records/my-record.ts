import type { ExerciseField, ExerciseResponse } from '../exercises/exercise-fields.js';

/**
 * A client's own record as they download it (GET /api/me/export): what they entered (homework
 * answers and drafts, check-ins, self-ratings, logged moments) and what was shared with them
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
}

/** How many records a client's export holds: what its audit entry counts. */
export function myRecordCount(record: MyRecordExport): number {
  return record.cases.reduce((n, k) => n + k.homework.length + k.homework.reduce((c, h) => c + h.checkIns.length, 0) + k.ratings.length + k.moments.length + k.partnerShared.length, 0);
}
