import { isStageNumber, STAGES, type StageNumber } from '@attune/domain';
import { asArray, asNumber, asObject, asString, asTime } from '../shared/raw';

/** `GET /api/dashboard` as it arrives: read defensively, since the endpoint may evolve. */
export type RawDashboard = unknown;

export type AttentionKind = 'alert' | 'review' | 'overdue' | 'stage_overrun' | 'unsigned_session';

export interface AttentionItem {
  /** Unique within the list. */
  id: string;
  kind: AttentionKind;
  /** 0 = most urgent. */
  rank: number;
  caseId: string;
  caseTitle: string;
  /** Translation key and arguments of the reason. */
  reason: { key: string; args: Record<string, string | number> };
  /** The alert's own message (English, from the API), when the item is an alert. */
  detail?: string | undefined;
  /** The alert's kind and figures, to word it in the user's language (falling back to `detail`). */
  alert?: { kind: string; params?: Record<string, string | number> };
  /** The exercise of a review or overdue item: its built-in key (null for a custom one) and title. */
  exercise?: { key: string | null; title: string };
  severity?: string;
  /** Where the item is handled: the case workspace, on the right tab. */
  link: string;
  at?: number | undefined;
}

export interface DashboardView {
  openCasesByStage: { stage: StageNumber; count: number }[];
  attention: AttentionItem[];
  sessionsThisWeek: number | null;
  averageChangeSinceIntake: number | null;
  averageChangeClients: number | null;
  /**
   * How many items of each kind need attention, in the order of their urgency: the API's full
   * counts where it gives them (it sends at most 50 items of a kind), otherwise the items received.
   */
  attentionCounts: { kind: AttentionKind; count: number }[];
  /** All of them: more than `attention` holds when the API cut a list. */
  attentionTotal: number;
}

/**
 * How many items "Needs attention" lists before "Show all": the morning's most urgent work, few
 * enough that the caseload chart below stays within reach for a practitioner with a large caseload.
 */
export const ATTENTION_SHOWN_AT_FIRST = 10;

/** What "Needs attention" draws: the items in view and what the rest of the list adds up to. */
export interface AttentionPage {
  /** The items in view, most urgent first. */
  shown: AttentionItem[];
  /** How many items are left out of view (0 once expanded). */
  hidden: number;
  total: number;
  /** Whether the list is longer than the first view, so it can be expanded and collapsed. */
  collapsible: boolean;
}

const SEVERITY_RANK: Record<string, number> = { high: 0, medium: 3, low: 5 };
const KIND_RANK: Record<Exclude<AttentionKind, 'alert'>, number> = {
  review: 1,
  unsigned_session: 2,
  stage_overrun: 3,
  overdue: 4,
};

export function caseLink(caseId: string, tab?: 'homework' | 'sessions' | 'exceptions' | 'history'): string {
  const base = `/cases/${encodeURIComponent(caseId)}/show`;
  return tab ? `${base}/${tab}` : base;
}

function caseOf(item: Record<string, unknown>): { caseId: string; caseTitle: string } | null {
  const caseId = asString(item['caseId']);
  if (!caseId) return null;
  return { caseId, caseTitle: asString(item['caseTitle']) ?? caseId };
}

function exerciseOf(item: Record<string, unknown>): { key: string | null; title: string } {
  return { key: asString(item['exerciseKey']) ?? null, title: asString(item['exerciseTitle']) ?? '' };
}

