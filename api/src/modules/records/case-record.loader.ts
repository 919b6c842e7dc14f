import type { CaseRecord, ExerciseField, RecordHomework, RecordMeasure, SessionNote } from '@attune/domain';
import type { EntityManager } from 'typeorm';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * Loads everything one case holds as a plain CaseRecord, in a handful of queries. The caller has
 * checked that the case is in reach (CaseAccessService): this reads by case id and practice only.
 * Drafts of homework are not part of the record; hidden ratings and moments are (they stay in the
 * record, only charts and alerts leave them out).
 */
export async function loadCaseRecord(manager: EntityManager, practiceId: string, caseId: string): Promise<CaseRecord> {
  const [k] = await manager.query(
    `SELECT k.id, k.title, k.kind, k.status, k.stage, k.cycle, k.opened_at, k.closed_at, k.presenting_concern, k.practitioner_id, p.id AS practice_id, p.name AS practice_name
       FROM cases k JOIN practices p ON p.id = k.practice_id WHERE k.id = $1 AND k.practice_id = $2`,
    [caseId, practiceId],
  );
  if (!k) throw new Error(`case ${caseId} vanished while it was exported`);
  const clients: Array<{ id: string; position: number; display_name: string; pronouns: string | null; email: string | null; phone: string | null; status: 'active' | 'paused' | 'discharged' }> = await manager.query(
    `SELECT c.id, cc.position, c.display_name, c.pronouns, c.email, c.phone, c.status
       FROM case_clients cc JOIN clients c ON c.id = cc.client_id WHERE cc.case_id = $1 ORDER BY cc.position`,
    [caseId],
  );
  const transitions: Array<{ from_stage: number | null; to_stage: number; from_cycle: number | null; to_cycle: number; kind: string; reason: string; at: Date }> = await manager.query(
    `SELECT from_stage, to_stage, from_cycle, to_cycle, kind, reason, at FROM stage_transitions WHERE case_id = $1 ORDER BY at, id`,
    [caseId],
  );
  const sessions: Array<{ id: string; starts_at: Date; duration_minutes: number; format: 'individual' | 'joint'; attendee_ids: string[]; stage: number; note: SessionNote; signed_at: Date | null; signed_by: string | null; note_hash: string | null }> = await manager.query(
    `SELECT id, starts_at, duration_minutes, format, attendee_ids, stage, note, signed_at, signed_by, note_hash
       FROM therapy_sessions WHERE case_id = $1 ORDER BY starts_at, id`,
    [caseId],
  );
  const addenda: Array<{ id: string; session_id: string; position: number; text: string; author_id: string; created_at: Date; hash: string }> = await manager.query(
    `SELECT a.id, a.session_id, a.position, a.text, a.author_id, a.created_at, a.hash
       FROM session_addenda a JOIN therapy_sessions s ON s.id = a.session_id WHERE s.case_id = $1 ORDER BY a.session_id, a.position`,
    [caseId],
  );
  const scores: Array<{ id: string; client_id: string; score: string; recorded_at: Date; source: 'practitioner' | 'client'; recorded_by: string | null; session_id: string | null; keeps_from_lower: string | null; one_point_higher: string | null }> = await manager.query(
    `SELECT id, client_id, score, recorded_at, source, recorded_by, session_id, keeps_from_lower, one_point_higher
       FROM scale_scores WHERE case_id = $1 ORDER BY recorded_at, created_at, id`,
    [caseId],
  );
  const exceptions: Array<{ id: string; client_id: string; occurred_at: Date; context: string; behavior: string | null; thoughts: string | null; emotions: string | null; meaning: string | null; tags: string[]; significant: boolean; source: 'practitioner' | 'client' }> = await manager.query(
    `SELECT id, client_id, occurred_at, context, behavior, thoughts, emotions, meaning, tags, significant, source
       FROM case_exceptions WHERE case_id = $1 ORDER BY occurred_at, id`,
    [caseId],
  );
  const homework: Array<{ id: string; client_id: string; exercise_id: string; key: string; title: string; built_in: boolean; fields: ExerciseField[]; status: RecordHomework['status']; assigned_at: Date; due_at: Date; submitted_at: Date | null; response: Record<string, unknown> | null; shared_with_partner: boolean; feedback: string | null; reviewed_at: Date | null }> = await manager.query(
    `SELECT a.id, a.client_id, e.id AS exercise_id, e.key, e.title, e.built_in, e.fields, a.status, a.assigned_at, a.due_at, a.submitted_at,
            CASE WHEN a.status IN ('submitted', 'reviewed') THEN a.response END AS response,
            a.shared_with_partner, a.feedback, a.reviewed_at
       FROM assignments a JOIN exercises e ON e.id = a.exercise_id WHERE a.case_id = $1 ORDER BY a.assigned_at, a.id`,
    [caseId],
  );
  const measures: Array<{ id: string; client_id: string; measure_key: string; measure_version: string; completed_at: Date; answers: RecordMeasure['answers'] | null; score: string | null; band: string | null; baseline_score: string | null; change_class: RecordMeasure['changeClass']; source: RecordMeasure['source'] | null; entered_by: string | null }> = await manager.query(
    `SELECT id, client_id, measure_key, measure_version, completed_at, answers, score, band, baseline_score, change_class, source, entered_by
       FROM measure_responses WHERE case_id = $1 AND status = 'completed' AND completed_at IS NOT NULL ORDER BY completed_at, id`,
    [caseId],
  );
  const staffIds = new Set<string>([k.practitioner_id]);
  for (const m of measures) if (m.entered_by) staffIds.add(m.entered_by);
  for (const s of sessions) if (s.signed_by) staffIds.add(s.signed_by);
  for (const a of addenda) staffIds.add(a.author_id);
  for (const s of scores) if (s.recorded_by && s.source === 'practitioner') staffIds.add(s.recorded_by);
  const staff: Array<{ id: string; display_name: string }> = await manager.query(
    `SELECT id, display_name FROM users WHERE id = ANY($1) AND practice_id = $2 AND role <> 'client' ORDER BY display_name`,
    [[...staffIds], practiceId],
  );

  return {
    practice: { id: k.practice_id, name: k.practice_name },
    case: {
      id: k.id, title: k.title, kind: k.kind, status: k.status, stage: k.stage, cycle: k.cycle,
      openedAt: k.opened_at.toISOString(), closedAt: iso(k.closed_at), presentingConcern: k.presenting_concern, practitionerId: k.practitioner_id,
    },
    clients: clients.map((c) => ({ id: c.id, position: c.position as 1 | 2, displayName: c.display_name, pronouns: c.pronouns, email: c.email, phone: c.phone, status: c.status })),
    staff: staff.map((s) => ({ id: s.id, displayName: s.display_name })),
    transitions: transitions.map((t) => ({ fromStage: t.from_stage, toStage: t.to_stage, fromCycle: t.from_cycle, toCycle: t.to_cycle, kind: t.kind, reason: t.reason, at: t.at.toISOString() })),
    sessions: sessions.map((s) => ({
      id: s.id, startsAt: s.starts_at.toISOString(), durationMinutes: s.duration_minutes, format: s.format, attendeeIds: s.attendee_ids, stage: s.stage,
      note: s.note ?? {}, signedAt: iso(s.signed_at), signedBy: s.signed_by, noteHash: s.note_hash,
      addenda: addenda.filter((a) => a.session_id === s.id).map((a) => ({ id: a.id, position: a.position, text: a.text, authorId: a.author_id, createdAt: a.created_at.toISOString(), hash: a.hash })),
    })),
    scaleScores: scores.map((s) => ({
      id: s.id, clientId: s.client_id, score: Number(s.score), recordedAt: s.recorded_at.toISOString(), source: s.source, recordedBy: s.recorded_by,
      sessionId: s.session_id, keepsFromLower: s.keeps_from_lower, onePointHigher: s.one_point_higher,
    })),
    exceptions: exceptions.map((e) => ({
      id: e.id, clientId: e.client_id, occurredAt: e.occurred_at.toISOString(), context: e.context, behavior: e.behavior, thoughts: e.thoughts,
      emotions: e.emotions, meaning: e.meaning, tags: e.tags, significant: e.significant, source: e.source,
    })),
    homework: homework.map((h) => ({
      id: h.id, clientId: h.client_id, exercise: { id: h.exercise_id, key: h.key, title: h.title, builtIn: h.built_in, fields: h.fields },
      status: h.status, assignedAt: h.assigned_at.toISOString(), dueAt: h.due_at.toISOString(), submittedAt: iso(h.submitted_at),
      response: h.response, sharedWithPartner: h.shared_with_partner, feedback: h.feedback, reviewedAt: iso(h.reviewed_at),
    })),
    measures: measures.map((m) => ({
      id: m.id, clientId: m.client_id, measureKey: m.measure_key, measureVersion: m.measure_version, completedAt: m.completed_at.toISOString(),
      answers: m.answers ?? {}, score: m.score === null ? null : Number(m.score), band: m.band,
      baselineScore: m.baseline_score === null ? null : Number(m.baseline_score), changeClass: m.change_class, source: m.source ?? 'client', enteredBy: m.entered_by,
    })),
  };
}
