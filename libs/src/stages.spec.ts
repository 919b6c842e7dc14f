import { DomainError } from './errors.js';
import {
  STAGES,
  STAGE_OVERRUN_GRACE_DAYS,
  caseSchedule,
  backMoveNeedsConfirming,
  classifyTransition,
  isStageNumber,
  plannedStageForDay,
  plannedStageLength,
  stageDefinition,
  stageOverrun,
  transitionInputSchema,
  transitionKind,
  type StageNumber,
} from './stages.js';

const START = '2026-03-02T09:00:00Z';
/** The instant `n` days after START (same time of day). */
function dayN(n: number): string {
  const d = new Date(START);
  d.setUTCDate(d.getUTCDate() + n - 1);
  return d.toISOString();
}

describe('STAGES', () => {
  it('lists the six stages with their keys and planned days', () => {
    expect(STAGES.map((s) => [s.stage, s.key, s.plannedStartDay, s.plannedEndDay])).toEqual([
      [1, 'collaborative-establishment', 1, 7],
      [2, 'resource-identification', 8, 14],
      [3, 'vision-clarification', 15, 21],
      [4, 'exception-amplification', 22, 28],
      [5, 'action-construction', 29, 35],
      [6, 'consolidation-maintenance', 36, 40],
    ]);
    for (const s of STAGES) {
      expect(s.title.length).toBeGreaterThan(5);
      expect(s.summary.length).toBeGreaterThan(40);
    }
  });

  it('looks a stage up by number and refuses anything else', () => {
    expect(stageDefinition(4).title).toBe('Exception Amplification');
    expect(() => stageDefinition(0)).toThrow(RangeError);
    expect(() => stageDefinition(7)).toThrow('stages are 1 to 6');
    expect(() => stageDefinition(2.5)).toThrow(RangeError);
  });

  it('recognises stage numbers', () => {
    expect([1, 2, 3, 4, 5, 6].every(isStageNumber)).toBe(true);
    expect([0, 7, 1.5, '1', null, undefined, NaN].some(isStageNumber)).toBe(false);
  });

  it('gives stages 1-5 seven planned days and stage 6 five', () => {
    expect([1, 2, 3, 4, 5].map((s) => plannedStageLength(s as StageNumber))).toEqual([7, 7, 7, 7, 7]);
    expect(plannedStageLength(6)).toBe(5);
  });

  it('maps days to the planned stage, days after 40 to stage 6', () => {
    expect([1, 7, 8, 14, 15, 21, 22, 28, 29, 35, 36, 40, 41, 400].map(plannedStageForDay)).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 6, 6,
    ]);
  });
});

describe('caseSchedule', () => {
  it('counts the day the cycle starts as day 1', () => {
    expect(caseSchedule({ cycleStartedAt: START, stage: 1, today: START })).toEqual({
      day: 1,
      plannedStage: 1,
      daysBehind: 0,
      status: 'on_schedule',
    });
  });

  it('counts UTC calendar days, not 24-hour periods', () => {
    expect(caseSchedule({ cycleStartedAt: '2026-03-02T23:30:00Z', stage: 1, today: '2026-03-03T00:10:00Z' }).day).toBe(2);
    expect(caseSchedule({ cycleStartedAt: '2026-03-02T00:00:00Z', stage: 1, today: '2026-03-02T23:59:59Z' }).day).toBe(1);
    expect(caseSchedule({ cycleStartedAt: new Date('2026-03-02T07:00:00+08:00'), stage: 1, today: new Date('2026-03-02T12:00:00Z') }).day).toBe(2);
  });

  it('is on schedule on day 12 in stage 2', () => {
    expect(caseSchedule({ cycleStartedAt: START, stage: 2, today: dayN(12) })).toEqual({
      day: 12,
      plannedStage: 2,
      daysBehind: 0,
      status: 'on_schedule',
    });
  });

  it('is 5 days behind on day 12 still in stage 1', () => {
    expect(caseSchedule({ cycleStartedAt: START, stage: 1, today: dayN(12) })).toEqual({
      day: 12,
      plannedStage: 2,
      daysBehind: 5,
      status: 'behind',
    });
  });

  it('is on schedule on the last planned day of a stage and behind the day after', () => {
    expect(caseSchedule({ cycleStartedAt: START, stage: 1, today: dayN(7) }).status).toBe('on_schedule');
    expect(caseSchedule({ cycleStartedAt: START, stage: 1, today: dayN(8) })).toMatchObject({ daysBehind: 1, status: 'behind' });
  });

  it('is ahead (negative days) when the case has moved on early', () => {
    expect(caseSchedule({ cycleStartedAt: START, stage: 3, today: dayN(12) })).toEqual({
      day: 12,
      plannedStage: 2,
      daysBehind: -3,
      status: 'ahead',
    });
  });

  it('treats stage 6 as open-ended: never behind after day 40', () => {
    expect(caseSchedule({ cycleStartedAt: START, stage: 6, today: dayN(90) })).toEqual({
      day: 90,
      plannedStage: 6,
      daysBehind: 0,
      status: 'on_schedule',
    });
    expect(caseSchedule({ cycleStartedAt: START, stage: 5, today: dayN(45) })).toMatchObject({ plannedStage: 6, daysBehind: 10, status: 'behind' });
  });

  it('counts a cycle that starts in the future as day 1', () => {
    expect(caseSchedule({ cycleStartedAt: dayN(5), stage: 1, today: START }).day).toBe(1);
  });
});

