import { formatNumber, utcCalendarDaysBetween } from './primitives.js';
import { sortByRecordedAt } from './scale.js';
import { stageDefinition, stageOverrun, STAGE_OVERRUN_GRACE_DAYS, plannedStageLength, type StageNumber } from './stages.js';

export const ALERT_KINDS = ['measure_safety', 'measure_deterioration', 'setback', 'plateau', 'partners_diverging', 'homework_piling_up', 'stage_overrun'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_SEVERITIES = ['high', 'medium', 'low'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface CaseAlert {
  kind: AlertKind;
  severity: AlertSeverity;
  /** The client the alert is about, when it is about one. */
  clientId?: string | undefined;
  /** The alert in English: a fallback for screens that cannot word it from `params`. */
  message: string;
  /**
   * The figures behind the message, so screens can word the alert in the user's language:
   * setback `{clientName, latest, best, drop}`; plateau `{clientName, ratings, scores, days}`;
   * partners_diverging `{partnerA, scoreA, partnerB, scoreB, gap}`; stage_overrun
   * `{stage, stageTitle, days, daysOver, plannedDays, graceDays}`; homework_piling_up `{count}`;
   * measure_safety `{clientName, measure}`; measure_deterioration `{clientName, measure, baseline, latest}`.
   * Numbers are formatted as in the message.
   */
  params: Record<string, string | number>;
}

/** Latest score this far or more below the client's best so far is a setback. */
export const SETBACK_DROP = 2;
/** Ratings compared for a plateau, and the days they must span at least. */
export const PLATEAU_RATINGS = 3;
export const PLATEAU_MIN_SPAN_DAYS = 14;
/** Partners' latest scores this far or more apart. */
export const PARTNERS_DIVERGING_GAP = 3;
/** Overdue assignments from which homework counts as piling up. */
export const HOMEWORK_PILING_UP_COUNT = 2;

const SEVERITY_ORDER: Record<AlertSeverity, number> = { high: 0, medium: 1, low: 2 };

export interface CaseAlertInput {
  today: Date | string;
  stage: StageNumber;
  stageEnteredAt: Date | string;
  cycleStartedAt: Date | string;
  clients: { id: string; displayName: string }[];
  scores: { clientId: string; score: number; recordedAt: Date | string }[];
  overdueAssignments: number;
  /**
   * What the latest scored response of each measure says, per client: a safety item answered above
   * its threshold, or a reliable deterioration against the client's first response of that measure.
   */
  measureSignals?: MeasureSignal[] | undefined;
}

/** A finding of a client's latest response to a measure that the case's alerts show. */
export interface MeasureSignal {
  clientId: string;
  /** The measure's short title (PHQ-9). */
  measure: string;
  kind: 'safety' | 'deterioration';
  baseline?: number;
  latest?: number;
}

/**
 * The alerts of a case today, most severe first:
 * - measure_safety (high): a client's latest response to a measure answers a safety item (PHQ-9 item 9) above 0;
 * - measure_deterioration (high): a client's latest score on a measure is reliably worse than their first;
 * - setback (high): a client's latest score is 2 or more below their best so far;
 * - plateau (medium): a client's last 3 ratings span 14 days or more and none is higher than the one before;
 * - partners_diverging (medium): in a couple case, the partners' latest scores are 3 or more apart;
 * - stage_overrun (medium): the stage visit has run past its planned days plus the grace days;
 * - homework_piling_up (low): 2 or more assignments are overdue.
 */
export function deriveCaseAlerts(input: CaseAlertInput): CaseAlert[] {
  const alerts: CaseAlert[] = [];
  const names = new Map(input.clients.map((c) => [c.id, c.displayName]));
  for (const signal of input.measureSignals ?? []) {
    const clientName = names.get(signal.clientId) ?? 'Client';
    if (signal.kind === 'safety') {
      alerts.push({
        kind: 'measure_safety',
        severity: 'high',
        clientId: signal.clientId,
        params: { clientName, measure: signal.measure },
        message: `${clientName}: the safety question of the ${signal.measure} was answered above 0; check in today`,
      });
    } else {
      const baseline = formatNumber(signal.baseline ?? 0);
      const latest = formatNumber(signal.latest ?? 0);
      alerts.push({
        kind: 'measure_deterioration',
        severity: 'high',
        clientId: signal.clientId,
        params: { clientName, measure: signal.measure, baseline, latest },
        message: `${clientName}: ${signal.measure} reliably worse, ${latest} against ${baseline} at the start`,
      });
    }
  }
  const clientIds = [...input.clients.map((c) => c.id)];
  for (const s of input.scores) if (!clientIds.includes(s.clientId)) clientIds.push(s.clientId);

  const latest = new Map<string, number>();
  for (const clientId of clientIds) {
    const name = names.get(clientId) ?? 'Client';
    const series = sortByRecordedAt(input.scores.filter((s) => s.clientId === clientId));
    const last = series[series.length - 1];
    if (!last) continue;
    latest.set(clientId, last.score);

    const best = Math.max(...series.map((s) => s.score));
    const drop = best - last.score;
    if (drop >= SETBACK_DROP) {
      alerts.push({
        kind: 'setback',
        severity: 'high',
        clientId,
        params: { clientName: name, latest: formatNumber(last.score), best: formatNumber(best), drop: formatNumber(drop) },
        message: `${name}: latest ${formatNumber(last.score)} is ${formatNumber(drop)} below best ${formatNumber(best)}`,
      });
    }

    if (series.length >= PLATEAU_RATINGS) {
      const recent = series.slice(-PLATEAU_RATINGS);
      const span = utcCalendarDaysBetween(recent[0]!.recordedAt, recent[recent.length - 1]!.recordedAt);
      const rose = recent.some((p, i) => i > 0 && p.score > recent[i - 1]!.score);
      if (span >= PLATEAU_MIN_SPAN_DAYS && !rose) {
        alerts.push({
          kind: 'plateau',
          severity: 'medium',
          clientId,
          params: {
            clientName: name,
            ratings: PLATEAU_RATINGS,
            scores: recent.map((p) => formatNumber(p.score)).join(', '),
            days: span,
          },
          message: `${name}: no rise in the last ${PLATEAU_RATINGS} ratings (${recent
            .map((p) => formatNumber(p.score))
            .join(', ')}) over ${span} days`,
        });
      }
    }
  }

  if (input.clients.length === 2) {
    const [a, b] = input.clients as [{ id: string; displayName: string }, { id: string; displayName: string }];
    const scoreA = latest.get(a.id);
    const scoreB = latest.get(b.id);
    if (scoreA !== undefined && scoreB !== undefined) {
      const gap = Math.abs(scoreA - scoreB);
      if (gap >= PARTNERS_DIVERGING_GAP) {
        alerts.push({
          kind: 'partners_diverging',
          severity: 'medium',
          params: {
            partnerA: a.displayName,
            scoreA: formatNumber(scoreA),
            partnerB: b.displayName,
            scoreB: formatNumber(scoreB),
            gap: formatNumber(gap),
          },
          message: `${a.displayName} (${formatNumber(scoreA)}) and ${b.displayName} (${formatNumber(scoreB)}): latest scores ${formatNumber(gap)} points apart`,
        });
      }
    }
  }

  const overrun = stageOverrun({
    stage: input.stage,
    stageEnteredAt: input.stageEnteredAt,
    cycleStartedAt: input.cycleStartedAt,
    today: input.today,
  });
  if (overrun.overrun) {
    const def = stageDefinition(input.stage);
    alerts.push({
      kind: 'stage_overrun',
      severity: 'medium',
      params: {
        stage: def.stage,
        stageTitle: def.title,
        days: overrun.daysInStage,
        daysOver: overrun.daysOver,
        plannedDays: plannedStageLength(input.stage),
        graceDays: STAGE_OVERRUN_GRACE_DAYS,
      },
      message: `Stage ${def.stage} (${def.title}): ${overrun.daysInStage} days in stage, ${overrun.daysOver} past the planned ${plannedStageLength(
        input.stage,
      )} days plus ${STAGE_OVERRUN_GRACE_DAYS} days' grace`,
    });
  }

  if (input.overdueAssignments >= HOMEWORK_PILING_UP_COUNT) {
    alerts.push({
      kind: 'homework_piling_up',
      severity: 'low',
      params: { count: input.overdueAssignments },
      message: `${input.overdueAssignments} homework assignments are overdue`,
    });
  }

  return alerts
    .map((alert, index) => ({ alert, index }))
    .sort((x, y) => SEVERITY_ORDER[x.alert.severity] - SEVERITY_ORDER[y.alert.severity] || x.index - y.index)
    .map((x) => x.alert);
}
