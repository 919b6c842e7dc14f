import { builtInExercise } from '../exercises/catalogue.js';
import {
  buildPlaybook, COMMUNICATION_PROFILE, coupleProfile, couplePattern, partnerProfile, PLAYBOOK, PROFILE_DIMENSIONS,
  safetyScreenRaisesConcern, SAFETY_SCREEN_ITEMS, visitorResult,
} from './communication-profile.js';
import type { MeasureAnswers } from './instrument.js';

/** Every item answered `value` (raw frequency 0-4). */
function every(value: number, overrides: MeasureAnswers = {}): MeasureAnswers {
  return { ...Object.fromEntries(COMMUNICATION_PROFILE.items.map((i) => [i.key, value])), ...overrides };
}

/** Helpful behaviour always, no pressing or stepping back. */
const STEADY: MeasureAnswers = every(4, { ro_3: 0, rs_3: 0, rt_3: 0, us_p1: 0, us_p2: 0, us_w1: 0, us_w2: 0, se_3: 0 });

describe('communication profile items', () => {
  it('has six dimensions of three or four items, each item with its own provenance note', () => {
    for (const d of PROFILE_DIMENSIONS) {
      const n = COMMUNICATION_PROFILE.items.filter((i) => i.subscales?.includes(d)).length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(4);
    }
    for (const item of [...COMMUNICATION_PROFILE.items, ...SAFETY_SCREEN_ITEMS]) {
      expect(item.provenance).toMatch(/Written from scratch by the Attune team/);
      expect(item.text.en.length).toBeGreaterThan(10);
      expect(item.text['zh-CN'].length).toBeGreaterThan(5);
    }
  });

  it('links every playbook suggestion to a built-in exercise', () => {
    for (const list of Object.values(PLAYBOOK)) {
      expect(list.length).toBeGreaterThanOrEqual(2);
      for (const s of list) expect(builtInExercise(s.exerciseKey)).toBeDefined();
    }
  });
});

describe('partnerProfile', () => {
  it('scores the steadiest answers 100 on every dimension, with no stress move', () => {
    const p = partnerProfile(STEADY);
    for (const d of PROFILE_DIMENSIONS) expect(p.dimensions[d]).toBe(100);
    expect(p).toMatchObject({ press: 0, withdraw: 0, stressMove: null });
  });

  it('scores the opposite answers 0 on every dimension', () => {
    const p = partnerProfile(every(0, { ro_3: 4, rs_3: 4, rt_3: 4, us_p1: 4, us_p2: 4, us_w1: 4, us_w2: 4, se_3: 4 }));
    for (const d of PROFILE_DIMENSIONS) expect(p.dimensions[d]).toBe(0);
  });

  it('reverse-keys the negatively worded items: all "sometimes" is 50 everywhere', () => {
    const p = partnerProfile(every(2));
    for (const d of PROFILE_DIMENSIONS) expect(p.dimensions[d]).toBe(50);
  });

  it('scores a dimension from the answered items when one is skipped, and leaves it empty with two skipped', () => {
    expect(partnerProfile({ ...STEADY, ro_1: null }).dimensions.reaching_out).toBe(100);
    expect(partnerProfile({ ...STEADY, ro_1: null, ro_2: null }).dimensions.reaching_out).toBeNull();
  });

  it('finds the move under stress from the press and withdraw items', () => {
    expect(partnerProfile({ ...STEADY, us_p1: 3, us_p2: 4 })).toMatchObject({ press: 88, withdraw: 0, stressMove: 'press' });
    expect(partnerProfile({ ...STEADY, us_w1: 2, us_w2: 2 })).toMatchObject({ withdraw: 50, stressMove: 'withdraw' });
    expect(partnerProfile({ ...STEADY, us_w1: 2, us_w2: 1 }).stressMove).toBeNull();
    expect(partnerProfile({ ...STEADY, us_w1: 3, us_w2: 3, us_p1: 3, us_p2: 3 }).stressMove).toBeNull();
  });
});

describe('couple patterns', () => {
  const presser = partnerProfile({ ...STEADY, us_p1: 4, us_p2: 3 });
  const withdrawer = partnerProfile({ ...STEADY, us_w1: 4, us_w2: 4 });
  const steady = partnerProfile(STEADY);

  it('names pursue/withdraw whichever partner presses', () => {
    expect(couplePattern(presser, withdrawer)).toBe('pursue_withdraw');
    expect(couplePattern(withdrawer, presser)).toBe('pursue_withdraw');
  });

  it('names both withdraw and both press, and nothing when one partner is steady', () => {
    expect(couplePattern(withdrawer, withdrawer)).toBe('both_withdraw');
    expect(couplePattern(presser, presser)).toBe('both_press');
    expect(couplePattern(steady, withdrawer)).toBeNull();
  });

  it('puts the pattern first in the playbook, then low dimensions lowest first', () => {
    // a: under stress 38 (withdraw 100, press 25), calming and repair 8; b: reaching out 33.
    const a = partnerProfile({ ...STEADY, us_w1: 4, us_w2: 4, us_p1: 1, us_p2: 1, cr_1: 0, cr_2: 0, cr_3: 1 });
    const b = partnerProfile({ ...STEADY, us_w1: 3, us_w2: 4, ro_1: 0, ro_2: 0 });
    expect([a.dimensions.under_stress, a.dimensions.calming_repair, b.dimensions.reaching_out]).toEqual([38, 8, 33]);
    const couple = coupleProfile(a, b, false);
    expect(couple.pattern).toBe('both_withdraw');
    expect(couple.playbook.map((e) => e.about)).toEqual(['both_withdraw', 'calming_repair', 'reaching_out', 'under_stress']);
  });

  it('with a safety concern, works on no pattern together and suggests no joint exercise', () => {
    const couple = coupleProfile(presser, presser, true);
    expect(couple.playbook.find((e) => e.about === 'both_press')).toBeUndefined();
    const all = buildPlaybook([partnerProfile(every(0))], { safetyConcern: true }).flatMap((e) => e.suggestions);
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) expect(builtInExercise(s.exerciseKey)!.audience).not.toBe('partners_together');
    const withoutConcern = buildPlaybook([partnerProfile(every(0))]).flatMap((e) => e.suggestions);
    expect(withoutConcern.some((s) => s.exerciseKey === 'collaborative-listening')).toBe(true);
  });
});

describe('safety screen and visitor result', () => {
  it('raises a concern on any "yes"', () => {
    expect(safetyScreenRaisesConcern({ safe_afraid: 0, safe_hurt: 0, safe_speak: 0 })).toBe(false);
    expect(safetyScreenRaisesConcern({ safe_afraid: 0, safe_hurt: 1, safe_speak: 0 })).toBe(true);
  });

  it('gives a visitor their profile and a playbook for low dimensions', () => {
    const r = visitorResult({ ...STEADY, se_1: 0, se_2: 1, se_3: 4 }, { safe_afraid: 0, safe_hurt: 0, safe_speak: 0 });
    expect(r.safetyConcern).toBe(false);
    expect(r.profile.dimensions.security).toBe(8);
    expect(r.playbook.map((e) => e.about)).toEqual(['security']);
  });
});
