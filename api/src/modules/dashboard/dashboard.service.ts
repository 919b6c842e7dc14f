import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ALERT_SEVERITIES,
  caseScopeParams,
  caseScopeSql,
  overdueSql,
  STAGE_NUMBERS,
  stageOverrun,
  type AlertKind,
  type DashboardAlertDto,
  type DashboardDto,
  type DashboardStageOverrunDto,
} from '@attune/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { scopeToActor } from '../../common/actor-scope.js';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { alertsOfCase, averageChangeSinceIntake, CASE_ROW_SELECT, loadCaseFacts, type CaseRow } from '../cases/case-insights.js';
import { Case } from '../cases/case.entity.js';

/** Each list of the dashboard holds at most this many items; `totals` has the full counts. */
export const DASHBOARD_LIST_LIMIT = 50;
const WEEK_SESSIONS_LIMIT = 200;

/** `k` is the case; $1 the practice; $2 the practitioner, or null for an admin (the whole practice). */
const CASE_COLUMNS = { practice: 'k.practice_id', practitioner: 'k.practitioner_id' } as const;
/** Case visibility over `k`, with the practice and the caseload as $1 and $2 (libs' caseScopeSql). */
const IN_SCOPE = caseScopeSql(CASE_COLUMNS);

/**
 * The caller's caseload at a glance (an admin's: the practice), aggregated in SQL over the whole
 * caseload; the alert and overrun rules are libs', applied to facts loaded in set-based queries.
 */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async get(actor: Actor, timeZone: string): Promise<DashboardDto> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const scope = caseScopeParams(actor);

      const { openCases, alerts, stageOverruns, averageChange } = await this.openCaseInsights(manager, actor, now);
      const counts = new Map<number, number>();
      for (const k of openCases) counts.set(k.stage, (counts.get(k.stage) ?? 0) + 1);

      const reviewQueue: Array<{ id: string; case_id: string; case_title: string; client_id: string; client_name: string; exercise_key: string | null; exercise_title: string; submitted_at: Date; total: number }> =
        await manager.query(
          `SELECT a.id, a.case_id, k.title AS case_title, a.client_id, cl.display_name AS client_name, CASE WHEN e.built_in THEN e.key END AS exercise_key, e.title AS exercise_title,
                  a.submitted_at, count(*) OVER ()::int AS total
             FROM assignments a
             JOIN cases k ON k.id = a.case_id
             JOIN clients cl ON cl.id = a.client_id
             JOIN exercises e ON e.id = a.exercise_id
            WHERE ${IN_SCOPE} AND k.status = 'open' AND a.status = 'submitted'
            ORDER BY a.submitted_at, a.id
            LIMIT ${DASHBOARD_LIST_LIMIT}`, scope);

      const overdue: Array<{ id: string; case_id: string; case_title: string; client_id: string; client_name: string; exercise_key: string | null; exercise_title: string; due_at: Date; total: number }> =
        await manager.query(
          `SELECT a.id, a.case_id, k.title AS case_title, a.client_id, cl.display_name AS client_name, CASE WHEN e.built_in THEN e.key END AS exercise_key, e.title AS exercise_title,
                  a.due_at, count(*) OVER ()::int AS total
             FROM assignments a
             JOIN cases k ON k.id = a.case_id
             JOIN clients cl ON cl.id = a.client_id
             JOIN exercises e ON e.id = a.exercise_id
            WHERE ${IN_SCOPE} AND k.status = 'open' AND ${overdueSql('a')}
            ORDER BY a.due_at, a.id
            LIMIT ${DASHBOARD_LIST_LIMIT}`, scope);

      const unsigned: Array<{ id: string; case_id: string; case_title: string; starts_at: Date; total: number }> = await manager.query(
        `SELECT s.id, s.case_id, k.title AS case_title, s.starts_at, count(*) OVER ()::int AS total
           FROM therapy_sessions s JOIN cases k ON k.id = s.case_id
          WHERE ${IN_SCOPE} AND s.signed_at IS NULL AND s.starts_at < now()
          ORDER BY s.starts_at, s.id
          LIMIT ${DASHBOARD_LIST_LIMIT}`, scope);

      const [week]: Array<{ start: Date; end: Date; iso_week: string }> = await manager.query(
        `SELECT date_trunc('week', now() AT TIME ZONE $1) AT TIME ZONE $1 AS start,
                (date_trunc('week', now() AT TIME ZONE $1) + interval '7 days') AT TIME ZONE $1 AS end,
                to_char(now() AT TIME ZONE $1, 'IYYY-"W"IW') AS iso_week`, [timeZone]);
      const thisWeek: Array<{ id: string; case_id: string; case_title: string; starts_at: Date; duration_minutes: number; signed: boolean; total: number }> =
        await manager.query(
          `SELECT s.id, s.case_id, k.title AS case_title, s.starts_at, s.duration_minutes, s.signed_at IS NOT NULL AS signed,
                  count(*) OVER ()::int AS total
             FROM therapy_sessions s JOIN cases k ON k.id = s.case_id
            WHERE ${IN_SCOPE} AND s.starts_at >= $3 AND s.starts_at < $4
            ORDER BY s.starts_at, s.id
            LIMIT ${WEEK_SESSIONS_LIMIT}`, [...scope, week!.start, week!.end]);

      const alertCounts: Partial<Record<AlertKind, number>> = {};
      for (const { alert } of alerts) alertCounts[alert.kind] = (alertCounts[alert.kind] ?? 0) + 1;

      const shownAlerts = alerts.slice(0, DASHBOARD_LIST_LIMIT);
      // Every item shown names its case (and some carry scores or the homework's client): the read is
      // recorded once per case shown; counts and averages alone name none.
      await this.audit.recordCaseReads(manager, 'read', 'dashboard', [
        ...reviewQueue.map((r) => r.case_id), ...overdue.map((r) => r.case_id), ...shownAlerts.map((a) => a.caseId),
        ...stageOverruns.map((o) => o.caseId), ...unsigned.map((r) => r.case_id), ...thisWeek.map((r) => r.case_id),
      ]);
      return {
        openCasesByStage: STAGE_NUMBERS.map((stage) => ({ stage, count: counts.get(stage) ?? 0 })),
        reviewQueue: reviewQueue.map((r) => ({
          assignmentId: r.id, caseId: r.case_id, caseTitle: r.case_title, clientId: r.client_id, clientName: r.client_name,
          exerciseKey: r.exercise_key, exerciseTitle: r.exercise_title, submittedAt: r.submitted_at.toISOString(),
        })),
        overdueHomework: overdue.map((r) => ({
          assignmentId: r.id, caseId: r.case_id, caseTitle: r.case_title, clientId: r.client_id, clientName: r.client_name,
          exerciseKey: r.exercise_key, exerciseTitle: r.exercise_title, dueAt: r.due_at.toISOString(),
        })),
        alerts: shownAlerts,
        alertCounts,
        stageOverruns,
        unsignedSessions: unsigned.map((r) => ({ sessionId: r.id, caseId: r.case_id, caseTitle: r.case_title, startsAt: r.starts_at.toISOString() })),
        sessionsThisWeek: thisWeek.map((r) => ({
          sessionId: r.id, caseId: r.case_id, caseTitle: r.case_title, startsAt: r.starts_at.toISOString(),
          durationMinutes: r.duration_minutes, signed: r.signed,
        })),
        sessionsThisWeekCount: thisWeek[0]?.total ?? 0,
        week: { isoWeek: week!.iso_week, start: week!.start.toISOString(), end: week!.end.toISOString(), timeZone },
        averageChangeSinceIntake: averageChange.mean,
        averageChangeClients: averageChange.clients,
        totals: {
          reviewQueue: reviewQueue[0]?.total ?? 0,
          overdueHomework: overdue[0]?.total ?? 0,
          unsignedSessions: unsigned[0]?.total ?? 0,
          alerts: alerts.length,
        },
      };
    });
  }

  /**
   * Every open case in scope, with libs' alert and overrun rules applied and the change since intake,
   * all from the case rows and their facts (three set-based queries).
   */
  private async openCaseInsights(manager: EntityManager, actor: Actor, now: Date): Promise<{
    openCases: CaseRow[]; alerts: DashboardAlertDto[]; stageOverruns: DashboardStageOverrunDto[]; averageChange: { mean: number | null; clients: number };
  }> {
    const openCases = await scopeToActor(manager.getRepository(Case).createQueryBuilder('k'), actor, 'k.practice_id', 'k.practitioner_id')
      .select(CASE_ROW_SELECT)
      .andWhere(`k.status = 'open'`)
      .orderBy('k.title', 'ASC').addOrderBy('k.id', 'ASC')
      .getRawMany<CaseRow>();
    const facts = await loadCaseFacts(manager, openCases.map((k) => k.id));

    const alerts: DashboardAlertDto[] = [];
    const stageOverruns: DashboardStageOverrunDto[] = [];
    for (const k of openCases) {
      for (const alert of alertsOfCase(k, facts.get(k.id)!, now)) {
        alerts.push({ caseId: k.id, caseTitle: k.title, alert });
      }
      const overrun = stageOverrun({ stage: k.stage, stageEnteredAt: k.stageEnteredAt, cycleStartedAt: k.cycleStartedAt, today: now });
      if (overrun.overrun) {
        stageOverruns.push({ caseId: k.id, caseTitle: k.title, stage: k.stage, daysInStage: overrun.daysInStage, daysOver: overrun.daysOver });
      }
    }
    const severityRank = (a: DashboardAlertDto) => ALERT_SEVERITIES.indexOf(a.alert.severity);
    alerts.sort((a, b) => severityRank(a) - severityRank(b)); // stable: case title order within a severity
    stageOverruns.sort((a, b) => b.daysOver - a.daysOver || a.caseTitle.localeCompare(b.caseTitle));
    return { openCases, alerts, stageOverruns, averageChange: averageChangeSinceIntake(facts.values()) };
  }
}
