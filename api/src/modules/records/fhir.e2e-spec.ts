import type { Bundle, DocumentReference, Observation, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { fhirErrors } from '@attune/domain/testing';
import { demoCaseId, demoClientId, seedDemoData } from '../../seed/demo-seed.js';
import { createTestApp, TEST_PASSWORD, type SignedInClient, type TestApp } from '../../testing/test-app.js';

const CASES = ['chen', 'couple', 'liu'] as const;
const EXPORT_RATE_LIMIT = 25;

function resourcesOf(bundle: Bundle): Resource[] {
  return (bundle.entry ?? []).map((e) => e.resource!);
}

function ofType<T extends Resource>(bundle: Bundle, type: T['resourceType']): T[] {
  return resourcesOf(bundle).filter((r): r is T => r.resourceType === type);
}

describe('FHIR R4 $everything', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;
  let chen: SignedInClient;

  beforeAll(async () => {
    t = await createTestApp('records_fhir', { EXPORT_RATE_LIMIT: String(EXPORT_RATE_LIMIT) });
    await seedDemoData(t.dataSource, { password: TEST_PASSWORD });
    therapist = await t.signIn('therapist@attune.test');
    coach = await t.signIn('coach@attune.test');
    admin = await t.signIn('admin@attune.test');
    chen = await t.signIn('chen.jing@attune.test');
    // A signed note with an addendum, so the export has one to carry.
    const [signed] = await t.dataSource.query(`SELECT id FROM therapy_sessions WHERE case_id = $1 AND signed_at IS NOT NULL ORDER BY starts_at LIMIT 1`, [demoCaseId('chen')]);
    const res = await therapist.post(`/api/sessions/${signed.id}/addenda`, { text: 'Addendum: she named the pattern herself.' });
    expect(res.status).toBe(201);
  });
  afterAll(() => t.close());

  it.each(CASES)('the %s case\'s bundle validates resource by resource with 0 errors', async (key) => {
    const res = await therapist.get(`/api/fhir/EpisodeOfCare/${demoCaseId(key)}/$everything`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = JSON.parse(res.text) as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    const errors = resourcesOf(bundle).flatMap(fhirErrors);
    expect(errors).toEqual([]);
    expect(fhirErrors(bundle)).toEqual([]);
  });

  it('holds what the database holds: an Encounter per held session and partner, a note per signed one, an Observation per score, a response per completed homework', async () => {
    const caseId = demoCaseId('couple');
    const bundle = JSON.parse((await therapist.get(`/api/fhir/EpisodeOfCare/${caseId}/$everything`)).text) as Bundle;
    const [db] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM therapy_sessions s, unnest(s.attendee_ids) WHERE s.case_id = $1 AND s.starts_at <= now())::int AS encounters,
              (SELECT count(*) FROM therapy_sessions s, unnest(s.attendee_ids) WHERE s.case_id = $1 AND s.signed_at IS NOT NULL)::int AS notes,
              (SELECT count(*) FROM scale_scores WHERE case_id = $1)::int AS scores,
              (SELECT count(*) FROM assignments WHERE case_id = $1 AND status IN ('submitted', 'reviewed'))::int AS completed,
              (SELECT count(*) FROM measure_responses WHERE case_id = $1 AND status = 'completed')::int AS measures`,
      [caseId],
    );
    const measureIds = new Set((await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM measure_responses WHERE case_id = $1 AND status = 'completed'`, [caseId])).map((r) => r.id));
    expect(ofType(bundle, 'Patient').map((p) => p.id).sort()).toEqual([demoClientId('zhao'), demoClientId('zhou')].sort());
    expect(ofType(bundle, 'EpisodeOfCare')).toHaveLength(2);
    expect(ofType(bundle, 'Encounter')).toHaveLength(db.encounters);
    const notes = ofType<DocumentReference>(bundle, 'DocumentReference');
    expect(notes).toHaveLength(db.notes);
    expect(notes.every((n) => n.type?.coding?.[0]?.code === '11506-3')).toBe(true);
    expect(ofType(bundle, 'Observation').filter((o) => !measureIds.has(o.id!))).toHaveLength(db.scores);
    expect(ofType(bundle, 'QuestionnaireResponse').filter((r) => !measureIds.has(r.id!))).toHaveLength(db.completed);
    expect(ofType(bundle, 'QuestionnaireResponse').filter((r) => measureIds.has(r.id!))).toHaveLength(db.measures);
    expect(db.measures).toBeGreaterThan(0);
    expect(db.encounters).toBeGreaterThan(0);
    expect(db.completed).toBeGreaterThan(0);
  });

  it('carries the demo\'s PHQ-9 series: a Questionnaire, a response per completed PHQ-9 and an Observation of its total (LOINC 44261-6) with its band, each partner as subject', async () => {
    const bundle = JSON.parse((await therapist.get(`/api/fhir/EpisodeOfCare/${demoCaseId('couple')}/$everything`)).text) as Bundle;
    const phq9 = ofType<Observation>(bundle, 'Observation').filter((o) => o.code.coding?.some((c) => c.system === 'http://loinc.org' && c.code === '44261-6'));
    const seriesOf = (clientKey: string) => phq9
      .filter((o) => o.subject?.reference === `Patient/${demoClientId(clientKey)}`)
      .sort((a, b) => a.effectiveDateTime!.localeCompare(b.effectiveDateTime!));
    expect(seriesOf('zhao').map((o) => o.valueQuantity?.value)).toEqual([14, 12, 9, 7]);
    expect(seriesOf('zhou').map((o) => o.valueQuantity?.value)).toEqual([17, 15, 10, 8]);
    expect(seriesOf('zhou').map((o) => o.interpretation?.[0]?.text)).toEqual(['Moderately severe', 'Moderately severe', 'Moderate', 'Mild']);
    expect(seriesOf('zhou')[3]!.component?.[0]?.valueCodeableConcept?.text).toBe('Reliable improvement');
    expect(ofType(bundle, 'Questionnaire').map((q) => q.id)).toEqual(expect.arrayContaining(['phq-9', 'communication-profile']));
    const last = seriesOf('zhou')[3]!;
    const response = ofType<QuestionnaireResponse>(bundle, 'QuestionnaireResponse').find((r) => `QuestionnaireResponse/${r.id}` === last.derivedFrom?.[0]?.reference);
    expect(response).toMatchObject({ questionnaire: 'https://attune.example/fhir/Questionnaire/phq-9|1', status: 'completed', subject: { reference: `Patient/${demoClientId('zhou')}` } });
    expect(response!.item).toHaveLength(9);
    // Chen Jing's series, in her own bundle, validated one by one with 0 errors.
    const chenBundle = JSON.parse((await therapist.get(`/api/fhir/Patient/${demoClientId('chen')}/$everything`)).text) as Bundle;
    const chenPhq9 = ofType<Observation>(chenBundle, 'Observation').filter((o) => o.code.coding?.[0]?.code === '44261-6');
    expect(chenPhq9.length).toBeGreaterThanOrEqual(4);
    expect(chenPhq9.slice(0, 4).map((o) => o.valueQuantity?.value)).toEqual([16, 13, 9, 7]);
    expect([...chenPhq9, ...ofType(chenBundle, 'QuestionnaireResponse'), ...ofType(chenBundle, 'Questionnaire')].flatMap(fhirErrors)).toEqual([]);
  });

  it('a partner\'s bundle holds only that partner\'s data, under their own Patient', async () => {
    const zhou = demoClientId('zhou');
    const res = await therapist.get(`/api/fhir/Patient/${zhou}/$everything`);
    expect(res.status).toBe(200);
    const bundle = JSON.parse(res.text) as Bundle;
    expect(ofType(bundle, 'Patient').map((p) => p.id)).toEqual([zhou]);
    expect(JSON.stringify(bundle)).not.toContain(demoClientId('zhao'));
    const subjects = resourcesOf(bundle).flatMap((r) => {
      const s = (r as { subject?: { reference?: string }; patient?: { reference?: string } });
      return [s.subject?.reference, s.patient?.reference].filter(Boolean);
    });
    expect(new Set(subjects)).toEqual(new Set([`Patient/${zhou}`]));
    expect(resourcesOf(bundle).flatMap(fhirErrors)).toEqual([]);
  });

  it('carries the addendum of a signed note as a document appending to it', async () => {
    const bundle = JSON.parse((await therapist.get(`/api/fhir/Patient/${demoClientId('chen')}/$everything`)).text) as Bundle;
    const addenda = ofType<DocumentReference>(bundle, 'DocumentReference').filter((d) => d.relatesTo?.length);
    expect(addenda).toHaveLength(1);
    expect(Buffer.from(addenda[0]!.content[0]!.attachment.data!, 'base64').toString('utf8')).toBe('Addendum: she named the pattern herself.');
  });

  it('answers 404 for a client or case outside the caller\'s caseload, 403 for a client, 400 for a malformed id', async () => {
    expect((await coach.get(`/api/fhir/Patient/${demoClientId('chen')}/$everything`)).status).toBe(404);
    expect((await coach.get(`/api/fhir/EpisodeOfCare/${demoCaseId('chen')}/$everything`)).status).toBe(404);
    expect((await chen.get(`/api/fhir/Patient/${demoClientId('chen')}/$everything`)).status).toBe(403);
    expect((await therapist.get('/api/fhir/Patient/not-a-uuid/$everything')).status).toBe(400);
    expect((await t.http.get(`/api/fhir/Patient/${demoClientId('chen')}/$everything`)).status).toBe(401);
    // The admin reads every case of the practice.
    expect((await admin.get(`/api/fhir/EpisodeOfCare/${demoCaseId('chen')}/$everything`)).status).toBe(200);
  });

  it('audits each export: who, which record, how many records, per case', async () => {
    const res = await therapist.get(`/api/fhir/Patient/${demoClientId('zhao')}/$everything`);
    const bundle = JSON.parse(res.text) as Bundle;
    const rows = await t.dataSource.query(
      `SELECT actor_id, action, entity, entity_id, case_id, row_count FROM audit_events WHERE correlation_id = $1`,
      [res.headers['x-correlation-id']],
    );
    expect(rows).toEqual([{
      actor_id: therapist.userId, action: 'export', entity: 'fhir-patient', entity_id: demoClientId('zhao'), case_id: demoCaseId('couple'), row_count: bundle.entry!.length,
    }]);
  });

  it(`limits exports to ${EXPORT_RATE_LIMIT} a minute per user: then 429 with Retry-After, other users unaffected`, async () => {
    const url = `/api/fhir/EpisodeOfCare/${demoCaseId('liu')}/$everything`;
    // The coach has used 2 exports in the tests above: the rest of the minute's budget, then 429.
    const statuses: number[] = [];
    for (let i = 0; i < EXPORT_RATE_LIMIT - 2; i++) statuses.push((await coach.get(url)).status);
    expect(new Set(statuses)).toEqual(new Set([404]));
    const refused = await coach.get(url);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await admin.get(url)).status).toBe(200);
  });
});