describe('stageOverrun', () => {
  const limit = 7 + STAGE_OVERRUN_GRACE_DAYS; // 14 days for stages 1-5

  it('is not overrun on the last day of the grace', () => {
    expect(stageOverrun({ stage: 2, stageEnteredAt: dayN(8), cycleStartedAt: START, today: dayN(8 + limit - 1) })).toEqual({
      overrun: false,
      daysOver: 0,
      daysInStage: 14,
    });
  });

  it('is overrun the day after the grace ends', () => {
    expect(stageOverrun({ stage: 2, stageEnteredAt: dayN(8), cycleStartedAt: START, today: dayN(8 + limit) })).toEqual({
      overrun: true,
      daysOver: 1,
      daysInStage: 15,
    });
  });

  it('never calls stage 6 overrun', () => {
    expect(stageOverrun({ stage: 6, stageEnteredAt: START, cycleStartedAt: START, today: dayN(200) })).toMatchObject({
      overrun: false,
      daysOver: 0,
    });
  });

  it('does not count days before the cycle started', () => {
    expect(stageOverrun({ stage: 1, stageEnteredAt: dayN(-30), cycleStartedAt: START, today: dayN(10) })).toMatchObject({
      overrun: false,
      daysInStage: 10,
    });
  });
});

describe('transitions', () => {
  it('accepts a move with a reason and trims the reason', () => {
    expect(transitionInputSchema.parse({ toStage: 3, reason: '  Vision is ready  ' })).toEqual({ toStage: 3, reason: 'Vision is ready' });
    expect(transitionInputSchema.parse({ toStage: 1, reason: 'New cycle', newCycle: true }).newCycle).toBe(true);
  });

  it.each([
    [{ toStage: 0, reason: 'Because' }, 'toStage'],
    [{ toStage: 7, reason: 'Because' }, 'toStage'],
    [{ toStage: 2.5, reason: 'Because' }, 'toStage'],
    [{ toStage: 2, reason: '  ok ' }, 'reason'],
    [{ toStage: 2, reason: 'x'.repeat(2001) }, 'reason'],
    [{ toStage: 2 }, 'reason'],
    [{ toStage: 2, reason: 'Because', newCycle: 'yes' }, 'newCycle'],
  ])('rejects %j naming %s', (input, field) => {
    const result = transitionInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it('says stage moves are 1 to 6 in plain words', () => {
    const result = transitionInputSchema.safeParse({ toStage: 9, reason: 'Because' });
    expect(result.error?.issues[0]?.message).toBe('must be a whole number between 1 and 6');
  });

  it('classifies forward and back moves', () => {
    expect(classifyTransition(2, 3)).toBe('forward');
    expect(classifyTransition(1, 5)).toBe('forward');
    expect(classifyTransition(4, 2)).toBe('back');
    expect(classifyTransition(6, 1)).toBe('back');
  });

  it('starts a new cycle only from stage 6', () => {
    expect(classifyTransition(6, 1, true)).toBe('new_cycle');
    expect(() => classifyTransition(5, 1, true)).toThrow(DomainError);
    try {
      classifyTransition(5, 1, true);
    } catch (e) {
      expect((e as DomainError).code).toBe('TRANSITION_NEW_CYCLE_ONLY_FROM_6');
    }
  });

  it('refuses a move to the stage the case is already in', () => {
    expect(() => classifyTransition(3, 3)).toThrow(expect.objectContaining({ code: 'TRANSITION_SAME_STAGE' }));
    expect(classifyTransition(6, 6, true)).toBe('new_cycle');
  });

  it('describes a move without throwing', () => {
    expect(transitionKind(3, 3)).toBe('same');
    expect(transitionKind(3, 4)).toBe('forward');
    expect(transitionKind(3, 1)).toBe('back');
    expect(transitionKind(6, 1, true)).toBe('new_cycle');
  });
});

describe('a move from stage 6 back to 1', () => {
  it('asks before it is read as a back move, unless it starts a new cycle', () => {
    expect(backMoveNeedsConfirming(6, 1)).toBe(true);
    expect(backMoveNeedsConfirming(6, 1, true)).toBe(false);
    expect(backMoveNeedsConfirming(6, 4)).toBe(false);
    expect(backMoveNeedsConfirming(3, 1)).toBe(false);
  });
});
