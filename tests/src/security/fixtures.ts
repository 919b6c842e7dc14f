import type { DataSource } from 'typeorm';
import { stableId, builtInExerciseId, DEMO_PRACTICE_ID, demoCaseId, demoClientId, demoUserId } from '@attune/api/testing';

/** Ids of the demo practice's records (api/src/seed/demo-seed.ts), by the caseload they belong to. */
export const DEMO = {
  practiceId: DEMO_PRACTICE_ID,
  /** Completed measure responses of the demo (api/src/seed/demo-measures.ts). */
  measures: {
    chenPhq9: stableId('demo:measure:chen:phq9:0'),
    liuPhq9: stableId('demo:measure:liu:phq9:0'),
    zhaoProfile: stableId('demo:measure:zhao:profile:0'),
    zhouProfile: stableId('demo:measure:zhou:profile:0'),
  },
  users: {
    admin: demoUserId('admin'), therapist: demoUserId('therapist'), coach: demoUserId('coach'),
    chen: demoUserId('chen'), zhao: demoUserId('zhao'), zhou: demoUserId('zhou'), liu: demoUserId('liu'),
  },
  /** The therapist's caseload: Chen Jing's individual case. */
  chen: {
    caseId: demoCaseId('chen'),
    clientId: demoClientId('chen'),
    sessionId: stableId('demo:session:chen:0'),
    unsignedSessionId: stableId('demo:session:chen:5'),
    scaleScoreId: stableId('demo:score:chen:chen:0'),
    exceptionId: stableId('demo:exception:chen:0'),
    assignmentId: stableId('demo:assignment:chen:0'),
    assignmentIds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => stableId(`demo:assignment:chen:${i}`)),
  },
  couple: {
    caseId: demoCaseId('couple'),
    zhaoClientId: demoClientId('zhao'),
    zhouClientId: demoClientId('zhou'),
    /** Zhao Lei's own assignments that he did not share with his partner. */
    zhaoPrivateAssignmentIds: [0, 5].map((i) => stableId(`demo:assignment:couple:${i}`)),
    /** Zhou Ting's own assignments (none shared). */
    zhouAssignmentIds: [1, 3, 4, 6].map((i) => stableId(`demo:assignment:couple:${i}`)),
  },
  liu: {
    caseId: demoCaseId('liu'),
    clientId: demoClientId('liu'),
    assignmentIds: [0, 1, 2, 3, 4].map((i) => stableId(`demo:assignment:liu:${i}`)),
  },
  /** The coach's caseload: He Yun. */
  he: {
    caseId: demoCaseId('he'),
    clientId: demoClientId('he'),
    sessionId: stableId('demo:session:he:0'),
    scaleScoreId: stableId('demo:score:he:he:0'),
    exceptionId: stableId('demo:exception:he:0'),
    assignmentId: stableId('demo:assignment:he:0'),
  },
  builtInExerciseId: builtInExerciseId('coping-list'),
};

/** Another practice, with one record of every kind: nobody of the demo practice may reach any of it. */
export const ELSEWHERE = {
  practiceId: stableId('test:elsewhere:practice'),
  practitionerId: stableId('test:elsewhere:practitioner'),
  adminId: stableId('test:elsewhere:admin'),
  clientUserId: stableId('test:elsewhere:client-user'),
  clientId: stableId('test:elsewhere:client'),
  caseId: stableId('test:elsewhere:case'),
  sessionId: stableId('test:elsewhere:session'),
  scaleScoreId: stableId('test:elsewhere:score'),
  exceptionId: stableId('test:elsewhere:exception'),
  exerciseId: stableId('test:elsewhere:exercise'),
  assignmentId: stableId('test:elsewhere:assignment'),
};

/** Custom exercises written by each practitioner of the demo practice. */
export const CUSTOM_EXERCISES = {
  therapist: stableId('test:exercise:therapist'),
  coach: stableId('test:exercise:coach'),
};

