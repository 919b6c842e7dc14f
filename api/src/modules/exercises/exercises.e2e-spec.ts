import { BUILT_IN_EXERCISES, responseJsonSchemaFor } from '@attune/domain';
import { demoCaseId, demoClientId } from '../../seed/demo-seed.js';
import { auditEventsOf, failAuditOf } from '../../testing/audit-trail.js';
import { buildPractice, buildUser, createDemoTestApp, type SignedInClient, type TestApp, listUrl } from '../../testing/test-app.js';
import { builtInExerciseId } from './built-in-exercises.sync.js';


const gratitude = (over: Record<string, unknown> = {}) => ({
  stage: 2,
  title: 'Gratitude Walk!',
  summary: 'Notice three good things on a walk',
  instructions: 'Take a twenty-minute walk together and name three things you are grateful for.',
  audience: 'partners_together',
  cadence: { kind: 'weekly', weeks: 3 },
  fields: [
    { name: 'goodThings', kind: 'list', label: 'Three good things', itemLabel: 'Good thing', minItems: 3, maxItems: 3, required: true },
    { name: 'mood', kind: 'scale', label: 'How close did you feel?' },
    { name: 'where', kind: 'choice', label: 'Where did you walk?', options: [{ value: 'park', label: 'Park' }, { value: 'river', label: 'River' }] },
  ],
  ...over,
});

