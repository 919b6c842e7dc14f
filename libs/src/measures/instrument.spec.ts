import { answerProblems, bandOf, classifyChange, scoreMeasure, scoreRange, type MeasureAnswers, type MeasureDefinition } from './instrument.js';
import { builtInMeasure, BUILT_IN_MEASURES, measureToFhirQuestionnaire } from './measure-catalogue.js';
import { GAD7, PHQ9, WHO5 } from './standard-measures.js';

/** Answers with every item set to `value`, optionally overriding some. */
function all(def: MeasureDefinition, value: number, overrides: MeasureAnswers = {}): MeasureAnswers {
  return { ...Object.fromEntries(def.items.map((i) => [i.key, value])), ...overrides };
}

/** Answers that add up to `total` on a 0-3 sum measure, filling items from the first one. */
function summingTo(def: MeasureDefinition, total: number): MeasureAnswers {
  const answers: MeasureAnswers = {};
  let left = total;
  for (const item of def.items) {
    const v = Math.min(3, left);
    answers[item.key] = v;
    left -= v;
  }
  return answers;
}

describe('PHQ-9', () => {
  it('scores all "not at all" as 0, minimal, with no safety flag', () => {
    const r = scoreMeasure(PHQ9, all(PHQ9, 0));
    expect(r).toMatchObject({ status: 'scored', score: 0, band: { key: 'minimal' }, safetyFlags: [], prorated: false });
  });

  it('scores all "nearly every day" as 27, severe, and flags item 9', () => {
    const r = scoreMeasure(PHQ9, all(PHQ9, 3));
    expect(r.score).toBe(27);
    expect(r.band?.key).toBe('severe');
    expect(r.safetyFlags).toEqual([{ item: 'phq9_9', value: 3 }]);
  });

  it.each([
    [4, 'minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'],
    [15, 'moderately_severe'], [19, 'moderately_severe'], [20, 'severe'],
  ])('a total of %i is %s', (total, band) => {
    // Keep item 9 at 0 so band edges are tested apart from the safety item.
    const answers = summingTo({ ...PHQ9, items: PHQ9.items.slice(0, 8) }, total);
    const r = scoreMeasure(PHQ9, { ...answers, phq9_9: 0 });
    expect(r.score).toBe(total);
    expect(r.band?.key).toBe(band);
  });

  it('flags item 9 answered "several days" whatever the total', () => {
    const r = scoreMeasure(PHQ9, all(PHQ9, 0, { phq9_9: 1 }));
    expect(r.score).toBe(1);
    expect(r.band?.key).toBe('minimal');
    expect(r.safetyFlags).toEqual([{ item: 'phq9_9', value: 1 }]);
  });

  it('prorates one or two missing items: mean of the answered times 9, rounded', () => {
    // 7 items answered with 2 each, item 9 answered 0: mean 14/8 = 1.75, × 9 = 15.75 → 16.
    const answers = all(PHQ9, 2, { phq9_1: null, phq9_9: 0 });
    const r = scoreMeasure(PHQ9, answers);
    expect(r).toMatchObject({ status: 'scored', score: 16, prorated: true, missing: ['phq9_1'] });
    const two = scoreMeasure(PHQ9, all(PHQ9, 1, { phq9_1: undefined, phq9_2: null }));
    expect(two).toMatchObject({ status: 'scored', score: 9, prorated: true });
  });

  it('leaves the response unscored with three items missing, or with item 9 missing', () => {
    expect(scoreMeasure(PHQ9, all(PHQ9, 1, { phq9_1: null, phq9_2: null, phq9_3: null }))).toMatchObject({ status: 'incomplete', score: null, band: null });
    expect(scoreMeasure(PHQ9, all(PHQ9, 1, { phq9_9: null }))).toMatchObject({ status: 'incomplete', missing: ['phq9_9'] });
    expect(scoreMeasure(PHQ9, {})).toMatchObject({ status: 'incomplete', score: null });
  });

  it('classifies change from the baseline at 5 points, each way', () => {
    expect(classifyChange(PHQ9, 18, 14)).toBe('no_reliable_change');
    expect(classifyChange(PHQ9, 18, 13)).toBe('reliable_improvement');
    expect(classifyChange(PHQ9, 8, 12)).toBe('no_reliable_change');
    expect(classifyChange(PHQ9, 8, 13)).toBe('reliable_deterioration');
    expect(scoreMeasure(PHQ9, all(PHQ9, 0), 12).change).toEqual({ baseline: 12, delta: -12, class: 'reliable_improvement' });
  });
});

