import { z } from 'zod';
import { DomainError } from './errors.js';
import { intSchema, textSchema, utcCalendarDaysBetween } from './primitives.js';

export type StageNumber = 1 | 2 | 3 | 4 | 5 | 6;

export interface StageDefinition {
  stage: StageNumber;
  key: string;
  title: string;
  summary: string;
  plannedStartDay: number;
  plannedEndDay: number;
}

/** The six stages in order, with the days of a cycle each one is planned to take. */
export const STAGES: readonly StageDefinition[] = Object.freeze([
  {
    stage: 1,
    key: 'collaborative-establishment',
    title: 'Collaborative Establishment',
    summary:
      'Build trust and a working alliance: the client tells their story the way they want it understood, and together we name a first, modest hope for change.',
    plannedStartDay: 1,
    plannedEndDay: 7,
  },
  {
    stage: 2,
    key: 'resource-identification',
    title: 'Resource Identification',
    summary:
      'Look for what already helps: ways of coping, strengths and past successes, so that the client sees themselves as someone who copes rather than someone who fails.',
    plannedStartDay: 8,
    plannedEndDay: 14,
  },
  {
    stage: 3,
    key: 'vision-clarification',
    title: 'Vision Clarification',
    summary:
      'Picture the preferred future in concrete detail, locate today on the 1-10 scale and agree which values should guide the next steps.',
    plannedStartDay: 15,
    plannedEndDay: 21,
  },
  {
    stage: 4,
    key: 'exception-amplification',
    title: 'Exception Amplification',
    summary:
      'Study the times the problem was weaker or absent, find the conditions they share and try recreating those conditions on purpose.',
    plannedStartDay: 22,
    plannedEndDay: 28,
  },
  {
    stage: 5,
    key: 'action-construction',
    title: 'Action Construction',
    summary:
      'Turn what has been learned into small, concrete actions, try one or two of them as experiments and adjust week by week.',
    plannedStartDay: 29,
    plannedEndDay: 35,
  },
  {
    stage: 6,
    key: 'consolidation-maintenance',
    title: 'Consolidation and Maintenance',
    summary:
      'Make the changes part of everyday life: tell the story of the progress, plan for early warning signs and mark what has been achieved. Open-ended.',
    plannedStartDay: 36,
    plannedEndDay: 40,
  },
] satisfies StageDefinition[]);

export const STAGE_NUMBERS: readonly StageNumber[] = Object.freeze([1, 2, 3, 4, 5, 6] as const);

export const CYCLE_PLANNED_DAYS = 40;

/** Days a stage visit may run past its planned length before it counts as overrun. */
export const STAGE_OVERRUN_GRACE_DAYS = 7;

export function isStageNumber(x: unknown): x is StageNumber {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 6;
}

export function stageDefinition(stage: number): StageDefinition {
  if (!isStageNumber(stage)) throw new RangeError(`There is no stage ${String(stage)}: stages are 1 to 6`);
  return STAGES[stage - 1]!;
}

/** Planned length of a stage in days (7 for stages 1-5, 5 for stage 6). */
export function plannedStageLength(stage: StageNumber): number {
  const def = stageDefinition(stage);
  return def.plannedEndDay - def.plannedStartDay + 1;
}

/** A stage number 1-6, e.g. for a form or a query. */
export const stageNumberSchema = intSchema(1, 6) as unknown as z.ZodType<StageNumber, number>;

export type ScheduleStatus = 'on_schedule' | 'behind' | 'ahead';

export interface CaseSchedule {
  /** Day of the current cycle, 1 on the day the cycle started. */
  day: number;
  /** The stage the plan expects on that day. */
  plannedStage: StageNumber;
  /** Positive: days behind plan; negative: days ahead; 0: on schedule. */
  daysBehind: number;
  status: ScheduleStatus;
}

/** The stage whose planned days contain `day` (days after 40 belong to stage 6). */
export function plannedStageForDay(day: number): StageNumber {
  for (const def of STAGES) {
    if (day <= def.plannedEndDay) return def.stage;
  }
  return 6;
}

/**
 * Where a case stands against the plan of its current cycle. Days are UTC calendar days; the day the
 * cycle starts is day 1 (a start in the future still counts as day 1).
 */
