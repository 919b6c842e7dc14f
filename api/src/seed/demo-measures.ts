import { builtInMeasure, COMMUNICATION_PROFILE, PHQ9, scoreMeasure, partnerProfile, type MeasureAnswers } from '@attune/domain';
import type { EntityManager } from 'typeorm';
import { stableId } from '../common/stable-id.js';

const DAY = 86_400_000;

/**
 * The demo's measures, agreeing with the scale trajectories of the seed's cases: PHQ-9 falls as
 * the 1-10 scale rises (Chen Jing 2.5 → 6.5; the couple 1-2 → 5; Liu Jia's rise with the setback
 * at the end), and the couple's communication profile taken in the first week, when both had gone
 * silent: the pattern is "both stepping back".
 */
const PHQ9_SERIES: Array<{ caseKey: string; client: string; points: Array<[day: number, total: number]> }> = [
  { caseKey: 'chen', client: 'chen', points: [[0, 16], [14, 13], [28, 9], [35, 7]] },
  { caseKey: 'couple', client: 'zhao', points: [[0, 14], [14, 12], [28, 9], [41, 7]] },
  { caseKey: 'couple', client: 'zhou', points: [[0, 17], [14, 15], [28, 10], [41, 8]] },
  { caseKey: 'liu', client: 'liu', points: [[0, 14], [7, 12], [14, 9], [21, 8], [23, 12]] },
];

/** Zhao Lei and Zhou Ting, day 2: little reaching out or raising of topics, both go quiet under stress. */
const COUPLE_PROFILES: Record<string, MeasureAnswers> = {
  // Focused on work during the silence; feels guilty; still notices when she is low.
  zhao: { ro_1: 1, ro_2: 1, ro_3: 3, rs_1: 2, rs_2: 2, rs_3: 2, rt_1: 1, rt_2: 1, rt_3: 3, us_p1: 0, us_p2: 1, us_w1: 4, us_w2: 3, cr_1: 2, cr_2: 1, cr_3: 2, se_1: 2, se_2: 1, se_3: 3 },
  // Lonely; keeps going through journaling and friends; would take a kind gesture if one came.
  zhou: { ro_1: 0, ro_2: 1, ro_3: 4, rs_1: 2, rs_2: 1, rs_3: 2, rt_1: 1, rt_2: 2, rt_3: 3, us_p1: 1, us_p2: 1, us_w1: 3, us_w2: 4, cr_1: 1, cr_2: 1, cr_3: 3, se_1: 1, se_2: 1, se_3: 4 },
};
const NO_SAFETY_CONCERN = { safe_afraid: 0, safe_hurt: 0, safe_speak: 0 };

/** Answers adding up to `total` on the first eight PHQ-9 items, item 9 at 0. */
function phq9AnswersFor(total: number): MeasureAnswers {
  const answers: MeasureAnswers = { phq9_9: 0 };
  for (let i = 0; i < 8; i++) answers[`phq9_${i + 1}`] = Math.floor(total / 8) + (i < total % 8 ? 1 : 0);
  return answers;
}

export interface DemoMeasureContext {
  practiceId: string;
  today: Date;
  caseId: (key: string) => string;
  clientId: (key: string) => string;
  userId: (key: string) => string;
  openedDaysAgo: (caseKey: string) => number;
}

export async function seedDemoMeasures(m: EntityManager, ctx: DemoMeasureContext): Promise<void> {
  const at = (caseKey: string, day: number, hour = 19) => new Date(ctx.today.getTime() - ctx.openedDaysAgo(caseKey) * DAY + day * DAY + hour * 3_600_000);
  for (const series of PHQ9_SERIES) {
    let baseline: number | null = null;
    for (const [i, [day, total]] of series.points.entries()) {
      const answers = phq9AnswersFor(total);
      const r = scoreMeasure(PHQ9, answers, baseline);
      baseline ??= r.score;
      const when = at(series.caseKey, day);
      await m.query(
        `INSERT INTO measure_responses (id, practice_id, case_id, client_id, measure_key, measure_version, opens_at, expires_at, status, answers, source,
           entered_by, completed_at, score, band, baseline_score, change_class, safety_flags, subscales)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 'completed', $8, 'client', $9, $7, $10, $11, $12, $13, '[]', '{}')`,
        [stableId(`demo:measure:${series.client}:phq9:${i}`), ctx.practiceId, ctx.caseId(series.caseKey), ctx.clientId(series.client), PHQ9.key, PHQ9.version, when,
          JSON.stringify(answers), ctx.userId(series.client), r.score, r.band?.key ?? null, r.change?.baseline ?? null, r.change?.class ?? null],
      );
    }
  }
  // Chen Jing's PHQ-9 every two weeks, the next one open since yesterday.
  await m.query(
    `INSERT INTO measure_schedules (id, practice_id, case_id, client_id, measure_key, cadence, interval_weeks, expires_after_days, starts_at, created_by)
     VALUES ($1, $2, $3, $4, 'phq-9', 'every_n_weeks', 2, 4, $5, $6)`,
    [stableId('demo:measure-schedule:chen:phq9'), ctx.practiceId, ctx.caseId('chen'), ctx.clientId('chen'), new Date(ctx.today.getTime() - DAY + 9 * 3_600_000), ctx.userId('therapist')],
  );
  const def = builtInMeasure(COMMUNICATION_PROFILE.key)!;
  for (const [client, answers] of Object.entries(COUPLE_PROFILES)) {
    const when = at('couple', 2, 21);
    await m.query(
      `INSERT INTO measure_responses (id, practice_id, case_id, client_id, measure_key, measure_version, opens_at, expires_at, status, answers, safety_answers,
         source, entered_by, completed_at, score, band, safety_flags, subscales, profile, safety_concern)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 'completed', $8, $9, 'client', $10, $7, $11, $12, '[]', $13, $14, false)`,
      [stableId(`demo:measure:${client}:profile:0`), ctx.practiceId, ctx.caseId('couple'), ctx.clientId(client), def.key, def.version, when,
        JSON.stringify(answers), JSON.stringify(NO_SAFETY_CONCERN), ctx.userId(client), scoreMeasure(def, answers).score, scoreMeasure(def, answers).band?.key ?? null,
        JSON.stringify(scoreMeasure(def, answers).subscales), JSON.stringify(partnerProfile(answers))],
    );
  }
}