describe('GAD-7', () => {
  it('scores 0 and 21 at the ends', () => {
    expect(scoreMeasure(GAD7, all(GAD7, 0))).toMatchObject({ score: 0, band: { key: 'minimal' } });
    expect(scoreMeasure(GAD7, all(GAD7, 3))).toMatchObject({ score: 21, band: { key: 'severe' } });
    expect(scoreRange(GAD7)).toEqual({ min: 0, max: 21 });
  });

  it.each([[4, 'minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'], [15, 'severe']])('a total of %i is %s', (total, band) => {
    const r = scoreMeasure(GAD7, summingTo(GAD7, total));
    expect(r.score).toBe(total);
    expect(r.band?.key).toBe(band);
  });

  it('prorates one missing item and refuses two', () => {
    expect(scoreMeasure(GAD7, all(GAD7, 2, { gad7_7: null }))).toMatchObject({ status: 'scored', score: 14, prorated: true });
    expect(scoreMeasure(GAD7, all(GAD7, 2, { gad7_6: null, gad7_7: null })).status).toBe('incomplete');
  });

  it('counts 4 points as reliable change and 3 as none', () => {
    expect(classifyChange(GAD7, 12, 8)).toBe('reliable_improvement');
    expect(classifyChange(GAD7, 12, 9)).toBe('no_reliable_change');
    expect(classifyChange(GAD7, 5, 9)).toBe('reliable_deterioration');
  });

  it('has no safety item', () => {
    expect(scoreMeasure(GAD7, all(GAD7, 3)).safetyFlags).toEqual([]);
  });
});

describe('WHO-5', () => {
  it('multiplies the raw score by 4: 0, 100 and raw 13 → 52', () => {
    expect(scoreMeasure(WHO5, all(WHO5, 0))).toMatchObject({ score: 0, band: { key: 'very_low' } });
    expect(scoreMeasure(WHO5, all(WHO5, 5))).toMatchObject({ score: 100, band: { key: 'good' } });
    expect(scoreMeasure(WHO5, { who5_1: 3, who5_2: 3, who5_3: 3, who5_4: 2, who5_5: 2 }).score).toBe(52);
  });

  it.each([[7, 28, 'very_low'], [8, 32, 'low'], [12, 48, 'low'], [13, 52, 'good']])('raw %i → %i is %s', (raw, score, band) => {
    const answers: MeasureAnswers = {};
    let left = raw;
    for (const item of WHO5.items) {
      answers[item.key] = Math.min(5, left);
      left -= answers[item.key]!;
    }
    const r = scoreMeasure(WHO5, answers);
    expect(r.score).toBe(score);
    expect(r.band?.key).toBe(band);
  });

  it('treats higher as better: a rise of 10 is a reliable improvement, a fall of 10 a deterioration', () => {
    expect(classifyChange(WHO5, 40, 50)).toBe('reliable_improvement');
    expect(classifyChange(WHO5, 40, 48)).toBe('no_reliable_change');
    expect(classifyChange(WHO5, 60, 50)).toBe('reliable_deterioration');
  });

  it('is not scored with any item missing', () => {
    expect(scoreMeasure(WHO5, all(WHO5, 3, { who5_2: null })).status).toBe('incomplete');
  });
});