describe('exercises', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;
  let client: SignedInClient;
  let outsider: SignedInClient;

  beforeAll(async () => {
    ({ t, therapist, coach, admin, client } = await createDemoTestApp('exercises'));
    const elsewhere = await buildPractice(t.dataSource, 'Elsewhere');
    await buildUser(t.dataSource, elsewhere, 'practitioner', 'outsider@elsewhere.test');
    outsider = await t.signIn('outsider@elsewhere.test');
  });
  afterAll(() => t.close());

  describe('list and get', () => {
    it('lists every built-in exercise of the catalogue by stage, each with its fields, cadence, audience and response schema', async () => {
      const res = await therapist.get(listUrl('/api/exercises', { range: [0, 99], filter: { builtIn: true } }));
      expect(res.status).toBe(200);
      expect(res.headers['content-range']).toBe(`exercises 0-${BUILT_IN_EXERCISES.length - 1}/${BUILT_IN_EXERCISES.length}`);
      expect(res.body.map((e: { stage: number }) => e.stage)).toEqual(BUILT_IN_EXERCISES.map((e) => e.stage).sort((a, b) => a - b));
      const miracle = res.body.find((e: { key: string }) => e.key === 'miracle-question');
      const definition = BUILT_IN_EXERCISES.find((e) => e.key === 'miracle-question')!;
      expect(miracle).toEqual({
        id: builtInExerciseId('miracle-question'), key: 'miracle-question', stage: 3, title: definition.title,
        summary: definition.summary, instructions: definition.instructions, audience: definition.audience, cadence: definition.cadence,
        fields: definition.fields, responseSchema: responseJsonSchemaFor(definition.fields, { title: definition.title }),
        builtIn: true, effect: null, ownerId: null,
      });
      expect(miracle.responseSchema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
      expect(res.body.find((e: { key: string }) => e.key === 'exception-log').effect).toBe('exception');
    });

    it('filters by stage, audience and built-in, searches titles with q and sorts by title', async () => {
      const stage4 = await therapist.get(listUrl('/api/exercises', { filter: { stage: 4 } }));
      expect(stage4.body.map((e: { key: string }) => e.key).sort()).toEqual(['exception-deep-description', 'micro-experiment', 'pattern-recognition']);
      const eachPartner = await therapist.get(listUrl('/api/exercises', { filter: { audience: 'each_partner' } }));
      expect(eachPartner.body.map((e: { key: string }) => e.key).sort()).toEqual(['celebration', 'hope-questions', 'micro-experiment']);
      const searched = await therapist.get(listUrl('/api/exercises', { filter: { q: 'MIRACLE' } }));
      expect(searched.body.map((e: { key: string }) => e.key)).toEqual(['miracle-question']);
      const byTitle = await therapist.get(listUrl('/api/exercises', { sort: ['title', 'DESC'], range: [0, 99], filter: { builtIn: true } }));
      const titles = byTitle.body.map((e: { title: string }) => e.title);
      expect([...titles].sort((a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0))).toEqual(titles);
    });

    it('refuses an unknown sort or filter and a bad value with a 400 naming it', async () => {
      const sort = await therapist.get(listUrl('/api/exercises', { sort: ['instructions', 'ASC'] }));
      expect(sort.status).toBe(400);
      expect(sort.body.errors).toHaveProperty('sort');
      const filter = await therapist.get(listUrl('/api/exercises', { filter: { effect: 'exception' } }));
      expect(filter.status).toBe(400);
      expect(filter.body.errors).toHaveProperty(['filter.effect']);
      const stage = await therapist.get(listUrl('/api/exercises', { filter: { stage: 'two' } }));
      expect(stage.status).toBe(400);
      expect(stage.body.errors).toHaveProperty(['filter.stage']);
    });

    it('answers one exercise; an unknown id is 404; clients get 403', async () => {
      const res = await therapist.get(`/api/exercises/${builtInExerciseId('coping-list')}`);
      expect(res.status).toBe(200);
      expect(res.body.key).toBe('coping-list');
      expect((await therapist.get('/api/exercises/00000000-0000-0000-0000-000000000000')).status).toBe(404);
      expect((await client.get('/api/exercises')).status).toBe(403);
      expect((await client.get(`/api/exercises/${builtInExerciseId('coping-list')}`)).status).toBe(403);
      expect((await client.post('/api/exercises', gratitude())).status).toBe(403);
    });
  });

  describe('custom exercises', () => {
    it('adds a practitioner\'s own exercise with a key from its title, audited, visible in the practice only', async () => {
      const res = await therapist.post('/api/exercises', gratitude());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        key: 'gratitude-walk', stage: 2, title: 'Gratitude Walk!', builtIn: false, effect: null, ownerId: therapist.userId,
        cadence: { kind: 'weekly', weeks: 3 }, audience: 'partners_together',
      });
      expect(res.body.responseSchema).toEqual(responseJsonSchemaFor(res.body.fields, { title: 'Gratitude Walk!' }));
      expect(res.body.responseSchema.required).toEqual(['goodThings']);
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'create', entity: 'exercises', entityId: res.body.id, caseId: null, actorId: therapist.userId },
      ]);

      const custom = await coach.get(listUrl('/api/exercises', { filter: { builtIn: false } }));
      expect(custom.body.map((e: { id: string }) => e.id)).toContain(res.body.id);
      const outside = await outsider.get(listUrl('/api/exercises', { range: [0, 99] }));
      expect(outside.headers['content-range']).toBe(`exercises 0-${BUILT_IN_EXERCISES.length - 1}/${BUILT_IN_EXERCISES.length}`);
      expect((await outsider.get(`/api/exercises/${res.body.id}`)).status).toBe(404);
      expect((await outsider.put(`/api/exercises/${res.body.id}`, gratitude())).status).toBe(404);
      expect((await outsider.delete(`/api/exercises/${res.body.id}`)).status).toBe(404);
    });

    it('keeps keys unique in the practice and clear of built-in keys; a title without Latin letters still gets one', async () => {
      const second = await therapist.post('/api/exercises', gratitude());
      const third = await coach.post('/api/exercises', gratitude({ title: 'Gratitude walk' }));
      expect([second.body.key, third.body.key]).toEqual(['gratitude-walk-2', 'gratitude-walk-3']);
      const elsewhere = await outsider.post('/api/exercises', gratitude());
      expect(elsewhere.body.key).toBe('gratitude-walk');
      const clash = await therapist.post('/api/exercises', gratitude({ title: 'Miracle Question' }));
      expect(clash.body.key).toBe('miracle-question-2');
      const chinese = await therapist.post('/api/exercises', gratitude({ title: '感恩散步' }));
      expect(chinese.status).toBe(201);
      expect(chinese.body.key).toBe('exercise');
    });

    it('rejects bad fields and bad exercise data with a 400 naming each', async () => {
      const res = await therapist.post('/api/exercises', gratitude({
        stage: 7,
        title: 'ab',
        instructions: 'Too short',
        audience: 'everyone',
        cadence: { kind: 'daily', days: 0 },
        fields: [
          { name: '1st', kind: 'text', label: 'First' },
          { name: 'mood', kind: 'scale', label: '' },
          { name: 'Mood', kind: 'boolean', label: 'Again' },
          { name: 'items', kind: 'list', label: 'Items', itemLabel: 'Item', minItems: 5, maxItems: 2 },
          { name: 'pick', kind: 'choice', label: 'Pick', options: [{ value: 'a', label: 'A' }] },
          { name: 'odd', kind: 'video', label: 'Odd' },
        ],
      }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toMatchObject({
        stage: expect.any(String),
        title: 'must be at least 3 characters long',
        instructions: 'must be at least 10 characters long',
        audience: 'must be one of: individual, each_partner, partners_together',
        'cadence.days': 'must be a whole number between 1 and 60',
        'fields.0.name': expect.stringContaining('must start with a letter'),
        'fields.1.label': 'is required',
        'fields.4.options': 'must offer at least 2 options',
        'fields.5.kind': expect.stringContaining('must be one of'),
      });
      const duplicate = await therapist.post('/api/exercises', gratitude({
        fields: [{ name: 'mood', kind: 'scale', label: 'Mood' }, { name: 'Mood', kind: 'boolean', label: 'Again' }],
      }));
      expect(duplicate.status).toBe(400);
      expect(duplicate.body.errors).toEqual({ 'fields.1.name': 'is already used by field 1 ("mood")' });
      const bounds = await therapist.post('/api/exercises', gratitude({
        fields: [{ name: 'items', kind: 'list', label: 'Items', itemLabel: 'Item', minItems: 5, maxItems: 2 }],
      }));
      expect(bounds.body.errors).toEqual({ 'fields.0.minItems': 'must not be more than maxItems' });
      const none = await therapist.post('/api/exercises', gratitude({ fields: [] }));
      expect(none.body.errors).toEqual({ fields: 'must have at least 1 field' });
      const unknownKey = await therapist.post('/api/exercises', gratitude({ fields: [{ name: 'a', kind: 'text', label: 'A', colour: 'red' }] }));
      expect(unknownKey.status).toBe(400);
      expect(unknownKey.body.errors).toHaveProperty(['fields.0']);
    });

    it('edits an own exercise from the record GET returned, keeping its key and ignoring read-only fields', async () => {
      const created = await therapist.post('/api/exercises', gratitude({ title: 'Evening check-in' }));
      const res = await therapist.put(`/api/exercises/${created.body.id}`, {
        ...created.body, title: 'Evening check-in, revised', summary: null, stage: 5, key: 'hacked', builtIn: true, ownerId: coach.userId,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: created.body.id, key: 'evening-check-in', title: 'Evening check-in, revised', summary: null, stage: 5, builtIn: false, ownerId: therapist.userId });
      expect(res.body.responseSchema.title).toBe('Evening check-in, revised');
      expect(await auditEventsOf(t.dataSource, res)).toEqual([
        { action: 'update', entity: 'exercises', entityId: created.body.id, caseId: null, actorId: therapist.userId },
      ]);
      const bad = await therapist.put(`/api/exercises/${created.body.id}`, { ...res.body, fields: [{ name: 'x', kind: 'ranking', label: 'X', itemLabel: 'I', minItems: 0, maxItems: 3 }] });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toHaveProperty(['fields.0.minItems']);
    });

    it('lets only the author or an admin change or delete a custom exercise (403 for a colleague)', async () => {
      const created = await therapist.post('/api/exercises', gratitude({ title: 'Shared library item' }));
      expect((await coach.put(`/api/exercises/${created.body.id}`, { ...created.body, title: 'Taken over' })).status).toBe(403);
      expect((await coach.delete(`/api/exercises/${created.body.id}`)).status).toBe(403);
      const byAdmin = await admin.put(`/api/exercises/${created.body.id}`, { ...created.body, title: 'Tidied by the admin' });
      expect(byAdmin.status).toBe(200);
      expect((await admin.delete(`/api/exercises/${created.body.id}`)).status).toBe(200);
    });

    it('deletes an unused exercise, audited; one in use answers 409 and stays, and its fields are then fixed', async () => {
      const unused = await therapist.post('/api/exercises', gratitude({ title: 'Never assigned' }));
      const removed = await therapist.delete(`/api/exercises/${unused.body.id}`);
      expect(removed.status).toBe(200);
      expect(removed.body.id).toBe(unused.body.id);
      expect(await auditEventsOf(t.dataSource, removed)).toEqual([
        { action: 'delete', entity: 'exercises', entityId: unused.body.id, caseId: null, actorId: therapist.userId },
      ]);
      expect((await therapist.get(`/api/exercises/${unused.body.id}`)).status).toBe(404);

      // Chen's case is an individual one: a partners' exercise cannot be given there.
      const used = await therapist.post('/api/exercises', gratitude({ title: 'Assigned one', audience: 'individual' }));
      const given = await therapist.post('/api/assignments', {
        caseId: demoCaseId('chen'), clientId: demoClientId('chen'), exerciseId: used.body.id, dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      expect(given.status).toBe(201);
      const refused = await therapist.delete(`/api/exercises/${used.body.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/assigned once/);
      expect((await therapist.get(`/api/exercises/${used.body.id}`)).status).toBe(200);
      const reshaped = await therapist.put(`/api/exercises/${used.body.id}`, { ...used.body, fields: [{ name: 'other', kind: 'text', label: 'Other' }] });
      expect(reshaped.status).toBe(409);
      const reworded = await therapist.put(`/api/exercises/${used.body.id}`, { ...used.body, instructions: 'Walk for twenty minutes and name three good things.' });
      expect(reworded.status).toBe(200);
    });

    it('leaves nothing behind when the audit event cannot be written', async () => {
      const undo = await failAuditOf(t.dataSource, 'exercises', 'create');
      try {
        expect((await therapist.post('/api/exercises', gratitude({ title: 'Half written' }))).status).toBe(500);
      } finally {
        await undo();
      }
      expect(await t.dataSource.query(`SELECT 1 FROM exercises WHERE title = 'Half written'`)).toEqual([]);
    });
  });

  describe('built-in exercises are read-only', () => {
    it('answers 409 BUILT_IN_READ_ONLY to a change or a delete, for practitioners and admins alike', async () => {
      const id = builtInExerciseId('miracle-question');
      const current = await therapist.get(`/api/exercises/${id}`);
      for (const who of [therapist, admin]) {
        const put = await who.put(`/api/exercises/${id}`, { ...current.body, title: 'My miracle' });
        expect(put.status).toBe(409);
        expect(put.body.code).toBe('BUILT_IN_READ_ONLY');
        const del = await who.delete(`/api/exercises/${id}`);
        expect(del.status).toBe(409);
        expect(del.body.code).toBe('BUILT_IN_READ_ONLY');
      }
      expect((await therapist.get(`/api/exercises/${id}`)).body).toEqual(current.body);
    });
  });
});
