import { createHash } from 'node:crypto';
import { canonicalAddendumText, canonicalNoteText, type SessionNote } from '@attune/domain';
import { Client } from 'pg';
import { DEMO } from './fixtures.js';
import { startDemoApp, type DemoApp, type SignedIn } from './harness.js';

const sha256 = (note: SessionNote) => createHash('sha256').update(canonicalNoteText(note ?? {}), 'utf8').digest('hex');

/** Signed notes stay as signed, and the audit trail only grows: checked through the API and in the database itself. */
describe('integrity of signed notes and of the audit trail', () => {
  let t: DemoApp;
  let therapist: SignedIn;
  let admin: SignedIn;
  let coach: SignedIn;
  beforeAll(async () => {
    t = await startDemoApp('integrity');
    therapist = await t.signIn('therapist@attune.test');
    admin = await t.signIn('admin@attune.test');
    coach = await t.signIn('coach@attune.test');
  });
  afterAll(() => t?.close());

  describe('signed notes', () => {
    it('stores the SHA-256 of the canonical note text for every signed demo note', async () => {
      const rows: Array<{ note: SessionNote; note_hash: string }> = await t.dataSource.query(
        `SELECT note, note_hash FROM therapy_sessions WHERE signed_at IS NOT NULL`);
      expect(rows.length).toBeGreaterThanOrEqual(10);
      for (const row of rows) expect(row.note_hash).toBe(sha256(row.note));
    });

    it('signs a note through the API: who, when and the hash of what was signed', async () => {
      const id = DEMO.chen.unsignedSessionId;
      const res = await therapist.req('post', `/api/sessions/${id}/sign`).send({});
      expect(res.status).toBeLessThan(300);
      const [row] = await t.dataSource.query(`SELECT note, note_hash, signed_by, signed_at FROM therapy_sessions WHERE id = $1`, [id]);
      expect(row.signed_by).toBe(DEMO.users.therapist);
      expect(row.signed_at).not.toBeNull();
      expect(row.note_hash).toBe(sha256(row.note));
    });

    it('refuses to change or delete a signed note through the API with 409, and keeps the note and its hash', async () => {
      const id = DEMO.chen.sessionId;
      const [before] = await t.dataSource.query(`SELECT note, note_hash, updated_at FROM therapy_sessions WHERE id = $1`, [id]);
      const current = (await therapist.req('get', `/api/sessions/${id}`)).body;
      const edited = { ...current, note: { ...current.note, freeText: 'Rewritten after signing' } };
      const put = await therapist.req('put', `/api/sessions/${id}`).send(edited);
      expect(put.status).toBe(409);
      const del = await admin.req('delete', `/api/sessions/${id}`);
      expect(del.status).toBe(409);
      const [after] = await t.dataSource.query(`SELECT note, note_hash, updated_at FROM therapy_sessions WHERE id = $1`, [id]);
      expect(after).toEqual(before);
    });

    it('takes an addendum without touching the signed note', async () => {
      const id = DEMO.chen.sessionId;
      const [before] = await t.dataSource.query(`SELECT note, note_hash FROM therapy_sessions WHERE id = $1`, [id]);
      const res = await therapist.req('post', `/api/sessions/${id}/addenda`).send({ text: 'Clarification: the date of the shopping trip was Saturday.' });
      expect(res.status).toBeLessThan(300);
      const [after] = await t.dataSource.query(`SELECT note, note_hash FROM therapy_sessions WHERE id = $1`, [id]);
      expect(after).toEqual(before);
      expect(await t.dataSource.query(`SELECT 1 FROM session_addenda WHERE session_id = $1`, [id])).toHaveLength(1);
    });

    it('chains each addendum to the signed note: hash = SHA-256 of the previous link (the note\'s hash first), its text, author and time', async () => {
      const id = DEMO.chen.sessionId;
      const second = await therapist.req('post', `/api/sessions/${id}/addenda`).send({ text: 'Second clarification: it was the afternoon.' });
      expect(second.status).toBe(201);
      expect(second.body.integrity).toBe('verified');
      expect(second.body.addenda.map((a: { integrity: string }) => a.integrity)).toEqual(['verified', 'verified']);
      const [note] = await t.dataSource.query(`SELECT note_hash FROM therapy_sessions WHERE id = $1`, [id]);
      const rows: Array<{ position: number; hash: string; text: string; author_id: string; created_at: Date }> = await t.dataSource.query(
        `SELECT position, hash, text, author_id, created_at FROM session_addenda WHERE session_id = $1 ORDER BY position`, [id]);
      expect(rows.map((r) => r.position)).toEqual([1, 2]);
      let previous: string = note.note_hash;
      for (const row of rows) {
        const canonical = canonicalAddendumText({ text: row.text, authorId: row.author_id, at: row.created_at.toISOString() });
        expect(row.hash).toBe(createHash('sha256').update(previous).update(canonical).digest('hex'));
        previous = row.hash;
      }
    });

    it('refuses UPDATE, DELETE and TRUNCATE of an addendum in the database itself', async () => {
      const id = DEMO.chen.sessionId;
      const before = await t.dataSource.query(`SELECT id, text, hash FROM session_addenda WHERE session_id = $1 ORDER BY position`, [id]);
      expect(before.length).toBeGreaterThan(0);
      await expect(t.dataSource.query(`UPDATE session_addenda SET text = 'forged' WHERE session_id = $1`, [id])).rejects.toThrow(/addendum of a signed note/);
      await expect(t.dataSource.query(`DELETE FROM session_addenda WHERE session_id = $1`, [id])).rejects.toThrow(/addendum of a signed note/);
      await expect(t.dataSource.query(`TRUNCATE session_addenda`)).rejects.toThrow(/addendum of a signed note/);
      expect(await t.dataSource.query(`SELECT id, text, hash FROM session_addenda WHERE session_id = $1 ORDER BY position`, [id])).toEqual(before);
    });

    it('reports an addendum changed behind the app\'s back (by a superuser with the trigger off) as a mismatch', async () => {
      const id = DEMO.chen.sessionId;
      expect((await therapist.req('get', `/api/sessions/${id}`)).body.integrity).toBe('verified');
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.query(`ALTER TABLE session_addenda DISABLE TRIGGER session_addenda_locked`);
        await runner.query(`UPDATE session_addenda SET text = 'Clarification: the date of the shopping trip was Sunday.' WHERE session_id = $1 AND position = 1`, [id]);
      } finally {
        await runner.query(`ALTER TABLE session_addenda ENABLE TRIGGER session_addenda_locked`);
        await runner.release();
      }
      const read = await therapist.req('get', `/api/sessions/${id}`);
      expect(read.status).toBe(200);
      expect(read.body.integrity).toBe('mismatch');
      expect(read.body.addenda.map((a: { integrity: string }) => a.integrity)).toEqual(['mismatch', 'verified']);
      // the note itself is unchanged: its own hash still matches
      expect(read.body.noteHash).toBe(sha256(read.body.note));
    });

    it('refuses UPDATE and DELETE of a signed row in the database itself, whatever the application does', async () => {
      const id = DEMO.chen.sessionId;
      await expect(t.dataSource.query(`UPDATE therapy_sessions SET note = '{"freeText":"forged"}' WHERE id = $1`, [id])).rejects.toThrow(/signed note/);
      await expect(t.dataSource.query(`UPDATE therapy_sessions SET signed_at = NULL, signed_by = NULL WHERE id = $1`, [id])).rejects.toThrow(/signed note/);
      await expect(t.dataSource.query(`DELETE FROM therapy_sessions WHERE id = $1`, [id])).rejects.toThrow(/signed note/);
      const [row] = await t.dataSource.query(`SELECT note, note_hash FROM therapy_sessions WHERE id = $1`, [id]);
      expect(row.note_hash).toBe(sha256(row.note));
    });
  });

  describe('the audit trail', () => {
    it('refuses UPDATE, DELETE and TRUNCATE of audit events, even to the owner of the table', async () => {
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`);
      expect(n).toBeGreaterThan(0);
      await expect(t.dataSource.query(`UPDATE audit_events SET actor_id = NULL`)).rejects.toThrow(/append-only|permission denied/);
      await expect(t.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only|permission denied/);
      await expect(t.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only|permission denied/);
      const [{ n: after }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`);
      expect(after).toBeGreaterThanOrEqual(n);
    });

    it('grants UPDATE, DELETE and TRUNCATE on audit events to nobody, and a non-superuser role is refused by privilege and by trigger', async () => {
      const grants: Array<{ privilege_type: string }> = await t.dataSource.query(
        `SELECT (aclexplode(relacl)).privilege_type FROM pg_class WHERE relname = 'audit_events'`);
      expect(grants.map((g) => g.privilege_type)).not.toEqual(expect.arrayContaining(['UPDATE']));
      expect(grants.map((g) => g.privilege_type)).not.toEqual(expect.arrayContaining(['DELETE']));
      expect(grants.map((g) => g.privilege_type)).not.toEqual(expect.arrayContaining(['TRUNCATE']));

      // a role that is not a superuser, with what an application role needs: it may add and read, nothing else
      await t.dataSource.query(`DROP ROLE IF EXISTS attune_audit_probe`);
      await t.dataSource.query(`CREATE ROLE attune_audit_probe LOGIN PASSWORD 'probe-only-password'`);
      await t.dataSource.query(`GRANT INSERT, SELECT ON audit_events TO attune_audit_probe`);
      const url = new URL(t.database.url);
      url.username = 'attune_audit_probe';
      url.password = 'probe-only-password';
      const probe = new Client({ connectionString: url.toString() });
      await probe.connect();
      try {
        await probe.query(`INSERT INTO audit_events (action, entity) VALUES ('probe', 'audit-events')`);
        await expect(probe.query(`UPDATE audit_events SET action = 'changed'`)).rejects.toThrow(/permission denied/);
        await expect(probe.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
        await expect(probe.query(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied/);
        // even granted the privilege by mistake, the trigger still refuses
        await t.dataSource.query(`GRANT UPDATE, DELETE ON audit_events TO attune_audit_probe`);
        await expect(probe.query(`UPDATE audit_events SET action = 'changed'`)).rejects.toThrow(/append-only/);
        await expect(probe.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
      } finally {
        await probe.end();
        await t.dataSource.query(`REVOKE ALL ON audit_events FROM attune_audit_probe`);
        await t.dataSource.query(`DROP ROLE attune_audit_probe`);
      }
    });

    it('tells an admin who opened Chen Jing\'s record this month, with no clinical text in the trail', async () => {
      const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)).toISOString();
      expect((await therapist.req('get', `/api/cases/${DEMO.chen.caseId}`)).status).toBe(200);
      expect((await therapist.req('get', `/api/sessions/${DEMO.chen.sessionId}`)).status).toBe(200);
      expect((await admin.req('get', `/api/cases/${DEMO.chen.caseId}/progress`)).status).toBe(200);
      // someone who may not see it is refused, and leaves no "read"
      expect((await coach.req('get', `/api/cases/${DEMO.chen.caseId}`)).status).toBe(404);

      const filter = { caseId: DEMO.chen.caseId, action: 'read', at_gte: monthStart };
      const res = await admin.req('get', `/api/audit-events?filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent('[0,499]')}`);
      expect(res.status).toBe(200);
      const events = res.body as Array<{ actorId: string; action: string; entity: string; entityId: string; at: string; ip: string | null }>;
      const readers = new Set(events.map((e) => e.actorId));
      expect(readers).toContain(DEMO.users.therapist);
      expect(readers).not.toContain(DEMO.users.coach);
      expect(events.every((e) => e.action === 'read' && e.at >= monthStart)).toBe(true);
      expect(events.map((e) => e.entity)).toEqual(expect.arrayContaining(['cases', 'sessions']));
      expect(res.headers['content-range']).toMatch(new RegExp(`/${events.length}$`));
      // ids, actions and addresses only: no word of the notes or the presenting concern
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/thin ice|shopping|reassurance|abandoned/i);

      // and nobody but an admin may ask
      expect((await therapist.req('get', `/api/audit-events?filter=${encodeURIComponent(JSON.stringify(filter))}`)).status).toBe(403);
    });

    it('tells the admin that the therapist\'s unfiltered lists read Chen Jing\'s record, and a list that showed none of it did not', async () => {
      const listed: Record<string, string> = {};
      for (const resource of ['sessions', 'scale-scores', 'exceptions', 'assignments']) {
        const res = await therapist.req('get', `/api/${resource}?range=${encodeURIComponent('[0,499]')}`);
        expect(res.status).toBe(200);
        expect(res.body.some((row: { caseId: string }) => row.caseId === DEMO.chen.caseId)).toBe(true);
        listed[resource] = res.headers['x-correlation-id'] as string;
      }
      const nothing = await therapist.req('get', `/api/sessions?filter=${encodeURIComponent(JSON.stringify({ caseId: DEMO.chen.caseId, startsAt_gte: '2999-01-01' }))}`);
      expect(nothing.status).toBe(200);
      expect(nothing.body).toEqual([]);

      const filter = { caseId: DEMO.chen.caseId, actorId: DEMO.users.therapist, action: ['read', 'list'] };
      const res = await admin.req('get', `/api/audit-events?filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent('[0,499]')}`);
      const byRequest = new Map((res.body as Array<{ correlationId: string; entity: string }>).map((e) => [e.correlationId, e.entity]));
      for (const [resource, correlationId] of Object.entries(listed)) expect(byRequest.get(correlationId)).toBe(resource);
      expect(byRequest.has(nothing.headers['x-correlation-id'] as string)).toBe(false);
      expect(JSON.stringify(res.body)).not.toMatch(/thin ice|shopping|reassurance|abandoned/i);
    });

    it('shows the admin probing: refused attempts by who (or from where), on which resource, once a minute', async () => {
      for (let i = 0; i < 10; i++) expect((await coach.req('get', `/api/sessions/${DEMO.chen.sessionId}`)).status).toBe(404);
      const filter = { actorId: DEMO.users.coach, action: ['denied', 'not_found', 'xsrf_rejected', 'unauthenticated'] };
      const res = await admin.req('get', `/api/audit-events?filter=${encodeURIComponent(JSON.stringify(filter))}`);
      // the earlier refused read of Chen Jing's case in this file was the coach's first of the minute
      expect(res.body).toEqual([expect.objectContaining({ action: 'not_found', entity: 'cases', entityId: DEMO.chen.caseId })]);
    });
  });
});