describe('the engine', () => {
  const reversed: MeasureDefinition = {
    ...PHQ9,
    key: 'test-reverse',
    items: [
      { key: 'a', text: { en: 'a', 'zh-CN': 'a' }, options: PHQ9.items[0]!.options },
      { key: 'b', text: { en: 'b', 'zh-CN': 'b' }, options: PHQ9.items[0]!.options, reverse: true },
    ],
    missing: { maxMissing: 0, source: 'test' },
    subscales: [{ key: 'only_b', label: { en: 'b', 'zh-CN': 'b' }, scoring: { method: 'mean' } }],
  };
  reversed.items[1]!.subscales = ['only_b'];

  it('counts a reverse-keyed answer as max + min − value', () => {
    expect(scoreMeasure(reversed, { a: 3, b: 3 }).score).toBe(3);
    expect(scoreMeasure(reversed, { a: 3, b: 0 }).score).toBe(6);
    expect(scoreMeasure(reversed, { a: 0, b: 1 }).subscales).toEqual({ only_b: 2 });
    expect(scoreRange(reversed)).toEqual({ min: 0, max: 6 });
  });

  it('names unknown items and values that are not offered', () => {
    expect(answerProblems(PHQ9, { phq9_1: 4, phq9_2: 1.5, nope: 1, phq9_3: null })).toEqual([
      { item: 'phq9_1', reason: 'must be one of: 0, 1, 2, 3' },
      { item: 'phq9_2', reason: 'must be one of: 0, 1, 2, 3' },
      { item: 'nope', reason: 'is not an item of this measure' },
    ]);
  });

  it('has no gaps between bands over the whole range of every built-in measure', () => {
    for (const def of BUILT_IN_MEASURES) {
      const { min, max } = scoreRange(def);
      for (let score = min; score <= max; score += 0.25) expect(bandOf(def, score)).toBeDefined();
    }
  });

  it('reports no change without a reliable-change figure', () => {
    expect(classifyChange({ direction: 'higher_is_worse' }, 0, 27)).toBe('no_reliable_change');
  });

  it('keeps the licence attribution of every standard measure', () => {
    for (const key of ['phq-9', 'gad-7']) expect(builtInMeasure(key)!.licence.attribution).toMatch(/Pfizer.*No permission required/);
    expect(builtInMeasure('who-5')!.licence.attribution).toMatch(/Topp/);
  });
});

describe('FHIR export', () => {
  it('exports PHQ-9 as a Questionnaire with LOINC, its items, weights and Chinese text', () => {
    const q = measureToFhirQuestionnaire(PHQ9) as any;
    expect(q.resourceType).toBe('Questionnaire');
    expect(q.status).toBe('active');
    expect(q.code).toEqual([{ system: 'http://loinc.org', code: '44261-6', display: 'PHQ-9 total score' }]);
    expect(q.copyright).toMatch(/Pfizer/);
    expect(q.item).toHaveLength(9);
    expect(q.item[8]).toMatchObject({ linkId: 'phq9_9', type: 'choice', required: true });
    expect(q.item[0].required).toBe(false);
    expect(q.item[0].answerOption[3].valueCoding).toMatchObject({ code: '3', display: 'Nearly every day', extension: [{ valueDecimal: 3 }] });
    expect(q.item[1]._text.extension[0].extension).toEqual([{ url: 'lang', valueCode: 'zh-CN' }, { url: 'content', valueString: '感到心情低落、沮丧或绝望' }]);
    expect(measureToFhirQuestionnaire(GAD7)).toMatchObject({ code: [{ code: '70274-6' }] });
  });

  it('gives a reverse-keyed answer its reversed weight as the ordinal value', () => {
    const q = measureToFhirQuestionnaire(builtInMeasure('communication-profile')!) as any;
    const ro3 = q.item.find((i: any) => i.linkId === 'ro_3');
    expect(ro3.answerOption[0].valueCoding.extension[0].valueDecimal).toBe(4);
    expect(q.code).toBeUndefined();
  });
});
