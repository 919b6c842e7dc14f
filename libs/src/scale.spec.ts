import {
  SCALE_ANCHORS,
  SCALE_MAX,
  SCALE_MIN,
  SCALE_STEP,
  SCALE_VALUES,
  firstWholePointRise,
  newBestsOnScale,
  isValidScaleValue,
  scaleValueSchema,
} from './scale.js';

describe('the 1-10 scale', () => {
  it('runs from 1 to 10 in steps of 0.5', () => {
    expect([SCALE_MIN, SCALE_MAX, SCALE_STEP]).toEqual([1, 10, 0.5]);
    expect(SCALE_VALUES).toHaveLength(19);
    expect(SCALE_VALUES[1]).toBe(1.5);
    expect(SCALE_VALUES.every(isValidScaleValue)).toBe(true);
  });

  it('accepts the ends and half points', () => {
    for (const n of [1, 1.5, 2.5, 6, 9.5, 10]) expect(scaleValueSchema.parse(n)).toBe(n);
  });

  it.each([0, 0.5, 10.5, 11, 3.3, 7.25, -1])('rejects %p with a plain message', (n) => {
    const result = scaleValueSchema.safeParse(n);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be between 1 and 10 in steps of 0.5');
  });

  it.each(['5', null, NaN, Infinity, true])('rejects the non-number %p', (n) => {
    expect(scaleValueSchema.safeParse(n).success).toBe(false);
    expect(isValidScaleValue(n)).toBe(false);
  });

  it('says a missing rating is required', () => {
    expect(scaleValueSchema.safeParse(undefined).error?.issues[0]?.message).toBe('is required');
  });

  it('describes both ends in words', () => {
    expect(SCALE_ANCHORS[1]).toMatch(/insecur/i);
    expect(SCALE_ANCHORS[10]).toMatch(/miracle/i);
  });
});

describe('firstWholePointRise', () => {
  it('finds the first rating a whole point above the first one', () => {
    const series = [
      { score: 2.5, recordedAt: '2026-03-01T10:00:00Z' },
      { score: 3, recordedAt: '2026-03-08T10:00:00Z' },
      { score: 3.5, recordedAt: '2026-03-15T10:00:00Z' },
      { score: 5, recordedAt: '2026-03-22T10:00:00Z' },
    ];
    expect(firstWholePointRise(series)).toEqual({ score: 3.5, recordedAt: '2026-03-15T10:00:00Z' });
  });

  it('does not count half a point', () => {
    expect(
      firstWholePointRise([
        { score: 2, recordedAt: '2026-03-01T10:00:00Z' },
        { score: 2.5, recordedAt: '2026-03-02T10:00:00Z' },
      ]),
    ).toBeNull();
  });

  it('sorts by time first', () => {
    const later = new Date('2026-03-10T00:00:00Z');
    expect(
      firstWholePointRise([
        { score: 4, recordedAt: later },
        { score: 3, recordedAt: new Date('2026-03-01T00:00:00Z') },
      ]),
    ).toEqual({ score: 4, recordedAt: later });
  });

  it('is null for an empty or single-rating series', () => {
    expect(firstWholePointRise([])).toBeNull();
    expect(firstWholePointRise([{ score: 5, recordedAt: '2026-03-01T00:00:00Z' }])).toBeNull();
  });
});

describe('newBestsOnScale', () => {
  it('marks every rating above all before it, not only the first whole point, and no dip or tie', () => {
    const series = [
      { score: 4, recordedAt: '2026-03-08T10:00:00Z' },
      { score: 2.5, recordedAt: '2026-03-01T10:00:00Z' },
      { score: 3, recordedAt: '2026-03-04T10:00:00Z' },
      { score: 3.5, recordedAt: '2026-03-06T10:00:00Z' },
      { score: 4, recordedAt: '2026-03-10T10:00:00Z' },
      { score: 6.5, recordedAt: '2026-03-20T10:00:00Z' },
    ];
    expect(newBestsOnScale(series).map((b) => b.score)).toEqual([3, 3.5, 4, 6.5]);
    expect(newBestsOnScale([])).toEqual([]);
    expect(newBestsOnScale([{ score: 5, recordedAt: '2026-03-01T10:00:00Z' }])).toEqual([]);
  });
});
