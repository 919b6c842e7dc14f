import {
  builtInMeasure,
  caseSchedule,
  deriveCaseAlerts,
  overdueSql,
  PLATEAU_RATINGS,
  type CaseAlert,
  type CaseProgressDto,
  type CaseStatus,
  type LatestScoreDto,
  type MeasureSignal,
  type ScaleScoreSource,
  type StageBandDto,
  type StageNumber,
} from '@attune/domain';
import type { EntityManager } from 'typeorm';
import type { Case } from './case.entity.js';
import type { CaseClientSummaryDto, CaseDto } from '@attune/domain';

/** A rating as the alert rules read it. */
export interface ScorePoint {
  clientId: string;
  score: number;
  recordedAt: Date;
}

/** What the derived fields of a case are computed from. */
export interface CaseFacts {
  /** In case order (position 1, then 2). */
  clients: CaseClientSummaryDto[];
  /**
   * Per client, oldest first: the first rating, the best one and the latest three. That is all libs'
   * deriveCaseAlerts looks at (setback: latest against best; plateau: the last three), and the first
   * is what the change since intake is measured from.
   */
  scores: ScorePoint[];
  overdueAssignments: number;
  /** What each client's latest scored response per measure says (safety answer, reliable deterioration). */
  measureSignals?: MeasureSignal[] | undefined;
}

/** The fields of a case the derived values depend on. */
export interface CaseState {
  stage: StageNumber;
  status: CaseStatus;
  stageEnteredAt: Date;
  cycleStartedAt: Date;
  closedAt: Date | null;
}

function emptyFacts(): CaseFacts {
  return { clients: [], scores: [], overdueAssignments: 0, measureSignals: [] };
}

/**
 * Loads the facts of many cases in three set-based queries (clients, reduced score series, overdue
 * homework counts), whatever the number of cases: lists and the dashboard never query per case.
 */
export async function loadCaseFacts(manager: EntityManager, caseIds: readonly string[]): Promise<Map<string, CaseFacts>> {
  const facts = new Map<string, CaseFacts>(caseIds.map((id) => [id, emptyFacts()]));
  if (caseIds.length === 0) return facts;
  const ids = [...new Set(caseIds)];

  const clients: Array<{ case_id: string; id: string; display_name: string }> = await manager.query(
    `SELECT cc.case_id, cl.id, cl.display_name
       FROM case_clients cc JOIN clients cl ON cl.id = cc.client_id
      WHERE cc.case_id = ANY($1::uuid[])
      ORDER BY cc.case_id, cc.position`,
    [ids],
  );
  for (const row of clients) facts.get(row.case_id)?.clients.push({ id: row.id, displayName: row.display_name });

  const scores: Array<{ case_id: string; client_id: string; score: string; recorded_at: Date }> = await manager.query(
    `SELECT case_id, client_id, score, recorded_at
       FROM (SELECT s.id, s.case_id, s.client_id, s.score, s.recorded_at,
                    row_number() OVER (PARTITION BY s.case_id, s.client_id ORDER BY s.recorded_at DESC, s.id DESC) AS recent,
                    row_number() OVER (PARTITION BY s.case_id, s.client_id ORDER BY s.score DESC, s.recorded_at DESC, s.id DESC) AS best,
                    row_number() OVER (PARTITION BY s.case_id, s.client_id ORDER BY s.recorded_at, s.id) AS first
               FROM scale_scores s
              WHERE s.case_id = ANY($1::uuid[]) AND NOT s.hidden) r
      WHERE recent <= ${PLATEAU_RATINGS} OR best = 1 OR first = 1
      ORDER BY case_id, client_id, recorded_at, id`,
    [ids],
  );
  for (const row of scores) {
    facts.get(row.case_id)?.scores.push({ clientId: row.client_id, score: Number(row.score), recordedAt: row.recorded_at });
  }

  const overdue: Array<{ case_id: string; n: number }> = await manager.query(
    `SELECT a.case_id, count(*)::int AS n
       FROM assignments a
      WHERE a.case_id = ANY($1::uuid[]) AND ${overdueSql('a')}
      GROUP BY a.case_id`,
    [ids],
  );
  for (const row of overdue) {
    const f = facts.get(row.case_id);
    if (f) f.overdueAssignments = row.n;
  }

  // The latest completed response of each measure per client: its safety concern and change class.
  const measures: Array<{ case_id: string; client_id: string; measure_key: string; safety_concern: boolean; change_class: string | null; score: string | null; baseline_score: string | null }> = await manager.query(
    `SELECT DISTINCT ON (case_id, client_id, measure_key) case_id, client_id, measure_key, safety_concern, change_class, score, baseline_score
       FROM measure_responses
      WHERE case_id = ANY($1::uuid[]) AND status = 'completed'
      ORDER BY case_id, client_id, measure_key, completed_at DESC, id DESC`,
    [ids],
  );
  for (const row of measures) {
    const f = facts.get(row.case_id);
    if (f) (f.measureSignals ??= []).push(...measureSignalsOf([[row.client_id, row.measure_key, row.safety_concern, row.change_class, row.score, row.baseline_score]]));
  }
  return facts;
}

