import { ASSIGNMENT_STATUSES, ROLES, canSeeCase, caseScopeParams, caseScopeSql, isOverdue, overdueSql, type AssignmentStatus, type ExerciseCadence, type Role } from '@attune/domain';
import fc from 'fast-check';
import { Client } from 'pg';
import { createTestDatabase } from '../testing/test-database.js';

/**
 * The SQL spellings of libs' rules agree with the libs functions, on PostgreSQL itself, at their
 * boundaries: a due time exactly at now() and a millisecond either side; every role against cases
 * of the same and of another practice and practitioner.
 */
describe('SQL fragments beside their libs rules', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pg: Client;

  beforeAll(async () => {
    db = await createTestDatabase('domain_sql');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pg.end();
    await db.drop();
  });

  it('overdueSql says what isOverdue says, against the transaction clock, also days after the due time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<AssignmentStatus>(...ASSIGNMENT_STATUSES),
        fc.constantFrom(0, 1, 3),
        fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -86_400_000, max: 86_400_000 })),
        async (status, afterDays, offsetMs) => {
          // the due time lies `afterDays` days before now, give or take offsetMs
          const { rows } = await pg.query<{ overdue: boolean; overdue_after: boolean; now: Date; due_at: Date }>(
            `SELECT ${overdueSql('a')} AS overdue, ${overdueSql('a', { afterDays: 'a.after_days' })} AS overdue_after, now() AS now, a.due_at
               FROM (SELECT $1::text AS status, $3::int AS after_days,
                            date_trunc('milliseconds', now()) - make_interval(hours => 24 * $3::int) + make_interval(secs => $2::double precision / 1000) AS due_at,
                            '{"kind":"once"}'::jsonb AS cadence, now() - interval '1 day' AS assigned_at) a`,
            [status, offsetMs, afterDays],
          );
          const row = rows[0]!;
          // now() keeps microseconds that a JavaScript Date drops; the due time is built on the
          // millisecond so that both sides compare the same instants.
          expect(row.overdue).toBe(isOverdue({ status, dueAt: row.due_at }, row.now));
          expect(row.overdue_after).toBe(isOverdue({ status, dueAt: row.due_at }, row.now, afterDays));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('overdueSql against an instant the caller took says what isOverdue says at that instant', async () => {
    const at = new Date('2027-05-10T00:10:00.000Z');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<AssignmentStatus>(...ASSIGNMENT_STATUSES),
        fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -86_400_000, max: 86_400_000 })),
        async (status, offsetMs) => {
          const dueAt = new Date(at.getTime() + offsetMs);
          const { rows } = await pg.query<{ overdue: boolean }>(
            `SELECT ${overdueSql('a', { now: '$3' })} AS overdue FROM (SELECT $1::text AS status, $2::timestamptz AS due_at, '{"kind":"once"}'::jsonb AS cadence, $3::timestamptz - interval '1 day' AS assigned_at) a`,
            [status, dueAt, at],
          );
          expect(rows[0]!.overdue).toBe(isOverdue({ status, dueAt }, at));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('overdueSql waits for the last check-in of a daily or weekly homework as isOverdue does, at midnight UTC', async () => {
    const DAY = 86_400_000;
    const cadence = fc.oneof(
      fc.constant<ExerciseCadence>({ kind: 'once' }),
      fc.integer({ min: 1, max: 60 }).map((days): ExerciseCadence => ({ kind: 'daily', days })),
      fc.integer({ min: 1, max: 26 }).map((weeks): ExerciseCadence => ({ kind: 'weekly', weeks })),
    );
    const checkInDays = (c: ExerciseCadence) => (c.kind === 'daily' ? c.days : c.kind === 'weekly' ? 7 * c.weeks : 0);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<AssignmentStatus>(...ASSIGNMENT_STATUSES),
        cadence,
        // given at some time of a day in 2026; the clock near the midnight its check-ins end (a millisecond either side) or anywhere
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }),
        fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -3 * DAY, max: 3 * DAY })),
        fc.integer({ min: -40 * DAY, max: 2 * DAY }),
        async (status, kind, assignedMs, clockOffsetMs, dueOffsetMs) => {
          const checkInsEnd = Math.floor(assignedMs / DAY) * DAY + checkInDays(kind) * DAY;
          const now = new Date(checkInsEnd + clockOffsetMs);
          const assignedAt = new Date(assignedMs);
          const dueAt = new Date(now.getTime() + dueOffsetMs);
          const { rows } = await pg.query<{ overdue: boolean }>(
            `SELECT ${overdueSql('a', { now: '$1' })} AS overdue
               FROM (SELECT $2::text AS status, $3::timestamptz AS due_at, $4::jsonb AS cadence, $5::timestamptz AS assigned_at) a`,
            [now, status, dueAt, JSON.stringify(kind), assignedAt],
          );
          expect(rows[0]!.overdue).toBe(isOverdue({ status, dueAt, cadence: kind, assignedAt }, now));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('caseScopeSql sees exactly the cases canSeeCase sees, for raw SQL and query-builder placeholders', async () => {
    const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'];
    const id = fc.constantFrom(...ids);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ role: fc.constantFrom<Role>(...ROLES), practiceId: id, userId: id }),
        fc.record({ practiceId: id, practitionerId: id }),
        async (viewer, kase) => {
          const where = caseScopeSql({ practice: 'k.practice_id', practitioner: 'k.practitioner_id' }, ['$3', '$4']);
          const { rows } = await pg.query<{ seen: boolean }>(
            `SELECT EXISTS (SELECT 1 FROM (SELECT $1::uuid AS practice_id, $2::uuid AS practitioner_id) k WHERE ${where}) AS seen`,
            [kase.practiceId, kase.practitionerId, ...caseScopeParams(viewer)],
          );
          expect(rows[0]!.seen).toBe(canSeeCase(viewer, kase));
        },
      ),
      { numRuns: 150 },
    );
    const named = caseScopeSql({ practice: 'c.practice_id', practitioner: 'c.practitioner_id' }, [':scopePracticeId', ':scopeUserId']);
    expect(named).toBe('c.practice_id = :scopePracticeId AND (CAST(:scopeUserId AS uuid) IS NULL OR c.practitioner_id = CAST(:scopeUserId AS uuid))');
  });

  it('refuses a column or placeholder that is not one', () => {
    expect(() => caseScopeSql({ practice: 'k.practice_id; DROP TABLE cases', practitioner: 'k.practitioner_id' })).toThrow(/not a column name/);
    expect(() => caseScopeSql({ practice: 'k.practice_id', practitioner: 'k.practitioner_id' }, ['$1', '1 OR true'])).toThrow(/not a parameter/);
    expect(() => overdueSql('a; --')).toThrow(/not a table alias/);
    expect(() => overdueSql('a', { afterDays: '1; DROP TABLE assignments' })).toThrow(/not a column or parameter/);
    expect(() => overdueSql('a', { now: 'now() OR true' })).toThrow(/not a column or parameter/);
  });
});
