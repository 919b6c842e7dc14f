import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { myRecordCount, myRecordMeasure, type ChangeClass, type ExerciseField, type ExerciseResponse, type MyRecordExport, type ReportLanguage } from '@attune/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/request-context.js';
import { myClientIds, sharedPartnerAnswers } from '../me/my-scope.js';
import { REPORT_MESSAGES } from './case-report.messages.js';
import { renderMyRecord } from './my-record.pdf.js';
import { RecordExports } from './record-exports.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * A client's own export (right of access, portability): only rows of the client records linked to
 * their sign-in (their own measures among them), and of a partner only the answers the partner shared once sent. Session notes,
 * the practitioner's private content and a partner's private answers are never selected.
 * Rate-limited and audited as an export.
 */
@Injectable()
export class MyExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly exports: RecordExports) {}

  async json(actor: Actor): Promise<MyRecordExport> {
    this.exports.admit(actor);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const record = await this.load(manager, actor);
      await this.exports.record(manager, { kind: 'my-export', entityId: null, caseIds: record.cases.map((k) => k.caseId), rowCount: myRecordCount(record) });
      return record;
    });
  }

  async pdf(actor: Actor, language: ReportLanguage, timeZone: string): Promise<Buffer> {
    this.exports.admit(actor);
    const record = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const loaded = await this.load(manager, actor, REPORT_MESSAGES[language].privateNote);
      await this.exports.record(manager, { kind: 'my-export-pdf', entityId: null, caseIds: loaded.cases.map((k) => k.caseId), rowCount: myRecordCount(loaded) });
      return loaded;
    });
    return renderMyRecord(record, { language, timeZone });
  }

  private async load(manager: import('typeorm').EntityManager, actor: Actor, notice = REPORT_MESSAGES.en.privateNote): Promise<MyRecordExport> {
    const clientIds = await myClientIds(manager, actor);
    const params = [clientIds, actor.practiceId];
    const people: Array<{ id: string; display_name: string }> = await manager.query(
      `SELECT id, display_name FROM clients WHERE id = ANY($1) AND practice_id = $2 ORDER BY display_name`, params);
    const cases: Array<{ id: string; title: string; kind: 'individual' | 'couple'; status: 'open' | 'closed'; opened_at: Date; closed_at: Date | null }> = await manager.query(
      `SELECT DISTINCT k.id, k.title, k.kind, k.status, k.opened_at, k.closed_at
         FROM case_clients cc JOIN cases k ON k.id = cc.case_id WHERE cc.client_id = ANY($1) AND k.practice_id = $2 ORDER BY k.opened_at`, params);
    const homework: Array<{ id: string; case_id: string; key: string | null; title: string; fields: ExerciseField[]; status: 'assigned' | 'in_progress' | 'submitted' | 'reviewed'; assigned_at: Date; due_at: Date; note: string | null; response: ExerciseResponse | null; draft: ExerciseResponse | null; submitted_at: Date | null; shared_with_partner: boolean; feedback: string | null; reviewed_at: Date | null }> = await manager.query(
      `SELECT a.id, a.case_id, CASE WHEN e.built_in THEN e.key END AS key, e.title, e.fields, a.status, a.assigned_at, a.due_at, a.note,
              CASE WHEN a.status IN ('submitted', 'reviewed') THEN a.response END AS response,
              CASE WHEN a.status IN ('assigned', 'in_progress') THEN a.draft END AS draft,
              a.submitted_at, a.shared_with_partner, a.feedback, a.reviewed_at
         FROM assignments a JOIN exercises e ON e.id = a.exercise_id
        WHERE a.client_id = ANY($1) AND a.practice_id = $2 ORDER BY a.assigned_at, a.id`, params);
    const checkIns: Array<{ assignment_id: string; period_start: string; response: ExerciseResponse }> = await manager.query(
      `SELECT ci.assignment_id, to_char(ci.period_start, 'YYYY-MM-DD') AS period_start, ci.response
         FROM assignment_check_ins ci JOIN assignments a ON a.id = ci.assignment_id
        WHERE a.client_id = ANY($1) AND a.practice_id = $2 ORDER BY ci.period_start`, params);
    const ratings: Array<{ id: string; case_id: string; score: string; recorded_at: Date; source: 'practitioner' | 'client'; keeps_from_lower: string | null; one_point_higher: string | null }> = await manager.query(
      `SELECT id, case_id, score, recorded_at, source, keeps_from_lower, one_point_higher FROM scale_scores
        WHERE client_id = ANY($1) AND practice_id = $2 ORDER BY recorded_at, id`, params);
    // Moments the client logged themselves; ones the practitioner wrote down are the practitioner's notes.
    const moments: Array<{ id: string; case_id: string; occurred_at: Date; context: string; behavior: string | null; thoughts: string | null; emotions: string | null; meaning: string | null; tags: string[] }> = await manager.query(
      `SELECT id, case_id, occurred_at, context, behavior, thoughts, emotions, meaning, tags FROM case_exceptions
        WHERE client_id = ANY($1) AND practice_id = $2 AND source = 'client' ORDER BY occurred_at, id`, params);
    // The client's own completed measures: a partner's answers to theirs are the partner's, never selected.
    const measures: Array<{ id: string; case_id: string; measure_key: string; completed_at: Date; answers: Record<string, number | null> | null; score: string | null; band: string | null; change_class: ChangeClass | null }> = await manager.query(
      `SELECT id, case_id, measure_key, completed_at, answers, score, band, change_class FROM measure_responses
        WHERE client_id = ANY($1) AND practice_id = $2 AND status = 'completed' AND completed_at IS NOT NULL ORDER BY completed_at, id`, params);
    // A partner's answers only where the partner marked them shared, once sent (the portal's one rule).
    const shared = await sharedPartnerAnswers(manager, clientIds, actor.practiceId, 'oldest first');
    return {
      format: 'attune-my-record/v1',
      exportedAt: new Date().toISOString(),
      notice,
      people: people.map((p) => ({ clientId: p.id, displayName: p.display_name })),
      cases: cases.map((k) => ({
        caseId: k.id, title: k.title, kind: k.kind, status: k.status, openedAt: k.opened_at.toISOString(), closedAt: iso(k.closed_at),
        homework: homework.filter((h) => h.case_id === k.id).map((h) => ({
          id: h.id, exercise: { key: h.key, title: h.title, fields: h.fields }, status: h.status, assignedAt: h.assigned_at.toISOString(), dueAt: h.due_at.toISOString(),
          noteFromPractitioner: h.note, answers: h.response, draft: h.draft, submittedAt: iso(h.submitted_at), sharedWithPartner: h.shared_with_partner,
          feedback: h.feedback, reviewedAt: iso(h.reviewed_at),
          checkIns: checkIns.filter((c) => c.assignment_id === h.id).map((c) => ({ periodStart: c.period_start, response: c.response })),
        })),
        ratings: ratings.filter((r) => r.case_id === k.id).map((r) => ({
          id: r.id, score: Number(r.score), recordedAt: r.recorded_at.toISOString(), source: r.source, keepsFromLower: r.keeps_from_lower, onePointHigher: r.one_point_higher,
        })),
        moments: moments.filter((m) => m.case_id === k.id).map((m) => ({
          id: m.id, occurredAt: m.occurred_at.toISOString(), context: m.context, behavior: m.behavior, thoughts: m.thoughts, emotions: m.emotions, meaning: m.meaning, tags: m.tags,
        })),
        partnerShared: shared.filter((s) => s.case_id === k.id).map((s) => ({
          id: s.id, partnerName: s.partner_name, exerciseKey: s.exercise_key, exerciseTitle: s.title, fields: s.fields, answers: s.response, submittedAt: iso(s.submitted_at),
        })),
        measures: measures.filter((r) => r.case_id === k.id).map((r) => myRecordMeasure({
          id: r.id, measureKey: r.measure_key, completedAt: r.completed_at.toISOString(), score: r.score === null ? null : Number(r.score), band: r.band,
          changeClass: r.change_class, answers: r.answers ?? {},
        })),
      })),
    };
  }
}