/** A client's latest completed response to one measure: client, measure key, safety concern, change class, score, baseline. */
type LatestMeasureRow = [clientId: string, measureKey: string, safetyConcern: boolean, changeClass: string | null, score: string | number | null, baseline: string | number | null];

/** What the alert rules read from the latest responses: a safety concern, a reliable deterioration. */
function measureSignalsOf(rows: LatestMeasureRow[]): MeasureSignal[] {
  const signals: MeasureSignal[] = [];
  for (const [clientId, key, safetyConcern, changeClass, score, baseline] of rows) {
    const measure = builtInMeasure(key)?.shortTitle ?? key;
    if (safetyConcern) signals.push({ clientId, measure, kind: 'safety' });
    if (changeClass === 'reliable_deterioration') signals.push({ clientId, measure, kind: 'deterioration', baseline: Number(baseline), latest: Number(score) });
  }
  return signals;
}

/**
 * The change on the scale since intake: per client with two or more ratings, latest minus first,
 * averaged (to two decimals) over those clients; null when there are none.
 */
export function averageChangeSinceIntake(facts: Iterable<CaseFacts>): { mean: number | null; clients: number } {
  let sum = 0;
  let clients = 0;
  for (const f of facts) {
    // Oldest first: per client, the first point seen is the intake rating, the last one the latest.
    const perClient = new Map<string, { first: number; last: number; ratings: number }>();
    for (const { clientId, score } of f.scores) {
      const seen = perClient.get(clientId);
      perClient.set(clientId, seen ? { ...seen, last: score, ratings: seen.ratings + 1 } : { first: score, last: score, ratings: 1 });
    }
    for (const { first, last, ratings } of perClient.values()) {
      if (ratings < 2) continue;
      sum += last - first;
      clients += 1;
    }
  }
  return { mean: clients === 0 ? null : Math.round((sum / clients) * 100) / 100, clients };
}

/** The active alerts of a case (libs' rules). A closed case raises none: there is nothing left to act on. */
export function alertsOfCase(k: CaseState, facts: CaseFacts, now: Date): CaseAlert[] {
  if (k.status !== 'open') return [];
  return deriveCaseAlerts({
    today: now,
    stage: k.stage,
    stageEnteredAt: k.stageEnteredAt,
    cycleStartedAt: k.cycleStartedAt,
    clients: facts.clients,
    scores: facts.scores,
    overdueAssignments: facts.overdueAssignments,
    measureSignals: facts.measureSignals,
  });
}

/** Each client's latest rating, in case order; clients without one are left out. */
export function latestScoresOf(facts: CaseFacts): LatestScoreDto[] {
  const latest = new Map<string, ScorePoint>();
  for (const point of facts.scores) latest.set(point.clientId, point); // oldest first: the last one wins
  const order = facts.clients.map((c) => c.id);
  return [...latest.values()]
    .sort((a, b) => indexOrEnd(order, a.clientId) - indexOrEnd(order, b.clientId))
    .map((p) => ({ clientId: p.clientId, score: p.score, recordedAt: p.recordedAt.toISOString() }));
}

function indexOrEnd(list: string[], id: string): number {
  const i = list.indexOf(id);
  return i === -1 ? list.length : i;
}

/** The stored fields of a case its answer shows. */
export type CaseRow = Pick<Case, 'id' | 'title' | 'kind' | 'practitionerId' | 'stage' | 'cycle' | 'status' | 'openedAt' | 'closedAt'
  | 'presentingConcern' | 'problemName' | 'stageEnteredAt' | 'cycleStartedAt' | 'updatedAt' | 'version'>;

/** CaseRow's select list over `cases k`, for queries that read plain rows instead of entities. */
export const CASE_ROW_SELECT = ([
  ['k.id', 'id'], ['k.title', 'title'], ['k.kind', 'kind'], ['k.practitioner_id', 'practitionerId'], ['k.stage', 'stage'],
  ['k.cycle', 'cycle'], ['k.status', 'status'], ['k.opened_at', 'openedAt'], ['k.closed_at', 'closedAt'],
  ['k.presenting_concern', 'presentingConcern'], ['k.problem_name', 'problemName'], ['k.stage_entered_at', 'stageEnteredAt'], ['k.cycle_started_at', 'cycleStartedAt'],
  ['k.updated_at', 'updatedAt'], ['k.version', 'version'],
] satisfies Array<[string, keyof CaseRow]>).map(([sql, alias]) => `${sql} AS "${alias}"`).join(', ');