export function caseSchedule(input: {
  cycleStartedAt: Date | string;
  stage: StageNumber;
  today: Date | string;
}): CaseSchedule {
  const current = stageDefinition(input.stage);
  const day = Math.max(1, utcCalendarDaysBetween(input.cycleStartedAt, input.today) + 1);
  const plannedStage = plannedStageForDay(day);
  let daysBehind = 0;
  if (current.stage < plannedStage) {
    daysBehind = Math.max(0, day - current.plannedEndDay);
  } else if (current.stage > plannedStage) {
    daysBehind = Math.min(0, day - current.plannedStartDay);
  }
  const status: ScheduleStatus = daysBehind > 0 ? 'behind' : daysBehind < 0 ? 'ahead' : 'on_schedule';
  return { day, plannedStage, daysBehind, status };
}

export interface StageOverrun {
  overrun: boolean;
  /** Days past the planned length plus grace; 0 when not overrun. */
  daysOver: number;
  /** Days spent in the stage so far, counting the day it was entered as day 1. */
  daysInStage: number;
}

/**
 * A stage visit is overrun when its days (the day it was entered counts as the first) exceed the
 * stage's planned length plus {@link STAGE_OVERRUN_GRACE_DAYS}. Stage 6 is open-ended, so never.
 * When given, `cycleStartedAt` bounds the visit: a stage cannot have been entered before its cycle.
 */
export function stageOverrun(input: {
  stage: StageNumber;
  stageEnteredAt: Date | string;
  cycleStartedAt?: Date | string;
  today: Date | string;
}): StageOverrun {
  let daysInStage = utcCalendarDaysBetween(input.stageEnteredAt, input.today) + 1;
  if (input.cycleStartedAt !== undefined) {
    daysInStage = Math.min(daysInStage, utcCalendarDaysBetween(input.cycleStartedAt, input.today) + 1);
  }
  daysInStage = Math.max(1, daysInStage);
  if (input.stage === 6) return { overrun: false, daysOver: 0, daysInStage };
  const allowed = plannedStageLength(input.stage) + STAGE_OVERRUN_GRACE_DAYS;
  const daysOver = Math.max(0, daysInStage - allowed);
  return { overrun: daysOver > 0, daysOver, daysInStage };
}

export type TransitionKind = 'forward' | 'back' | 'new_cycle';

/** Body of `POST /api/cases/:id/transitions`. */
export const transitionInputSchema = z.object({
  toStage: stageNumberSchema,
  reason: textSchema(3, 2000),
  newCycle: z.boolean({ error: 'must be true or false' }).optional(),
});

export type TransitionInput = z.infer<typeof transitionInputSchema>;

/** Describes a move without judging it: 'same' when nothing would change. */
export function transitionKind(from: StageNumber, to: StageNumber, newCycle = false): TransitionKind | 'same' {
  if (newCycle) return 'new_cycle';
  if (to === from) return 'same';
  return to > from ? 'forward' : 'back';
}

/**
 * Classifies a requested move and enforces its rules: a new cycle starts only from stage 6 (at any
 * stage of the new cycle, usually 1); otherwise the case must actually change stage.
 */
export function classifyTransition(from: StageNumber, to: StageNumber, newCycle = false): TransitionKind {
  if (newCycle) {
    if (from !== 6) {
      throw new DomainError(
        'TRANSITION_NEW_CYCLE_ONLY_FROM_6',
        `A new cycle can start only from stage 6; this case is in stage ${from}`,
        { newCycle: 'a new cycle can start only from stage 6' },
      );
    }
    return 'new_cycle';
  }
  if (to === from) {
    throw new DomainError('TRANSITION_SAME_STAGE', `The case is already in stage ${from}`, {
      toStage: `the case is already in stage ${from}`,
    });
  }
  return to > from ? 'forward' : 'back';
}

/**
 * Moving from stage 6 back to stage 1 without starting a new cycle is almost always meant as a new
 * cycle: read as a back move it puts the case weeks "behind". The form asks before it sends one.
 */
export function backMoveNeedsConfirming(from: StageNumber, to: StageNumber, newCycle = false): boolean {
  return from === 6 && to === 1 && !newCycle;
}
