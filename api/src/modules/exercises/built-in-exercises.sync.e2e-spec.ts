import { BUILT_IN_EXERCISES } from '@attune/domain';
import { stableId } from '../../common/stable-id.js';
import { demoCaseId, demoClientId } from '../../seed/demo-seed.js';
import { createDemoTestApp, listUrl, type SignedInClient, type TestApp } from '../../testing/test-app.js';
import { builtInExerciseId, syncBuiltInExercises } from './built-in-exercises.sync.js';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** A built-in that a release took out of libs' catalogue: what the start-up sync does with it. */
describe('the built-in exercise sync', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  const retiredId = stableId('exercise:retired-gratitude-walk');
  let givenBefore: string;

  beforeAll(async () => {
    ({ t, therapist } = await createDemoTestApp('exercise_sync'));
    // An earlier release's built-in, still in the table, with homework given while it was offered.
    await t.owner.query(
      `INSERT INTO exercises (id, practice_id, key, stage, title, summary, instructions, audience, cadence, fields, effect, built_in, version)
       SELECT $1, NULL, 'retired-gratitude-walk', stage, 'Gratitude walk (retired)', summary, instructions, audience, cadence, fields, effect, true, 1
         FROM exercises WHERE id = $2`,
      [retiredId, builtInExerciseId('value-ranking')],
    );
    const given = await therapist.post('/api/assignments', { caseId: demoCaseId('chen'), clientId: demoClientId('chen'), exerciseId: retiredId, dueAt: inDays(7) });
    expect(given.status).toBe(201);
    givenBefore = given.body.id;
    await syncBuiltInExercises(t.owner);
  });
  afterAll(() => t.close());

  it('no longer offers a built-in that left the catalogue, and offers every one in it', async () => {
    const res = await therapist.get(listUrl('/api/exercises', { range: [0, 99] }));
    expect(res.status).toBe(200);
    const builtIns = (res.body as Array<{ id: string; key: string; builtIn: boolean }>).filter((e) => e.builtIn);
    expect(builtIns.map((e) => e.key).sort()).toEqual(BUILT_IN_EXERCISES.map((e) => e.key).sort());
    expect(builtIns.some((e) => e.id === retiredId)).toBe(false);
  });

  it('keeps it for the homework already given: the assignment and its exercise still open', async () => {
    const homework = await therapist.get(`/api/assignments/${givenBefore}`);
    expect(homework.status).toBe(200);
    expect(homework.body.exerciseId).toBe(retiredId);
    const exercise = await therapist.get(`/api/exercises/${retiredId}`);
    expect(exercise.status).toBe(200);
    expect(exercise.body.title).toBe('Gratitude walk (retired)');
  });

  it('refuses new homework with it, naming the field', async () => {
    const res = await therapist.post('/api/assignments', { caseId: demoCaseId('chen'), clientId: demoClientId('chen'), exerciseId: retiredId, dueAt: inDays(7) });
    expect(res.status).toBe(400);
    expect(res.body.errors.exerciseId).toMatch(/retired/);
  });

  it('offers a built-in again when it is back in the catalogue', async () => {
    const back = builtInExerciseId(BUILT_IN_EXERCISES[0]!.key);
    await t.owner.query(`UPDATE exercises SET retired_at = now() WHERE id = $1`, [back]);
    await syncBuiltInExercises(t.owner);
    const rows: Array<{ retired_at: Date | null }> = await t.owner.query(`SELECT retired_at FROM exercises WHERE id = $1`, [back]);
    expect(rows[0]!.retired_at).toBeNull();
    const still: Array<{ retired_at: Date | null }> = await t.owner.query(`SELECT retired_at FROM exercises WHERE id = $1`, [retiredId]);
    expect(still[0]!.retired_at).not.toBeNull();
  });
});
