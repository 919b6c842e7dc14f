import {
  answerProblems, builtInMeasure, COMMUNICATION_PROFILE, partnerProfile, safetyScreenRaisesConcern, SAFETY_SCREEN_ITEMS,
  scoreMeasure, type MeasureDefinition, type MeasureResponseDto, type SafetyScreenAnswers,
} from '@attune/domain';
import { badRequest } from '../../common/api-errors.js';
import type { Answers, MeasureResponse } from './measure-response.entity.js';

/** A built-in measure by key, or a 400 on `field`. */
export function measureOr400(key: string, field = 'measureKey'): MeasureDefinition {
  const def = builtInMeasure(key);
  if (!def) throw badRequest({ [field]: 'is not a measure Attune knows' });
  return def;
}

/** Item keys and values must be the definition's; a 400 names each bad answer (`answers.phq9_3`). */
export function assertAnswers(def: MeasureDefinition, answers: Answers, field = 'answers'): void {
  const problems = answerProblems(def, answers);
  if (problems.length > 0) throw badRequest(Object.fromEntries(problems.map((p) => [`${field}.${p.item}`, p.reason])));
}

const SAFETY_SCREEN: MeasureDefinition = { ...COMMUNICATION_PROFILE, key: 'safety-screen', items: [...SAFETY_SCREEN_ITEMS] };

/** The couple safety screen must be answered in full (yes or no to each question) before the profile. */
export function assertSafetyScreen(safety: Answers | undefined): SafetyScreenAnswers {
  const given = safety ?? {};
  assertAnswers(SAFETY_SCREEN, given, 'safety');
  const missing = SAFETY_SCREEN_ITEMS.filter((i) => given[i.key] !== 0 && given[i.key] !== 1);
  if (missing.length > 0) throw badRequest(Object.fromEntries(missing.map((i) => [`safety.${i.key}`, 'is required: answer yes or no'])));
  return given as SafetyScreenAnswers;
}

/** Everything the server computes from a set of answers; a client never sends a score. */
export interface ScoredFields {
  score: number | null;
  band: string | null;
  baselineScore: number | null;
  changeClass: MeasureResponse['changeClass'];
  safetyFlags: MeasureResponse['safetyFlags'];
  subscales: Record<string, number | null>;
  profile: MeasureResponse['profile'];
  safetyConcern: boolean;
}

/**
 * Scores answers with libs' engine: total, band, the change against the client's first score on
 * the measure (`baseline`), safety flags; for the communication profile, the partner's profile and
 * the safety screen. An incomplete set (more missing than the rule allows) is a 400 naming the items.
 */
export function scoreAnswers(def: MeasureDefinition, answers: Answers, baseline: number | null, safety?: Answers): ScoredFields {
  assertAnswers(def, answers);
  const result = scoreMeasure(def, answers, baseline);
  if (result.status === 'incomplete') {
    throw badRequest(Object.fromEntries(result.missing.map((k) => [`answers.${k}`, 'is required'])), 'Some questions still need an answer');
  }
  const isProfile = def.key === COMMUNICATION_PROFILE.key;
  const screen = isProfile ? assertSafetyScreen(safety) : undefined;
  return {
    score: result.score,
    band: result.band?.key ?? null,
    baselineScore: result.change?.baseline ?? null,
    changeClass: result.change?.class ?? null,
    safetyFlags: result.safetyFlags,
    subscales: result.subscales,
    profile: isProfile ? partnerProfile(answers) : null,
    safetyConcern: screen ? safetyScreenRaisesConcern(screen) : result.safetyFlags.length > 0,
  };
}

/** The status a reader sees: an open occurrence past its expiry is expired. */
export function responseStatus(r: Pick<MeasureResponse, 'status' | 'expiresAt'>, now = new Date()): MeasureResponseDto['status'] {
  if (r.status === 'completed') return 'completed';
  return r.expiresAt.getTime() < now.getTime() ? 'expired' : 'pending';
}

export function toMeasureResponseDto(r: MeasureResponse, options: { withAnswers?: boolean } = {}): MeasureResponseDto {
  const def = builtInMeasure(r.measureKey);
  const band = def?.bands.find((b) => b.key === r.band);
  return {
    id: r.id,
    caseId: r.caseId,
    clientId: r.clientId,
    scheduleId: r.scheduleId,
    measureKey: r.measureKey,
    status: responseStatus(r),
    opensAt: r.opensAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    source: r.source,
    answers: options.withAnswers === false ? null : r.answers,
    score: r.score,
    band: band ? { key: band.key, label: band.label, concern: band.concern } : null,
    change: r.score !== null && r.baselineScore !== null && r.changeClass
      ? { baseline: r.baselineScore, delta: Math.round((r.score - r.baselineScore) * 100) / 100, class: r.changeClass }
      : null,
    safetyFlags: r.safetyFlags,
    subscales: r.subscales,
    profile: r.profile,
    safetyConcern: r.safetyConcern,
    sharedWithPartner: r.sharedWithPartner,
  };
}