/** Adds the other practice and the custom exercises (idempotent). Returns the other practice's audit event id. */
export async function addFixtures(dataSource: DataSource): Promise<{ elsewhereAuditEventId: string; demoAuditEventId: string }> {
  const e = ELSEWHERE;
  await dataSource.transaction(async (m) => {
    const exists: unknown[] = await m.query(`SELECT 1 FROM practices WHERE id = $1`, [e.practiceId]);
    if (exists.length > 0) return;
    const [{ password_hash: hash }] = await m.query(`SELECT password_hash FROM users WHERE id = $1`, [DEMO.users.admin]);
    await m.query(`INSERT INTO practices (id, name) VALUES ($1, 'Elsewhere Counselling (test)')`, [e.practiceId]);
    await m.query(
      `INSERT INTO users (id, practice_id, email, role, display_name, password_hash) VALUES
         ($1, $4, 'practitioner@elsewhere.test', 'practitioner', 'Elsewhere Practitioner', $5),
         ($2, $4, 'admin@elsewhere.test', 'admin', 'Elsewhere Admin', $5),
         ($3, $4, 'client@elsewhere.test', 'client', 'Elsewhere Client', $5)`,
      [e.practitionerId, e.adminId, e.clientUserId, e.practiceId, hash],
    );
    await m.query(`INSERT INTO clients (id, practice_id, practitioner_id, display_name, portal_user_id) VALUES ($1, $2, $3, 'Elsewhere Client', $4)`,
      [e.clientId, e.practiceId, e.practitionerId, e.clientUserId]);
    await m.query(`INSERT INTO cases (id, practice_id, practitioner_id, title, kind) VALUES ($1, $2, $3, 'Elsewhere case', 'individual')`,
      [e.caseId, e.practiceId, e.practitionerId]);
    await m.query(`INSERT INTO case_clients (case_id, client_id, practice_id, position) VALUES ($1, $2, $3, 1)`, [e.caseId, e.clientId, e.practiceId]);
    await m.query(
      `INSERT INTO therapy_sessions (id, practice_id, case_id, starts_at, duration_minutes, format, attendee_ids, stage, note, created_by)
       VALUES ($1, $2, $3, now() - interval '1 day', 50, 'individual', ARRAY[$4]::uuid[], 1, '{"freeText":"elsewhere"}', $5)`,
      [e.sessionId, e.practiceId, e.caseId, e.clientId, e.practitionerId]);
    await m.query(`INSERT INTO scale_scores (id, practice_id, case_id, client_id, score, source, recorded_by) VALUES ($1, $2, $3, $4, 5, 'practitioner', $5)`,
      [e.scaleScoreId, e.practiceId, e.caseId, e.clientId, e.practitionerId]);
    await m.query(`INSERT INTO case_exceptions (id, practice_id, case_id, client_id, occurred_at, context, recorded_by) VALUES ($1, $2, $3, $4, now(), 'elsewhere', $5)`,
      [e.exceptionId, e.practiceId, e.caseId, e.clientId, e.practitionerId]);
    await m.query(
      `INSERT INTO exercises (id, practice_id, key, stage, title, summary, instructions, audience, cadence, fields, effect, built_in, created_by)
       SELECT $1, $2, 'elsewhere-exercise', stage, 'Elsewhere exercise', summary, instructions, audience, cadence, fields, NULL, false, $3
         FROM exercises WHERE id = $4`,
      [e.exerciseId, e.practiceId, e.practitionerId, DEMO.builtInExerciseId]);
    await m.query(`INSERT INTO assignments (id, practice_id, case_id, client_id, exercise_id, assigned_by, due_at) VALUES ($1, $2, $3, $4, $5, $6, now() + interval '7 days')`,
      [e.assignmentId, e.practiceId, e.caseId, e.clientId, DEMO.builtInExerciseId, e.practitionerId]);
    for (const [who, id] of [['therapist', CUSTOM_EXERCISES.therapist], ['coach', CUSTOM_EXERCISES.coach]] as const) {
      await m.query(
        `INSERT INTO exercises (id, practice_id, key, stage, title, summary, instructions, audience, cadence, fields, effect, built_in, created_by)
         SELECT $1, $2, $3, stage, $4, summary, instructions, audience, cadence, fields, NULL, false, $5 FROM exercises WHERE id = $6`,
        [id, DEMO.practiceId, `${who}-own-exercise`, `The ${who}'s own exercise`, DEMO.users[who], DEMO.builtInExerciseId]);
    }
    await m.query(`INSERT INTO audit_events (practice_id, actor_id, action, entity, entity_id) VALUES ($1, $2, 'read', 'cases', $3)`,
      [e.practiceId, e.practitionerId, e.caseId]);
    await m.query(`INSERT INTO audit_events (practice_id, actor_id, action, entity, entity_id) VALUES ($1, $2, 'read', 'cases', $3)`,
      [DEMO.practiceId, DEMO.users.therapist, DEMO.chen.caseId]);
  });
  const [elsewhere] = await dataSource.query(`SELECT id::text FROM audit_events WHERE practice_id = $1 ORDER BY id LIMIT 1`, [e.practiceId]);
  const [demo] = await dataSource.query(`SELECT id::text FROM audit_events WHERE practice_id = $1 ORDER BY id LIMIT 1`, [DEMO.practiceId]);
  return { elsewhereAuditEventId: elsewhere.id, demoAuditEventId: demo.id };
}