/** An alert's figures: only its string and number values. */
function paramsOf(raw: unknown): Record<string, string | number> | undefined {
  const object = asObject(raw);
  if (!object) return undefined;
  return Object.fromEntries(Object.entries(object).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as Record<string, string | number>;
}

/**
 * One list of what needs a practitioner's attention, most urgent first: high alerts, homework
 * waiting for review, unsigned notes of past sessions, stage overruns, other alerts, overdue
 * homework. Accepts the alerts flat (`{kind, severity, message}`) or nested (`{alert: {...}}`),
 * overruns from `stageOverruns` or from `stage_overrun` alerts (never both for one case), and
 * unsigned sessions from `unsignedSessions` or from the week's sessions marked `signed: false`.
 */
export function normaliseDashboard(raw: RawDashboard, now: number = Date.now()): DashboardView {
  const body = asObject(raw) ?? {};
  const attention: AttentionItem[] = [];

  const byStage = new Map<StageNumber, number>(STAGES.map((s) => [s.stage, 0]));
  for (const entry of asArray(body['openCasesByStage'])) {
    const item = asObject(entry);
    const stage = item?.['stage'];
    const count = asNumber(item?.['count']);
    if (isStageNumber(stage) && count !== undefined) byStage.set(stage, count);
  }

  for (const entry of asArray(body['reviewQueue'])) {
    const item = asObject(entry);
    const c = item && caseOf(item);
    if (!item || !c) continue;
    attention.push({
      id: `review:${asString(item['assignmentId']) ?? attention.length}`,
      kind: 'review',
      rank: KIND_RANK.review,
      ...c,
      reason: {
        key: 'attune.dashboard.reason.review',
        args: { client: asString(item['clientName']) ?? '', exercise: asString(item['exerciseTitle']) ?? '' },
      },
      exercise: exerciseOf(item),
      link: caseLink(c.caseId, 'homework'),
      at: asTime(item['submittedAt']),
    });
  }

  for (const entry of asArray(body['overdueHomework'])) {
    const item = asObject(entry);
    const c = item && caseOf(item);
    if (!item || !c) continue;
    const due = asTime(item['dueAt']);
    attention.push({
      id: `overdue:${asString(item['assignmentId']) ?? attention.length}`,
      kind: 'overdue',
      rank: KIND_RANK.overdue,
      ...c,
      reason: {
        key: 'attune.dashboard.reason.overdue',
        args: {
          client: asString(item['clientName']) ?? '',
          exercise: asString(item['exerciseTitle']) ?? '',
          smart_count: due === undefined ? 0 : Math.max(0, Math.floor((now - due) / 86_400_000)),
        },
      },
      exercise: exerciseOf(item),
      link: caseLink(c.caseId, 'homework'),
      at: due,
    });
  }

  const overrunCases = new Set<string>();
  for (const entry of asArray(body['stageOverruns'])) {
    const item = asObject(entry);
    const c = item && caseOf(item);
    if (!item || !c) continue;
    overrunCases.add(c.caseId);
    const stage = asNumber(item['stage']);
    attention.push({
      id: `overrun:${c.caseId}`,
      kind: 'stage_overrun',
      rank: KIND_RANK.stage_overrun,
      ...c,
      reason: { key: 'attune.dashboard.reason.stage_overrun', args: { stage: stage ?? '', smart_count: asNumber(item['daysOver']) ?? 0 } },
      link: caseLink(c.caseId),
    });
  }

  for (const entry of asArray(body['alerts'])) {
    const item = asObject(entry);
    const c = item && caseOf(item);
    if (!item || !c) continue;
    const alert = asObject(item['alert']) ?? item;
    const kind = asString(alert['kind']) ?? 'alert';
    if (kind === 'stage_overrun' && overrunCases.has(c.caseId)) continue;
    const severity = asString(alert['severity']) ?? 'medium';
    attention.push({
      id: `alert:${c.caseId}:${kind}:${asString(alert['clientId']) ?? ''}:${attention.length}`,
      kind: kind === 'stage_overrun' ? 'stage_overrun' : 'alert',
      rank: kind === 'stage_overrun' ? KIND_RANK.stage_overrun : (SEVERITY_RANK[severity] ?? 3),
      ...c,
      reason: { key: `attune.enums.alert_kind.${kind}`, args: {} },
      detail: asString(alert['message']),
      alert: { kind, ...(paramsOf(alert['params']) ? { params: paramsOf(alert['params'])! } : {}) },
      severity,
      link: caseLink(c.caseId),
    });
  }

  const unsigned = new Map<string, Record<string, unknown>>();
  for (const entry of asArray(body['unsignedSessions'])) {
    const item = asObject(entry);
    const id = asString(item?.['sessionId']);
    if (item && id) unsigned.set(id, item);
  }
  for (const entry of asArray(body['sessionsThisWeek'])) {
    const item = asObject(entry);
    const id = asString(item?.['sessionId']);
    const startsAt = asTime(item?.['startsAt']);
    if (item && id && item['signed'] === false && startsAt !== undefined && startsAt < now && !unsigned.has(id)) unsigned.set(id, item);
  }
  for (const [sessionId, item] of unsigned) {
    const c = caseOf(item);
    if (!c) continue;
    const startsAt = asTime(item['startsAt']);
    attention.push({
      id: `unsigned:${sessionId}`,
      kind: 'unsigned_session',
      rank: KIND_RANK.unsigned_session,
      ...c,
      reason: { key: 'attune.dashboard.reason.unsigned_session', args: {} },
      link: caseLink(c.caseId, 'sessions'),
      at: startsAt,
    });
  }

  attention.sort((a, b) => a.rank - b.rank || (a.at ?? Infinity) - (b.at ?? Infinity) || a.caseTitle.localeCompare(b.caseTitle));

  const sessionsRaw = body['sessionsThisWeek'];
  const sessionsThisWeek = Array.isArray(sessionsRaw) ? sessionsRaw.length : (asNumber(sessionsRaw) ?? null);
  const average = asNumber(body['averageChangeSinceIntake']) ?? null;

  const totals = asObject(body['totals']) ?? {};
  const alertCounts = Object.entries(asObject(body['alertCounts']) ?? {});
  const attentionCounts = countAttentionByKind(attention, {
    review: asNumber(totals['reviewQueue']),
    overdue: asNumber(totals['overdueHomework']),
    unsigned_session: asNumber(totals['unsignedSessions']),
    // stage overruns come whole in `stageOverruns`, so their alerts are not counted twice
    alert: alertCounts.length > 0
      ? alertCounts.reduce((sum, [kind, n]) => sum + (kind === 'stage_overrun' ? 0 : (asNumber(n) ?? 0)), 0)
      : undefined,
  });

  return {
    openCasesByStage: [...byStage.entries()].map(([stage, count]) => ({ stage, count })),
    attention,
    attentionCounts,
    attentionTotal: attentionCounts.reduce((sum, { count }) => sum + count, 0),
    sessionsThisWeek,
    averageChangeSinceIntake: average,
    averageChangeClients: asNumber(body['averageChangeClients']) ?? null,
  };
}

/**
 * The part of the list (already most urgent first, as `normaliseDashboard` orders it) that is in
 * view: its first `limit` items, or all of them once the practitioner expanded it. `total` is how
 * many need attention in all (`attentionTotal`), which is more than the items when the API cut a list.
 */
export function pageOfAttention(
  items: readonly AttentionItem[],
  expanded: boolean,
  total: number = items.length,
  limit: number = ATTENTION_SHOWN_AT_FIRST,
): AttentionPage {
  const collapsible = items.length > limit;
  const shown = collapsible && !expanded ? items.slice(0, limit) : [...items];
  const all = Math.max(total, items.length);
  return { shown, hidden: all - shown.length, total: all, collapsible };
}

/** The order of the kinds in the count line above the list: alerts (of every severity), then the list's order. */
const KIND_ORDER: readonly AttentionKind[] = [
  'alert',
  ...(Object.keys(KIND_RANK) as Array<keyof typeof KIND_RANK>).sort((x, y) => KIND_RANK[x] - KIND_RANK[y]),
];

/**
 * How many items of each kind need attention, in the order of their urgency; kinds with none are
 * left out. A full count from the API (`known`) wins over the items when it is larger.
 */
export function countAttentionByKind(
  items: readonly AttentionItem[],
  known: Partial<Record<AttentionKind, number | undefined>> = {},
): { kind: AttentionKind; count: number }[] {
  return KIND_ORDER.map((kind) => ({ kind, count: Math.max(items.filter((item) => item.kind === kind).length, known[kind] ?? 0) }))
    .filter((entry) => entry.count > 0);
}
