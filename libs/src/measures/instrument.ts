/**
 * The instrument engine: one shape for every measure (standard questionnaires and Attune's own
 * communication profile) and the pure rules that score, band and compare answers. No framework here.
 */

/** Text in each language the product speaks. */
export interface LocalText {
  en: string;
  'zh-CN': string;
}

export const MEASURE_LOCALES = ['en', 'zh-CN'] as const;
export type MeasureLocale = (typeof MEASURE_LOCALES)[number];

export interface MeasureOption {
  /** The weight the answer carries before any reverse key. */
  value: number;
  label: LocalText;
}

export interface MeasureItem {
  /** Stable key, also the FHIR linkId. */
  key: string;
  text: LocalText;
  options: MeasureOption[];
  /** Reverse keyed: the weight counts as (min + max - value). */
  reverse?: boolean;
  /** The subscales the item counts towards. */
  subscales?: string[];
  /** A safety item: an answer at or above `flagAt` raises a safety flag whatever the total. */
  safety?: { flagAt: number };
  /** Where the wording came from (for the team's own items: written from scratch, by whom and when). */
  provenance?: string;
}

/**
 * How the total (or a subscale) is computed from the item weights:
 * `sum` — the weights added; `mean` — their average; `scaled` — the sum mapped linearly from its
 * possible range onto 0..`to` (WHO-5: raw 0-25 onto 0-100, i.e. raw × 4).
 */
export type MeasureScoring = { method: 'sum' } | { method: 'mean' } | { method: 'scaled'; to: number };

export type MeasureDirection = 'higher_is_worse' | 'higher_is_better';

export interface MeasureBand {
  key: string;
  /** Inclusive bounds on the total. */
  min: number;
  max: number;
  label: LocalText;
  /** How much concern the band signals: 0 none … 3 high. */
  concern: 0 | 1 | 2 | 3;
}

/**
 * Missing answers: up to `maxMissing` unanswered items are filled with the mean of the answered ones
 * (prorating, then rounding as the scoring method does); more missing leaves the measure unscored.
 */
export interface MissingAnswerRule {
  maxMissing: number;
  /** Items that must be answered whatever `maxMissing` says (e.g. a safety item). */
  required?: string[];
  source: string;
}

export interface ReliableChange {
  /** A change of at least this many points (either way) counts as reliable. */
  points: number;
  source: string;
}

export type MeasureLicenceKind = 'free_with_attribution' | 'original' | 'licensed_items_not_shipped';

export interface MeasureLicence {
  kind: MeasureLicenceKind;
  attribution: string;
  url?: string;
}

export interface MeasureSubscale {
  key: string;
  label: LocalText;
  scoring: MeasureScoring;
}

export interface MeasureDefinition {
  key: string;
  version: string;
  title: LocalText;
  shortTitle: string;
  /** The stem shown above the items ("Over the last 2 weeks, how often…"). */
  instructions: LocalText;
  items: MeasureItem[];
  scoring: MeasureScoring;
  subscales?: MeasureSubscale[];
  direction: MeasureDirection;
  bands: MeasureBand[];
  /** The cut-off line drawn on charts (the start of the first band of clinical concern). */
  clinicalCutoff?: number;
  reliableChange?: ReliableChange;
  missing: MissingAnswerRule;
  licence: MeasureLicence;
  /** LOINC code of the total score, when one exists. */
  loincTotal?: string;
  /** Who may take it: everyone, or partners in a couple case. */
  audience: 'individual' | 'couple_partner';
}

export type MeasureAnswers = Record<string, number | null | undefined>;

export type AnswerProblem = { item: string; reason: string };