/** The API's view of a case: stored fields, then the derived ones (schedule, latest scores, alerts). */
export function toCaseResponse(k: CaseRow, facts: CaseFacts, now: Date): CaseDto {
  const schedule = caseSchedule({ cycleStartedAt: k.cycleStartedAt, stage: k.stage, today: k.closedAt ?? now });
  return {
    id: k.id,
    title: k.title,
    kind: k.kind,
    clientIds: facts.clients.map((c) => c.id),
    clients: facts.clients,
    practitionerId: k.practitionerId,
    stage: k.stage,
    cycle: k.cycle,
    status: k.status,
    openedAt: k.openedAt.toISOString(),
    closedAt: k.closedAt ? k.closedAt.toISOString() : null,
    presentingConcern: k.presentingConcern,
    problemName: k.problemName,
    stageEnteredAt: k.stageEnteredAt.toISOString(),
    cycleStartedAt: k.cycleStartedAt.toISOString(),
    updatedAt: k.updatedAt.toISOString(),
    version: k.version,
    day: schedule.day,
    plannedStage: schedule.plannedStage,
    daysBehind: schedule.daysBehind,
    scheduleStatus: schedule.status,
    latestScores: latestScoresOf(facts),
    alerts: alertsOfCase(k, facts, now),
  };
}

/** A timestamp as integer milliseconds since the epoch, for JSON built in SQL. */
const epochMs = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::int8`;

/**
 * Everything the progress chart shows, as sub-selects over the visible case `k`: one statement
 * instead of five. Rows come as JSON arrays in chart order.
 */
export const CASE_PROGRESS_SELECT = `
  (SELECT coalesce(json_agg(json_build_array(cl.id, cl.display_name) ORDER BY cc.position), '[]')
     FROM case_clients cc JOIN clients cl ON cl.id = cc.client_id WHERE cc.case_id = k.id) AS "progressClients",
  (SELECT coalesce(json_agg(json_build_array(s.id, s.client_id, s.score, ${epochMs('s.recorded_at')}, s.source, s.keeps_from_lower, s.one_point_higher) ORDER BY s.recorded_at, s.id), '[]')
     FROM scale_scores s WHERE s.case_id = k.id AND NOT s.hidden) AS "progressScores",
  (SELECT count(*)::int FROM assignments a
    WHERE a.case_id = k.id AND ${overdueSql('a')}) AS "overdueAssignments",
  (SELECT coalesce(json_agg(json_build_array(t.to_stage, t.to_cycle, ${epochMs('t.at')}) ORDER BY t.at, t.to_cycle), '[]')
     FROM stage_transitions t WHERE t.case_id = k.id) AS "progressTransitions",
  (SELECT coalesce(json_agg(json_build_array(ts.id, ${epochMs('ts.starts_at')}) ORDER BY ts.starts_at, ts.id), '[]')
     FROM therapy_sessions ts WHERE ts.case_id = k.id) AS "progressSessions",
  (SELECT coalesce(json_agg(json_build_array(m.client_id, m.measure_key, m.safety_concern, m.change_class, m.score, m.baseline_score)), '[]')
     FROM (SELECT DISTINCT ON (client_id, measure_key) client_id, measure_key, safety_concern, change_class, score, baseline_score
             FROM measure_responses WHERE case_id = k.id AND status = 'completed'
            ORDER BY client_id, measure_key, completed_at DESC, id DESC) m) AS "progressMeasures"`;

export interface CaseProgressRow extends CaseRow {
  progressClients: Array<[id: string, displayName: string]>;
  progressScores: Array<[id: string, clientId: string, score: number, recordedAtMs: number, source: ScaleScoreSource, keepsFromLower: string | null, onePointHigher: string | null]>;
  overdueAssignments: number;
  progressTransitions: Array<[stage: StageNumber, cycle: number, atMs: number]>;
  progressSessions: Array<[id: string, startsAtMs: number]>;
  progressMeasures: LatestMeasureRow[];
}

const isoOf = (ms: number) => new Date(ms).toISOString();

/** The chart's DTO from CASE_PROGRESS_SELECT's row; alerts read the whole series, as of `now`. */
export function toCaseProgress(row: CaseProgressRow, now: Date): CaseProgressDto {
  const facts: CaseFacts = {
    clients: row.progressClients.map(([id, displayName]) => ({ id, displayName })),
    scores: row.progressScores.map(([, clientId, score, at]) => ({ clientId, score: Number(score), recordedAt: new Date(at) })),
    overdueAssignments: row.overdueAssignments,
    measureSignals: measureSignalsOf(row.progressMeasures),
  };
  const transitions = row.progressTransitions;
  return {
    series: facts.clients.map((client) => ({
      clientId: client.id,
      displayName: client.displayName,
      points: row.progressScores
        .filter(([, clientId]) => clientId === client.id)
        .map(([id, , score, at, source, keepsFromLower, onePointHigher]) => ({
          id, recordedAt: isoOf(at), score: Number(score), source, keepsFromLower: keepsFromLower ?? null, onePointHigher: onePointHigher ?? null,
        })),
    })),
    stageBands: transitions.map(([stage, cycle, at], i): StageBandDto => {
      const next = transitions[i + 1];
      const end = next ? isoOf(next[2]) : row.closedAt ? row.closedAt.toISOString() : null;
      return { stage, cycle, start: isoOf(at), end };
    }),
    sessions: row.progressSessions.map(([id, startsAt]) => ({ id, startsAt: isoOf(startsAt) })),
    alerts: alertsOfCase(row, facts, now),
    stage: row.stage,
    cycle: row.cycle,
  };
}
