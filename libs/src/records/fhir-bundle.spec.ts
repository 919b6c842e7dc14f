import type { DocumentReference, Observation, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { fhirErrors } from '../testing/index.js';
import type { CaseRecord } from './case-record.js';
import { ATTUNE_MEASURE_SYSTEM, ATTUNE_SCALE_SYSTEM, base64Utf8, caseRecordResources, everythingBundle, LOINC, LOINC_PROGRESS_NOTE } from './fhir-bundle.js';

const ZHAO = '11111111-1111-4111-8111-111111111111';
const ZHOU = '22222222-2222-4222-8222-222222222222';
const THERAPIST = '33333333-3333-4333-8333-333333333333';
const CASE = '44444444-4444-4444-8444-444444444444';
const JOINT = '55555555-5555-4555-8555-555555555555';
const ZHAO_ALONE = '66666666-6666-4666-8666-666666666666';
const PLANNED = '77777777-7777-4777-8777-777777777777';
const EXERCISE = '88888888-8888-4888-8888-888888888888';
const ZHOU_PHQ9 = 'abababab-abab-4bab-8bab-abababababab';
const ZHAO_WHO5 = 'cdcdcdcd-cdcd-4dcd-8dcd-cdcdcdcdcdcd';

/** PHQ-9 answers: nine values in item order. */
const phq9 = (values: number[]) => Object.fromEntries(values.map((v, i) => [`phq9_${i + 1}`, v]));

function coupleRecord(): CaseRecord {
  return {
    practice: { id: '99999999-9999-4999-8999-999999999999', name: 'Test Practice' },
    case: { id: CASE, title: 'From silence to dialogue', kind: 'couple', status: 'closed', stage: 5, cycle: 1, openedAt: '2026-01-01T09:00:00.000Z', closedAt: '2026-03-01T09:00:00.000Z', presentingConcern: 'Silence', practitionerId: THERAPIST },
    clients: [
      { id: ZHAO, position: 1, displayName: 'Zhao Lei', pronouns: 'he/him', email: 'zhao@example.test', phone: null, status: 'active' },
      { id: ZHOU, position: 2, displayName: '周婷', pronouns: null, email: null, phone: '+86 10 1234', status: 'discharged' },
    ],
    staff: [{ id: THERAPIST, displayName: 'Dr. Wang Fang' }],
    transitions: [{ fromStage: null, toStage: 1, fromCycle: null, toCycle: 1, kind: 'start', reason: 'Intake', at: '2026-01-01T09:00:00.000Z' }],
    sessions: [
      {
        id: JOINT, startsAt: '2026-01-05T10:00:00.000Z', durationMinutes: 50, format: 'joint', attendeeIds: [ZHAO, ZHOU], stage: 1,
        note: { betterSinceLast: 'Both came.', scaleRatings: '赵 1.5, 周 1' }, signedAt: '2026-01-05T11:00:00.000Z', signedBy: THERAPIST, noteHash: 'a'.repeat(64),
        addenda: [{ id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', position: 1, text: 'Correction: 50 minutes.', authorId: THERAPIST, createdAt: '2026-01-06T08:00:00.000Z', hash: 'b'.repeat(64) }],
      },
      { id: ZHAO_ALONE, startsAt: '2026-01-12T10:00:00.000Z', durationMinutes: 45, format: 'individual', attendeeIds: [ZHAO], stage: 2, note: { freeText: 'Draft' }, signedAt: null, signedBy: null, noteHash: null, addenda: [] },
      { id: PLANNED, startsAt: '2026-04-01T10:00:00.000Z', durationMinutes: 45, format: 'joint', attendeeIds: [ZHAO, ZHOU], stage: 5, note: {}, signedAt: null, signedBy: null, noteHash: null, addenda: [] },
    ],
    scaleScores: [
      { id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', clientId: ZHAO, score: 1.5, recordedAt: '2026-01-05T10:30:00.000Z', source: 'practitioner', recordedBy: THERAPIST, sessionId: JOINT, keepsFromLower: 'We still share meals', onePointHigher: null },
      { id: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd', clientId: ZHOU, score: 5, recordedAt: '2026-02-20T10:30:00.000Z', source: 'client', recordedBy: null, sessionId: null, keepsFromLower: null, onePointHigher: 'A calm talk' },
    ],
    exceptions: [],
    homework: [
      {
        id: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', clientId: ZHOU, status: 'reviewed', assignedAt: '2026-01-05T12:00:00.000Z', dueAt: '2026-01-10T12:00:00.000Z',
        submittedAt: '2026-01-09T12:00:00.000Z', sharedWithPartner: false, feedback: 'Thank you', reviewedAt: '2026-01-10T09:00:00.000Z',
        exercise: {
          id: EXERCISE, key: 'every-kind', title: 'Every kind of field', builtIn: true,
          fields: [
            { name: 'story', label: 'Story', kind: 'longText', required: true },
            { name: 'word', label: 'A word', kind: 'text' },
            { name: 'steps', label: 'Steps', kind: 'list', itemLabel: 'Step', minItems: 0, maxItems: 5 },
            { name: 'values', label: 'Values', kind: 'ranking', itemLabel: 'Value', minItems: 1, maxItems: 5 },
            { name: 'score', label: 'Score', kind: 'scale' },
            { name: 'when', label: 'When', kind: 'date' },
            { name: 'mood', label: 'Mood', kind: 'choice', options: [{ value: 'calm', label: 'Calm' }] },
            { name: 'tags', label: 'Tags', kind: 'tags', suggestions: ['kind gesture'] },
            { name: 'again', label: 'Again?', kind: 'boolean' },
          ],
        },
        response: { story: '我们在沉默中', word: 'tea', steps: ['Say hello'], values: { items: ['Trust', 'Calm'], focus: 'Trust' }, score: 4.5, when: '2026-01-08', mood: 'calm', tags: ['kind gesture'], again: true },
      },
      {
        id: 'ffffffff-ffff-4fff-8fff-ffffffffffff', clientId: ZHAO, status: 'in_progress', assignedAt: '2026-01-05T12:00:00.000Z', dueAt: '2026-01-10T12:00:00.000Z',
        submittedAt: null, sharedWithPartner: false, feedback: null, reviewedAt: null,
        exercise: { id: EXERCISE, key: 'every-kind', title: 'Every kind of field', builtIn: true, fields: [] }, response: null,
      },
    ],
    measures: [
      {
        id: ZHOU_PHQ9, clientId: ZHOU, measureKey: 'phq-9', measureVersion: '1', completedAt: '2026-02-01T08:00:00.000Z', answers: phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]),
        score: 8, band: 'mild', baselineScore: 17, changeClass: 'reliable_improvement', source: 'client', enteredBy: null,
      },
      {
        id: ZHAO_WHO5, clientId: ZHAO, measureKey: 'who-5', measureVersion: '1', completedAt: '2026-02-02T10:00:00.000Z',
        answers: { who5_1: 3, who5_2: 3, who5_3: 2, who5_4: 2, who5_5: 3 }, score: 52, band: 'good', baselineScore: null, changeClass: null, source: 'practitioner', enteredBy: THERAPIST,
      },
    ],
  };
}

const OPTIONS = { asOf: new Date('2026-03-02T00:00:00.000Z'), baseUrl: 'https://clinic.example/api/fhir' };

describe('FHIR R4 mapping of a case record', () => {
  it('gives resources that a FHIR R4 validator accepts with 0 errors, one by one, and a valid bundle', () => {
    const resources = caseRecordResources(coupleRecord(), OPTIONS);
    expect(resources.length).toBeGreaterThan(10);
    for (const resource of resources) expect([`${resource.resourceType}/${resource.id}`, fhirErrors(resource)]).toEqual([`${resource.resourceType}/${resource.id}`, []]);
    expect(fhirErrors(everythingBundle(resources, OPTIONS))).toEqual([]);
  });

  it('the validator in this test does find errors (a wrong status, a missing code)', () => {
    const broken = { resourceType: 'Observation', id: 'x', status: 'guessed', subject: { reference: 'Patient/x' } } as unknown as Observation;
    expect(fhirErrors(broken).length).toBeGreaterThan(0);
  });

  it('puts each partner\'s data under their own Patient: a joint session is an Encounter and a note per partner', () => {
    const resources = caseRecordResources(coupleRecord(), OPTIONS);
    const of = (type: string) => resources.filter((r) => r.resourceType === type) as Array<Resource & { subject?: { reference?: string }; patient?: { reference?: string } }>;
    expect(of('Patient').map((p) => p.id).sort()).toEqual([ZHAO, ZHOU].sort());
    expect(of('EpisodeOfCare').map((e) => [e.id, e.patient?.reference])).toEqual([[`${CASE}-1`, `Patient/${ZHAO}`], [`${CASE}-2`, `Patient/${ZHOU}`]]);
    // Held: the joint session (both) and Zhao's own one; the planned one is not an Encounter.
    expect(of('Encounter').map((e) => [e.id, e.subject?.reference])).toEqual([
      [`${JOINT}-1`, `Patient/${ZHAO}`], [`${ZHAO_ALONE}-1`, `Patient/${ZHAO}`], [`${JOINT}-2`, `Patient/${ZHOU}`],
    ]);
    const notes = of('DocumentReference') as DocumentReference[];
    // The signed joint note and its addendum, once per partner; the unsigned note is not a document.
    expect(notes.map((d) => d.id)).toEqual([`${JOINT}-1`, `aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa-1`, `${JOINT}-2`, `aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa-2`]);
    expect(notes[0]!.type?.coding?.[0]).toMatchObject({ system: LOINC, code: LOINC_PROGRESS_NOTE });
    expect(Buffer.from(notes[2]!.content[0]!.attachment.data!, 'base64').toString('utf8')).toBe('Better since last time: Both came.\n\nScale ratings: 赵 1.5, 周 1');
    expect(notes[1]!.relatesTo?.[0]).toEqual({ code: 'appends', target: { reference: `DocumentReference/${JOINT}-1` } });
  });

  it('maps a scale score to an Observation with a decimal quantity on the local scale, the partner as subject', () => {
    const observations = caseRecordResources(coupleRecord(), OPTIONS)
      .filter((r): r is Observation => r.resourceType === 'Observation' && r.code.coding?.[0]?.system === ATTUNE_SCALE_SYSTEM);
    expect(observations.map((o) => [o.subject?.reference, o.valueQuantity?.value, o.code.coding?.[0]?.system])).toEqual([
      [`Patient/${ZHAO}`, 1.5, ATTUNE_SCALE_SYSTEM], [`Patient/${ZHOU}`, 5, ATTUNE_SCALE_SYSTEM],
    ]);
    expect(observations[0]!.encounter).toEqual({ reference: `Encounter/${JOINT}-1` });
    expect(observations[1]!.performer?.[0]?.reference).toBe(`Patient/${ZHOU}`);
    expect(observations[0]!.component?.[0]?.valueString).toBe('We still share meals');
  });

  it('maps completed homework only to a QuestionnaireResponse of its exercise\'s Questionnaire, every kind of answer', () => {
    const resources = caseRecordResources(coupleRecord(), OPTIONS);
    const responses = resources.filter((r): r is QuestionnaireResponse => r.resourceType === 'QuestionnaireResponse' && !r.questionnaire?.includes('|'));
    expect(responses.map((r) => r.id)).toEqual(['eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee']);
    const byLink = Object.fromEntries(responses[0]!.item!.map((i) => [i.linkId, i]));
    expect(byLink.story!.answer).toEqual([{ valueString: '我们在沉默中' }]);
    expect(byLink.score!.answer).toEqual([{ valueDecimal: 4.5 }]);
    expect(byLink.when!.answer).toEqual([{ valueDate: '2026-01-08' }]);
    expect(byLink.mood!.answer).toEqual([{ valueCoding: { code: 'calm', display: 'Calm' } }]);
    expect(byLink.values!.item).toEqual([{ linkId: 'values.items', answer: [{ valueString: 'Trust' }, { valueString: 'Calm' }] }, { linkId: 'values.focus', answer: [{ valueString: 'Trust' }] }]);
    expect(byLink.again!.answer).toEqual([{ valueBoolean: true }]);
    expect(resources.filter((r) => r.resourceType === 'Questionnaire').map((q) => q.id)).toEqual(['who-5', EXERCISE, 'phq-9']);
  });

  it('maps a completed measure to its Questionnaire, a QuestionnaireResponse and an Observation of the total, under the partner who answered', () => {
    const resources = caseRecordResources(coupleRecord(), OPTIONS);
    const observation = (id: string) => resources.find((r): r is Observation => r.resourceType === 'Observation' && r.id === id)!;
    const phq = observation(ZHOU_PHQ9);
    expect(phq).toMatchObject({
      code: { coding: [{ system: LOINC, code: '44261-6' }] },
      subject: { reference: `Patient/${ZHOU}` },
      performer: [{ reference: `Patient/${ZHOU}` }],
      valueQuantity: { value: 8 },
      interpretation: [{ coding: [{ code: 'mild', display: 'Mild' }], text: 'Mild' }],
      derivedFrom: [{ reference: `QuestionnaireResponse/${ZHOU_PHQ9}` }],
    });
    expect(phq.component?.[0]?.valueCodeableConcept?.coding?.[0]).toMatchObject({ system: ATTUNE_MEASURE_SYSTEM, code: 'reliable_improvement' });
    // WHO-5 has no LOINC code here: Attune's own code, in a CodeSystem of the bundle.
    const who = observation(ZHAO_WHO5);
    expect(who).toMatchObject({ code: { coding: [{ system: ATTUNE_MEASURE_SYSTEM, code: 'who-5-total' }] }, subject: { reference: `Patient/${ZHAO}` }, performer: [{ reference: `Practitioner/${THERAPIST}` }] });
    expect(who.component).toBeUndefined();
    const codes = resources.find((r) => r.resourceType === 'CodeSystem' && r.id === 'measures') as { concept: Array<{ code: string }> } | undefined;
    expect(codes?.concept.map((c) => c.code)).toContain('who-5-total');
    const response = resources.find((r): r is QuestionnaireResponse => r.resourceType === 'QuestionnaireResponse' && r.id === ZHOU_PHQ9)!;
    expect(response).toMatchObject({ questionnaire: 'https://attune.example/fhir/Questionnaire/phq-9|1', subject: { reference: `Patient/${ZHOU}` }, author: { reference: `Patient/${ZHOU}` } });
    expect(response.item).toHaveLength(9);
    expect(response.item![8]).toMatchObject({ linkId: 'phq9_9', answer: [{ valueCoding: { code: '0', display: 'Not at all' } }] });
    // Zhou's own export holds her measure, not Zhao's.
    expect(JSON.stringify(caseRecordResources(coupleRecord(), OPTIONS, [ZHOU]))).not.toContain(ZHAO_WHO5);
  });

  it('gives only the named partner\'s resources when asked for one client, and the bundle lists each resource once', () => {
    const record = coupleRecord();
    const zhou = caseRecordResources(record, OPTIONS, [ZHOU]);
    const text = JSON.stringify(zhou);
    expect(text).not.toContain(`Patient/${ZHAO}`);
    expect(text).not.toContain(ZHAO_ALONE);
    const bundle = everythingBundle([...zhou, ...caseRecordResources(record, OPTIONS, [ZHOU])], OPTIONS);
    const keys = bundle.entry!.map((e) => `${e.resource!.resourceType}/${e.resource!.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(bundle.entry![0]!.resource!.resourceType).toBe('Patient');
    expect(bundle.total).toBe(1);
  });

  it('writes note texts as base64 of their UTF-8 bytes, as Node would', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'Scale 4.5 — 周婷说：“好多了” 🙂', '\ud800 lone']) {
      expect(base64Utf8(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
    }
  });
});