/** Checks answers against the definition: unknown items and values not offered are problems, keyed by item. */
export function answerProblems(def: MeasureDefinition, answers: MeasureAnswers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const byKey = new Map(def.items.map((i) => [i.key, i]));
  for (const [key, value] of Object.entries(answers)) {
    const item = byKey.get(key);
    if (!item) {
      problems.push({ item: key, reason: 'is not an item of this measure' });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (!item.options.some((o) => o.value === value)) {
      problems.push({ item: key, reason: `must be one of: ${item.options.map((o) => o.value).join(', ')}` });
    }
  }
  return problems;
}

function optionRange(item: MeasureItem): { min: number; max: number } {
  const values = item.options.map((o) => o.value);
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** The weight an answer carries, after the reverse key. */
export function itemWeight(item: MeasureItem, value: number): number {
  if (!item.reverse) return value;
  const { min, max } = optionRange(item);
  return min + max - value;
}

export type ScoreOutcome =
  | { status: 'scored'; score: number; answered: number; prorated: boolean }
  | { status: 'incomplete'; answered: number; missing: string[] };

/** Rounds to at most 2 decimals, for mean and scaled scores. */
function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Scores a set of items with a scoring method and the missing-answer rule. */
export function scoreItems(items: MeasureItem[], scoring: MeasureScoring, answers: MeasureAnswers, rule: MissingAnswerRule): ScoreOutcome {
  const answered: number[] = [];
  const missing: string[] = [];
  for (const item of items) {
    const value = answers[item.key];
    if (value === null || value === undefined) missing.push(item.key);
    else answered.push(itemWeight(item, value));
  }
  const requiredMissing = (rule.required ?? []).some((k) => missing.includes(k));
  if (answered.length === 0 || missing.length > rule.maxMissing || requiredMissing) {
    return { status: 'incomplete', answered: answered.length, missing };
  }
  const mean = answered.reduce((a, b) => a + b, 0) / answered.length;
  const prorated = missing.length > 0;
  const sum = prorated ? mean * items.length : answered.reduce((a, b) => a + b, 0);
  switch (scoring.method) {
    case 'sum':
      return { status: 'scored', score: Math.round(sum), answered: answered.length, prorated };
    case 'mean':
      return { status: 'scored', score: round2(mean), answered: answered.length, prorated };
    case 'scaled': {
      const minSum = items.reduce((a, i) => a + optionRange(i).min, 0);
      const maxSum = items.reduce((a, i) => a + optionRange(i).max, 0);
      const scaled = maxSum === minSum ? 0 : ((sum - minSum) / (maxSum - minSum)) * scoring.to;
      return { status: 'scored', score: round2(scaled), answered: answered.length, prorated };
    }
  }
}

/**
 * The band a total falls in, or undefined outside the range. Bands are listed from the lowest; a band
 * runs from its `min` up to the next band's `min` (so a prorated or scaled score between two whole
 * numbers still has a band), and the last one up to its `max`.
 */
export function bandOf(def: Pick<MeasureDefinition, 'bands'>, score: number): MeasureBand | undefined {
  return def.bands.find((b, i) => {
    const next = def.bands[i + 1];
    return score >= b.min && (next ? score < next.min : score <= b.max);
  });
}

export const CHANGE_CLASSES = ['reliable_improvement', 'no_reliable_change', 'reliable_deterioration'] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

/**
 * Compares a score with an earlier one (the baseline): a move of at least the reliable-change
 * points towards better is a reliable improvement, towards worse a reliable deterioration.
 * Without a reliable-change figure every move is "no reliable change".
 */
export function classifyChange(def: Pick<MeasureDefinition, 'direction' | 'reliableChange'>, baseline: number, current: number): ChangeClass {
  if (!def.reliableChange) return 'no_reliable_change';
  const delta = current - baseline;
  // Tolerate floating point noise on scaled scores at the exact threshold.
  if (Math.abs(delta) + 1e-9 < def.reliableChange.points) return 'no_reliable_change';
  const better = def.direction === 'higher_is_better' ? delta > 0 : delta < 0;
  return better ? 'reliable_improvement' : 'reliable_deterioration';
}

export interface SafetyFlag {
  item: string;
  value: number;
}

/** Safety items answered at or above their flag value. */
export function safetyFlags(def: MeasureDefinition, answers: MeasureAnswers): SafetyFlag[] {
  const flags: SafetyFlag[] = [];
  for (const item of def.items) {
    const value = answers[item.key];
    if (item.safety && value !== null && value !== undefined && value >= item.safety.flagAt) flags.push({ item: item.key, value });
  }
  return flags;
}

export interface MeasureResult {
  measureKey: string;
  status: 'scored' | 'incomplete';
  score: number | null;
  band: { key: string; label: LocalText; concern: number } | null;
  prorated: boolean;
  missing: string[];
  subscales: Record<string, number | null>;
  safetyFlags: SafetyFlag[];
  /** Against the baseline, when one is given and both are scored. */
  change: { baseline: number; delta: number; class: ChangeClass } | null;
}

/** Scores a whole response: total, band, subscales, safety flags and the change from a baseline score. */
export function scoreMeasure(def: MeasureDefinition, answers: MeasureAnswers, baseline?: number | null): MeasureResult {
  const total = scoreItems(def.items, def.scoring, answers, def.missing);
  const subscales: Record<string, number | null> = {};
  for (const sub of def.subscales ?? []) {
    const items = def.items.filter((i) => i.subscales?.includes(sub.key));
    const outcome = scoreItems(items, sub.scoring, answers, { maxMissing: Math.floor(items.length / 3), source: def.missing.source });
    subscales[sub.key] = outcome.status === 'scored' ? outcome.score : null;
  }
  const score = total.status === 'scored' ? total.score : null;
  const band = score === null ? undefined : bandOf(def, score);
  return {
    measureKey: def.key,
    status: total.status,
    score,
    band: band ? { key: band.key, label: band.label, concern: band.concern } : null,
    prorated: total.status === 'scored' && total.prorated,
    missing: total.status === 'scored' ? def.items.filter((i) => answers[i.key] == null).map((i) => i.key) : total.missing,
    subscales,
    safetyFlags: safetyFlags(def, answers),
    change:
      score !== null && baseline !== null && baseline !== undefined
        ? { baseline, delta: round2(score - baseline), class: classifyChange(def, baseline, score) }
        : null,
  };
}

/** The lowest and highest total a measure can give. */
export function scoreRange(def: MeasureDefinition): { min: number; max: number } {
  const lows: MeasureAnswers = {};
  const highs: MeasureAnswers = {};
  for (const item of def.items) {
    const { min, max } = optionRange(item);
    lows[item.key] = item.reverse ? max : min;
    highs[item.key] = item.reverse ? min : max;
  }
  const low = scoreItems(def.items, def.scoring, lows, def.missing);
  const high = scoreItems(def.items, def.scoring, highs, def.missing);
  return { min: low.status === 'scored' ? low.score : 0, max: high.status === 'scored' ? high.score : 0 };
}

/** Builds a list of options from weights and labels, in order. */
export function optionScale(labels: LocalText[], firstValue = 0): MeasureOption[] {
  return labels.map((label, i) => ({ value: firstValue + i, label }));
}
