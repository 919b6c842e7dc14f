import type { NestExpressApplication } from '@nestjs/platform-express';
import ICAL from 'ical.js';
import { createApp } from '../../app-factory.js';
import { demoCaseId, demoClientId, seedDemoData } from '../../seed/demo-seed.js';
import { SmtpSink, tokenOf, type ReceivedMail } from '../../testing/smtp-sink.js';
import { createTestApp, TEST_PASSWORD, type SignedInClient, type TestApp } from '../../testing/test-app.js';
import { builtInExerciseId } from '../exercises/built-in-exercises.sync.js';
import { JobQueue } from '../jobs/job-queue.js';
import { AppointmentReminders } from '../scheduling/appointment-reminders.js';
import { HomeworkReminders } from './homework-reminders.js';
import { NotificationsService } from './notifications.service.js';
import { OutboxDelivery } from './outbox-delivery.js';
import { endOfQuietHours, isQuiet, localMinuteOf } from './quiet-hours.js';

const PUBLIC_URL = 'https://attune.example.test';
const NEW_PASSWORD = 'a quiet river in spring';
const TEN_ACTIONS = Array.from({ length: 10 }, (_, i) => `Small action ${i + 1}`);

describe('messages that reach people, over a real SMTP server', () => {
  const smtp = new SmtpSink();
  let t: TestApp;
  let admin: SignedInClient;
  let therapist: SignedInClient;

  const linkIn = (mail: ReceivedMail) => {
    const link = mail.links.find((l) => l.startsWith(PUBLIC_URL));
    if (!link) throw new Error(`no link to ${PUBLIC_URL} in "${mail.subject}"`);
    return link;
  };
  const outboxOf = async (address: string) => t.dataSource.query(
    `SELECT id, kind, state, attempts, last_answer, not_before FROM outbox_messages WHERE to_address = $1 ORDER BY created_at`, [address]) as Promise<Array<{
      id: string; kind: string; state: string; attempts: number; last_answer: string | null; not_before: Date }>>;
  const until = async (check: () => Promise<boolean>, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 150));
    }
  };

  beforeAll(async () => {
    await smtp.start(0);
    t = await createTestApp('notifications', {
      SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Attune <no-reply@attune.test>', JOB_POLLING_SECONDS: '0.5', MAIL_RETRY_SECONDS: '0.5',
    });
    await seedDemoData(t.dataSource, { password: TEST_PASSWORD });
    await t.app.get(JobQueue).start();
    admin = await t.signIn('admin@attune.test');
    therapist = await t.signIn('therapist@attune.test');
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  describe('invitations', () => {
    it('an admin invites a practitioner: no password in the answer, an e-mail with a one-time link; the person chooses a password and signs in', async () => {
      const res = await admin.post('/api/users', { email: 'wang.fang@attune.test', displayName: 'Dr. Wang Fang', role: 'practitioner' });
      expect(res.status).toBe(201);
      // the one field that names a password is the flag of an admin's "choose a new one"
      expect(JSON.stringify(res.body).replace('"passwordChangeRequired":false', '')).not.toMatch(/password/i);
      expect(res.body.invitationExpiresAt).toEqual(expect.any(String));
      const hours = (Date.parse(res.body.invitationExpiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(71.9);
      expect(hours).toBeLessThanOrEqual(72);

      const [mail] = await smtp.waitFor(() => smtp.to('wang.fang@attune.test').length === 1).then(() => smtp.to('wang.fang@attune.test'));
      const [practice] = await t.dataSource.query(`SELECT name FROM practices LIMIT 1`);
      expect(mail!.subject).toBe(`You are invited to ${practice.name}`);
      expect(mail!.text).toContain('Mei Lin has created an Attune account for you.');
      const link = linkIn(mail!);
      expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/#/activate\\?token=[A-Za-z0-9_-]{43}$`));
      const token = tokenOf(link);
      // only a hash is stored
      const stored = await t.dataSource.query(`SELECT token_hash FROM account_tokens WHERE user_id = $1`, [res.body.id]);
      expect(JSON.stringify(stored)).not.toContain(token);

      const weak = await t.http.post('/api/auth/activate').send({ token, password: 'password123' });
      expect(weak.status).toBe(400);
      expect(weak.body.errors.password).toMatch(/most commonly used/);
      expect((await t.http.post('/api/auth/activate').send({ token, password: NEW_PASSWORD })).status).toBe(204);
      await t.signIn('wang.fang@attune.test', NEW_PASSWORD);
      const again = await t.http.post('/api/auth/activate').send({ token, password: 'another good passphrase' });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('LINK_INVALID');
    });

    it('a resent invitation replaces the first link; a revoked one works no more', async () => {
      const res = await admin.post('/api/users', { email: 'li.na@attune.test', displayName: 'Li Na', role: 'practitioner', language: 'zh-CN' });
      await smtp.waitFor(() => smtp.to('li.na@attune.test').length === 1);
      expect(smtp.to('li.na@attune.test')[0]!.subject).toMatch(/^邀请您加入/);
      expect((await admin.post(`/api/users/${res.body.id}/invitation`)).status).toBe(200);
      await smtp.waitFor(() => smtp.to('li.na@attune.test').length === 2);
      const [first, second] = smtp.to('li.na@attune.test').map((m) => tokenOf(linkIn(m)));
      expect((await t.http.post('/api/auth/activate').send({ token: first, password: NEW_PASSWORD })).status).toBe(400);
      expect((await admin.delete(`/api/users/${res.body.id}/invitation`)).status).toBe(200);
      expect((await t.http.post('/api/auth/activate').send({ token: second, password: NEW_PASSWORD })).status).toBe(400);
      expect((await admin.delete(`/api/users/${res.body.id}/invitation`)).status).toBe(409);
    });

    it('a practitioner gives a client a portal account from the client\'s record; the client activates and sees their portal', async () => {
      const client = await therapist.post('/api/clients', { displayName: 'Sun Mei', email: 'sun.mei@attune.test', status: 'active' });
      expect(client.status).toBe(201);
      const res = await therapist.post(`/api/clients/${client.body.id}/portal-invitation`, {}).set('Idempotency-Key', 'portal-sun-mei');
      expect(res.status).toBe(201);
      const replay = await therapist.post(`/api/clients/${client.body.id}/portal-invitation`, {}).set('Idempotency-Key', 'portal-sun-mei');
      expect(replay.body).toEqual(res.body);
      await smtp.waitFor(() => smtp.to('sun.mei@attune.test').length >= 1);
      expect(smtp.to('sun.mei@attune.test')).toHaveLength(1);
      const token = tokenOf(linkIn(smtp.to('sun.mei@attune.test')[0]!));
      expect((await t.http.post('/api/auth/activate').send({ token, password: NEW_PASSWORD })).status).toBe(204);
      const sun = await t.signIn('sun.mei@attune.test', NEW_PASSWORD);
      expect((await sun.get('/api/auth/me')).body).toMatchObject({ role: 'client', clientId: client.body.id });
      expect((await sun.get('/api/me/assignments')).status).toBe(200);
      expect((await therapist.post(`/api/clients/${client.body.id}/portal-invitation`, {})).status).toBe(409);
    });

    it('another practitioner\'s client cannot be given a portal account (404)', async () => {
      const coach = await t.signIn('coach@attune.test');
      expect((await coach.post(`/api/clients/${demoClientId('liu')}/portal-invitation`, { email: 'x@attune.test' })).status).toBe(404);
    });
  });

  describe('forgotten passwords', () => {
    it('answers 202 alike for an unknown address and a known one; only the known one gets a link, which ends every session', async () => {
      const unknown = await t.http.post('/api/auth/password-reset').send({ email: 'nobody@attune.test' });
      const known = await t.http.post('/api/auth/password-reset').send({ email: 'Chen.Jing@attune.test' });
      expect([unknown.status, known.status]).toEqual([202, 202]);
      expect(unknown.body).toEqual(known.body);
      const signedIn = await t.signIn('chen.jing@attune.test');
      await smtp.waitFor(() => smtp.to('chen.jing@attune.test').some((m) => /reset/i.test(m.subject)));
      expect(smtp.to('nobody@attune.test')).toEqual([]);
      const link = linkIn(smtp.to('chen.jing@attune.test').find((m) => /reset/i.test(m.subject))!);
      expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/#/reset-password\\?token=`));
      const [row] = await t.dataSource.query(`SELECT expires_at - created_at AS valid FROM account_tokens WHERE purpose = 'password_reset' ORDER BY created_at DESC LIMIT 1`);
      expect(row.valid).toEqual({ hours: 1 });
      expect((await t.http.post('/api/auth/password-reset/confirm').send({ token: tokenOf(link), password: NEW_PASSWORD })).status).toBe(204);
      expect((await signedIn.get('/api/auth/me')).status).toBe(401);
      await t.signIn('chen.jing@attune.test', NEW_PASSWORD);
      expect((await t.http.post('/api/auth/password-reset/confirm').send({ token: tokenOf(link), password: 'yet another passphrase' })).status).toBe(400);
    });

    it('sends at most 3 links an hour per address', async () => {
      for (let i = 0; i < 5; i += 1) expect((await t.http.post('/api/auth/password-reset').send({ email: 'coach@attune.test' })).status).toBe(202);
      await smtp.waitFor(() => smtp.to('coach@attune.test').filter((m) => /reset/i.test(m.subject)).length >= 3);
      await new Promise((r) => setTimeout(r, 1500));
      expect(smtp.to('coach@attune.test').filter((m) => /reset/i.test(m.subject))).toHaveLength(3);
    });
  });

  describe('delivery', () => {
    it('a change rolled back sends nothing: no notification, no outbox row, no job, no mail', async () => {
      const notifications = t.app.get(NotificationsService);
      const jobsBefore = await t.dataSource.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'deliver-message'`);
      await expect(t.dataSource.transaction(async (manager) => {
        await notifications.notify(manager, { recipientUserId: therapist.userId, kind: 'alert_opened', link: '/#/', dedupeKey: 'rolled-back' });
        throw new Error('the change failed');
      })).rejects.toThrow('the change failed');
      expect(await t.dataSource.query(`SELECT id FROM notifications WHERE dedupe_key = 'rolled-back'`)).toEqual([]);
      expect(await t.dataSource.query(`SELECT id FROM outbox_messages WHERE dedupe_key = 'rolled-back'`)).toEqual([]);
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'deliver-message'`)).toEqual(jobsBefore);
    });

    it('with the SMTP server down the message waits as failed with the answer, and goes once when it is back', async () => {
      const port = smtp.port;
      await smtp.stop();
      const notifications = t.app.get(NotificationsService);
      await t.dataSource.transaction((manager) => notifications.notify(manager, { recipientUserId: therapist.userId, kind: 'alert_opened', link: '/#/', dedupeKey: 'smtp-down' }));
      const [message] = await t.dataSource.query(`SELECT id FROM outbox_messages WHERE dedupe_key = 'smtp-down'`);
      await until(async () => (await t.dataSource.query(`SELECT attempts FROM outbox_messages WHERE id = $1`, [message.id]))[0].attempts >= 2);
      const [failed] = await t.dataSource.query(`SELECT state, last_answer FROM outbox_messages WHERE id = $1`, [message.id]);
      expect(failed).toEqual({ state: 'failed', last_answer: expect.stringMatching(/ECONNREFUSED/) });
      await smtp.start(port);
      await until(async () => (await t.dataSource.query(`SELECT state FROM outbox_messages WHERE id = $1`, [message.id]))[0].state === 'sent', 30_000);
      // any job still queued for it, and a sweep, find it sent
      await t.app.get(OutboxDelivery).sweep();
      expect(await t.app.get(OutboxDelivery).deliver(message.id)).toBe('nothing_to_do');
      await new Promise((r) => setTimeout(r, 1500));
      expect(smtp.received.filter((m) => m.messageId === `<${message.id}@attune>`)).toHaveLength(1);
    });

    it('a server that refuses keeps the message failed with its answer, then given up after 6 tries, shown in the admin\'s outbox', async () => {
      smtp.refuse = true;
      try {
        const notifications = t.app.get(NotificationsService);
        await t.dataSource.transaction((manager) => notifications.notify(manager, { recipientUserId: therapist.userId, kind: 'alert_opened', link: '/#/', dedupeKey: 'refused' }));
        const [message] = await t.dataSource.query(`SELECT id FROM outbox_messages WHERE dedupe_key = 'refused'`);
        // the back-off doubles from 0.5 s; speed up the last waits
        await until(async () => {
          await t.owner.query(`UPDATE outbox_messages SET not_before = now() WHERE id = $1 AND state = 'failed'`, [message.id]);
          await t.app.get(OutboxDelivery).deliver(message.id);
          return (await t.dataSource.query(`SELECT state FROM outbox_messages WHERE id = $1`, [message.id]))[0].state === 'given_up';
        }, 30_000);
        const outbox = await admin.get('/api/outbox');
        const shown = outbox.body.find((m: { id: string }) => m.id === message.id);
        expect(shown).toMatchObject({ state: 'given_up', attempts: 6, lastAnswer: expect.stringMatching(/451/), to: 'therapist@attune.test' });
      } finally {
        smtp.refuse = false;
      }
    });

    it('the outbox is for admins only', async () => {
      expect((await therapist.get('/api/outbox')).status).toBe(403);
    });
  });

  describe('homework', () => {
    /** A zone where it is night at `now`, at least an hour before 08:00. */
    const nightZone = (now: Date) => Intl.supportedValuesOf('timeZone').find((z) => {
      const m = localMinuteOf(now, z);
      return isQuiet(m, { start: 21 * 60, end: 8 * 60 }) && (m >= 21 * 60 + 10 || m < 7 * 60);
    })!;
    /** Chen's zone and language, with quiet hours 21:00-08:00; answers Chen signed in. */
    const quietNightsFor = async (zone: string, language: 'en' | 'zh-CN') => {
      const chen = await t.signIn('chen.jing@attune.test', NEW_PASSWORD);
      expect((await chen.put('/api/me/notification-settings', { language, timeZone: zone, quietStart: '21:00', quietEnd: '08:00', emailOff: [], digest: true })).status).toBe(200);
      return chen;
    };

    it('the client is told of new homework, the practitioner of the submission, the client of the feedback; with in-app notifications and a bell count', async () => {
      const created = await therapist.post('/api/assignments', {
        caseId: demoCaseId('chen'), clientId: demoClientId('chen'), exerciseId: builtInExerciseId('action-menu'), dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), note: 'Private note for the portal only',
      });
      expect(created.status).toBe(201);
      await smtp.waitFor(() => smtp.to('chen.jing@attune.test').some((m) => /new homework/.test(m.subject)));
      const chen = await t.signIn('chen.jing@attune.test', NEW_PASSWORD);
      const mine = await chen.get('/api/me/notifications');
      expect(mine.body.unread).toBeGreaterThanOrEqual(1);
      const notice = mine.body.items.find((n: { kind: string }) => n.kind === 'homework_assigned');
      expect(notice).toMatchObject({ link: `/#/homework/${created.body.id}`, readAt: null });
      expect((await chen.post(`/api/me/notifications/${notice.id}/read`)).body.readAt).toEqual(expect.any(String));
      expect((await therapist.post(`/api/me/notifications/${notice.id}/read`)).status).toBe(404);

      expect((await chen.post(`/api/me/assignments/${created.body.id}/submit`, { response: { actions: TEN_ACTIONS } })).status).toBe(200);
      await smtp.waitFor(() => smtp.to('therapist@attune.test').some((m) => m.subject === 'Homework was submitted'));
      expect((await therapist.post(`/api/assignments/${created.body.id}/review`, { feedback: 'Lovely work on the mornings' })).status).toBeLessThan(300);
      await smtp.waitFor(() => smtp.to('chen.jing@attune.test').some((m) => /replied to your homework/.test(m.subject)));
    });

    it('reminds the day before in the client\'s zone, holding it through their quiet hours until morning, then once when overdue', async () => {
      const now = new Date();
      const zone = nightZone(now);
      await quietNightsFor(zone, 'zh-CN');
      // due at noon tomorrow, in the client's zone
      const tomorrowNoon = new Date(endOfQuietHours(now, { timeZone: zone, start: 21 * 60, end: 8 * 60 }).getTime() + (localMinuteOf(now, zone) >= 21 * 60 ? 4 : 28) * 3_600_000);
      const due = await therapist.post('/api/assignments', {
        caseId: demoCaseId('chen'), clientId: demoClientId('chen'), exerciseId: builtInExerciseId('action-menu'), dueAt: tomorrowNoon.toISOString(),
      });
      expect(due.status).toBe(201);
      const reminders = t.app.get(HomeworkReminders);
      await reminders.remind();
      await reminders.remind();
      const held = (await outboxOf('chen.jing@attune.test')).filter((m) => m.kind === 'homework_due_soon');
      expect(held).toHaveLength(1);
      expect(held[0]!.state).toBe('queued');
      expect(new Date(held[0]!.not_before).toISOString()).toBe(endOfQuietHours(now, { timeZone: zone, start: 21 * 60, end: 8 * 60 }).toISOString());
      await t.app.get(OutboxDelivery).sweep();
      expect(smtp.to('chen.jing@attune.test').some((m) => m.subject === '您的作业明天到期')).toBe(false);
      // morning comes in the client's zone
      await t.owner.query(`UPDATE outbox_messages SET not_before = now() WHERE id = $1`, [held[0]!.id]);
      await t.app.get(OutboxDelivery).sweep();
      await smtp.waitFor(() => smtp.to('chen.jing@attune.test').some((m) => m.subject === '您的作业明天到期'));

      // the due time passes: one overdue notice, however often the job runs
      await t.owner.query(`UPDATE assignments SET due_at = now() - interval '1 hour' WHERE id = $1`, [due.body.id]);
      await reminders.remind();
      await reminders.remind();
      const overdue = (await outboxOf('chen.jing@attune.test')).filter((m) => m.kind === 'homework_overdue');
      expect(overdue.filter((m) => m.state !== 'kept')).toHaveLength(1);
    });

    it('reminds of each check-in day of repeating homework once, in the client\'s zone and after their quiet hours, not when already checked in', async () => {
      const now = new Date();
      const zone = nightZone(now);
      const chen = await quietNightsFor(zone, 'en');
      const giveDaily = async () => {
        const res = await therapist.post('/api/assignments', {
          caseId: demoCaseId('chen'), clientId: demoClientId('chen'), exerciseId: builtInExerciseId('exception-log'), dueAt: new Date(now.getTime() + 6 * 86_400_000).toISOString(),
        });
        expect(res.status).toBe(201);
        // given two days ago: today, on any calendar, is one of its seven days
        await t.owner.query(`UPDATE assignments SET assigned_at = now() - interval '2 days' WHERE id = $1`, [res.body.id]);
        return res.body.id as string;
      };
      const open = await giveDaily();
      const done = await giveDaily();
      const [{ local_day: today }] = await t.dataSource.query(`SELECT to_char(now() AT TIME ZONE $1, 'YYYY-MM-DD') AS local_day`, [zone]);
      expect((await chen.post(`/api/me/assignments/${done}/check-ins`, { periodStart: today, response: { note: 'Already written today' } })).status).toBeLessThan(300);

      const reminders = t.app.get(HomeworkReminders);
      await reminders.remind();
      await reminders.remind();
      const noticesOf = (id: string) => t.dataSource.query(`SELECT kind FROM notifications WHERE link = $1 AND kind = 'homework_check_in'`, [`/#/homework/${id}`]);
      expect(await noticesOf(open)).toHaveLength(1);
      expect(await noticesOf(done)).toEqual([]);
      const [held] = await t.dataSource.query(`SELECT id, state, not_before, text_body FROM outbox_messages WHERE kind = 'homework_check_in' AND $1 = ANY(links)`, [`${PUBLIC_URL}/#/homework/${open}`]);
      expect(held.state).toBe('queued');
      expect(new Date(held.not_before).toISOString()).toBe(endOfQuietHours(now, { timeZone: zone, start: 21 * 60, end: 8 * 60 }).toISOString());
      expect(held.text_body).not.toMatch(/exception|problem|moment/i);
      await t.app.get(OutboxDelivery).sweep();
      expect(smtp.received.some((m) => m.messageId === `<${held.id}@attune>`)).toBe(false);
      // morning comes in the client's zone
      await t.owner.query(`UPDATE outbox_messages SET not_before = now() WHERE id = $1`, [held.id]);
      await t.app.get(OutboxDelivery).sweep();
      await smtp.waitFor(() => smtp.received.some((m) => m.messageId === `<${held.id}@attune>`));
      expect(smtp.received.find((m) => m.messageId === `<${held.id}@attune>`)!.subject).toBe('Today is a check-in day for your homework');
      await reminders.remind();
      expect(await noticesOf(open)).toHaveLength(1);
    });

    it('the overdue notice follows the practice setting: off sends none, on waits the chosen days after the due date', async () => {
      expect((await admin.get('/api/practice')).body).toMatchObject({ overdueNoticeEnabled: true, overdueNoticeAfterDays: 0 });
      const bad = await admin.put('/api/practice', { overdueNoticeAfterDays: 30 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toHaveProperty('overdueNoticeAfterDays');
      expect((await therapist.put('/api/practice', { overdueNoticeEnabled: false })).status).toBe(403);
      const given = await therapist.post('/api/assignments', {
        caseId: demoCaseId('chen'), clientId: demoClientId('chen'), exerciseId: builtInExerciseId('action-menu'), dueAt: new Date(Date.now() - 3_600_000).toISOString(), pastDueConfirmed: true,
      });
      expect(given.status).toBe(201);
      const overdueNotices = async () => (await t.dataSource.query(
        `SELECT 1 FROM notifications WHERE kind = 'homework_overdue' AND link = $1`, [`/#/homework/${given.body.id}`])).length;
      const reminders = t.app.get(HomeworkReminders);
      try {
        expect((await admin.put('/api/practice', { overdueNoticeEnabled: false })).body).toMatchObject({ overdueNoticeEnabled: false });
        await reminders.remind();
        expect(await overdueNotices()).toBe(0);
        expect((await admin.put('/api/practice', { overdueNoticeEnabled: true, overdueNoticeAfterDays: 2 })).body).toMatchObject({ overdueNoticeEnabled: true, overdueNoticeAfterDays: 2 });
        await reminders.remind();
        expect(await overdueNotices()).toBe(0);
        // two days later
        await t.owner.query(`UPDATE assignments SET due_at = now() - interval '2 days 1 hour' WHERE id = $1`, [given.body.id]);
        await reminders.remind();
        await reminders.remind();
        expect(await overdueNotices()).toBe(1);
      } finally {
        await admin.put('/api/practice', { overdueNoticeEnabled: true, overdueNoticeAfterDays: 0 });
      }
    });

    it('two API instances on one database send each reminder once', async () => {
      // no quiet hours for Liu Jia, so the overdue notice is not held whatever time of day the test runs
      const liu = await t.signIn('liu.jia@attune.test');
      const { saved: _saved, ...settings } = (await liu.get('/api/me/notification-settings')).body;
      expect((await liu.put('/api/me/notification-settings', { ...settings, quietStart: '00:00', quietEnd: '00:00' })).status).toBe(200);
      const given = await therapist.post('/api/assignments', {
        caseId: demoCaseId('liu'), clientId: demoClientId('liu'), exerciseId: builtInExerciseId('action-menu'), dueAt: new Date(Date.now() - 3_600_000).toISOString(),
        pastDueConfirmed: true, // a due date in the past must be confirmed
      });
      expect(given.status).toBe(201);
      let second: NestExpressApplication | undefined;
      try {
        second = await createApp(t.config, (t.dataSource.options as { url: string }).url, { logger: false });
        await second.init();
        await second.get(JobQueue).start();
        await Promise.all([
          t.app.get(HomeworkReminders).remind(), second.get(HomeworkReminders).remind(),
          t.app.get(HomeworkReminders).remind(), second.get(HomeworkReminders).remind(),
        ]);
        await Promise.all([t.app.get(OutboxDelivery).sweep(), second.get(OutboxDelivery).sweep()]);
        const link = `/#/homework/${given.body.id}`;
        expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'homework_overdue' AND link = $1`, [link])).toEqual([{ n: 1 }]);
        const [message] = await t.dataSource.query(`SELECT id FROM outbox_messages WHERE kind = 'homework_overdue' AND $1 = ANY(links)`, [`${PUBLIC_URL}${link}`]);
        await smtp.waitFor(() => smtp.received.some((m) => m.messageId === `<${message.id}@attune>`));
        await new Promise((r) => setTimeout(r, 1500));
        expect(smtp.received.filter((m) => m.messageId === `<${message.id}@attune>`)).toHaveLength(1);
      } finally {
        await second?.close();
      }
    });
  });

  describe('appointments', () => {
    /** Chen Jing's sessions, booked by her practitioner at a given instant (outside working hours confirmed). */
    const bookChen = async (startsAt: string, more: Record<string, unknown> = {}) => {
      const res = await therapist.post('/api/sessions', {
        caseId: demoCaseId('chen'), startsAt, durationMinutes: 50, format: 'individual', attendeeIds: [demoClientId('chen')], stage: 6,
        meetingFormat: 'video', location: 'https://meet.example.test/wang-fang', outsideWorkingHours: true, ...more,
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; startsAt: string; seriesId: string | null };
    };
    /** The events of a mail's `.ics`, read by a second iCalendar library (ical.js), with the file's METHOD. */
    const eventsOf = (mail: ReceivedMail) => {
      const files = mail.attachments.filter((a) => a.filename === 'appointment.ics');
      expect(files.length).toBeGreaterThanOrEqual(1);
      const calendar = new ICAL.Component(ICAL.parse(files[0]!.content));
      const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      return {
        method: String(calendar.getFirstPropertyValue('method')),
        events: events.map((e) => ({ uid: e.uid, start: e.startDate.toJSDate().toISOString(), minutes: e.duration.toSeconds() / 60, summary: e.summary, location: e.location })),
      };
    };

    it('booking a series tells the client once, with every appointment in an .ics her calendar can import; the outbox shows the attachment', async () => {
      const chen = await t.signIn('chen.jing@attune.test', NEW_PASSWORD);
      expect((await chen.put('/api/me/notification-settings', { language: 'en', timeZone: 'Europe/London', quietStart: '00:00', quietEnd: '00:00', emailOff: [], digest: true })).status).toBe(200);
      const first = await bookChen('2027-06-07T08:00:00.000Z', { repeat: { frequency: 'weekly', count: 3 } });
      const subject = '3 sessions booked, the first on 2027-06-07 09:00';
      await smtp.waitFor(() => smtp.to('chen.jing@attune.test').some((m) => m.subject === subject));
      const mails = smtp.to('chen.jing@attune.test').filter((m) => m.subject === subject);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain('Dr. Wang Fang booked 3 sessions with you');
      const series: Array<{ id: string }> = await t.owner.query(`SELECT id FROM therapy_sessions WHERE series_id = $1 ORDER BY starts_at`, [first.seriesId]);
      const ics = eventsOf(mails[0]!);
      expect(ics.method).toBe('PUBLISH');
      expect(ics.events).toEqual(series.map((s, i) => ({
        uid: `${s.id}@attune`, start: new Date(Date.parse('2027-06-07T08:00:00.000Z') + i * 7 * 86_400_000).toISOString(), minutes: 50,
        summary: 'Session with Dr. Wang Fang', location: 'https://meet.example.test/wang-fang',
      })));
      expect(ics.events.map((e) => e.summary).join()).not.toContain('Chen');
      const outbox = await admin.get('/api/outbox');
      const row = (outbox.body as Array<{ subject: string; attachments: string[] }>).find((m) => m.subject === subject);
      expect(row?.attachments).toEqual(['appointment.ics']);
    });

    it('the client\'s reminder arrives over SMTP a day before her appointment (clock moved), in her zone, with no clinical words', async () => {
      const chen = await t.signIn('chen.jing@attune.test', NEW_PASSWORD);
      expect((await chen.put('/api/me/notification-settings', { language: 'en', timeZone: 'Europe/London', quietStart: '00:00', quietEnd: '00:00', emailOff: [], digest: true })).status).toBe(200);
      const booked = await bookChen('2027-05-12T02:00:00.000Z');
      const dayBefore = new Date(Date.parse(booked.startsAt) - 23 * 3_600_000);
      await t.app.get(AppointmentReminders).sendDue(dayBefore);
      // 02:00 UTC is 03:00 in London in May (summer time)
      const subject = 'Reminder: your session on 2027-05-12 03:00';
      await smtp.waitFor(() => smtp.to('chen.jing@attune.test').some((m) => m.subject === subject));
      const mails = smtp.to('chen.jing@attune.test').filter((m) => m.subject === subject);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain('Dr. Wang Fang');
      for (const clinical of ['between two fears', 'meet.example.test', 'Chen Jing']) expect(mails[0]!.text).not.toContain(clinical);
      // the appointment as it stands, for her own calendar: the same event (UID) as the booking's file
      expect(eventsOf(mails[0]!).events).toEqual([{
        uid: `${booked.id}@attune`, start: '2027-05-12T02:00:00.000Z', minutes: 50, summary: 'Session with Dr. Wang Fang', location: 'https://meet.example.test/wang-fang',
      }]);
      // the same hour again sends nothing more
      await t.app.get(AppointmentReminders).sendDue(dayBefore);
      await new Promise((r) => setTimeout(r, 1500));
      expect(smtp.to('chen.jing@attune.test').filter((m) => m.subject === subject)).toHaveLength(1);
    });

    it('the practitioner\'s morning digest lists the day\'s appointments by time, once, and names no client', async () => {
      expect((await therapist.put('/api/me/notification-settings', { language: 'en', timeZone: 'Asia/Shanghai', quietStart: '21:00', quietEnd: '08:00', emailOff: [], digest: true })).status).toBe(200);
      // 10:00 and 15:00 in Shanghai on 10 May 2027, and one the day after, which is not that morning's
      await bookChen('2027-05-10T07:00:00.000Z');
      await bookChen('2027-05-10T02:00:00.000Z');
      await bookChen('2027-05-11T02:00:00.000Z');
      const morning = new Date('2027-05-10T00:10:00.000Z'); // 08:10 in Shanghai, the end of her quiet hours
      const digests = t.app.get(HomeworkReminders);
      expect(await digests.digest(new Date('2027-05-09T23:10:00.000Z'))).toBe(0); // 07:10: still quiet hours
      expect(await digests.digest(morning)).toBeGreaterThanOrEqual(1);
      // read from the outbox: its delivery waits for the end of her quiet hours on the real clock, which the test does not move
      const digests_: Array<{ subject: string; text_body: string }> = await t.owner.query(
        `SELECT subject, text_body FROM outbox_messages WHERE kind = 'digest' AND to_address = 'therapist@attune.test' AND subject LIKE 'Today: 2 appointment(s)%'`);
      expect(digests_).toHaveLength(1);
      const digest = digests_[0]!;
      expect(digest.text_body).toContain('Your appointments today: 10:00, 15:00.');
      for (const clinical of ['between two fears', 'meet.example.test', 'Chen Jing']) expect(digest.text_body).not.toContain(clinical);
      expect(await digests.digest(new Date('2027-05-10T00:40:00.000Z'))).toBe(0); // once a day
    });
  });

  it('no mail of the whole file holds a demo client\'s name, a note, an answer, feedback or a client\'s words', async () => {
    const strings: Array<{ s: string }> = await t.owner.query(`
      SELECT display_name AS s FROM clients
      UNION SELECT context FROM case_exceptions UNION SELECT thoughts FROM case_exceptions WHERE thoughts IS NOT NULL
      UNION SELECT feedback FROM assignments WHERE feedback IS NOT NULL UNION SELECT note FROM assignments WHERE note IS NOT NULL
      UNION SELECT value FROM therapy_sessions, jsonb_each_text(note)
      UNION SELECT value FROM assignments, jsonb_array_elements_text(CASE WHEN jsonb_typeof(response->'actions') = 'array' THEN response->'actions' ELSE '[]' END)`);
    const secrets = strings.map((r) => r.s).filter((s) => s && s.length >= 6);
    expect(secrets.length).toBeGreaterThan(10);
    expect(smtp.received.length).toBeGreaterThan(10);
    const leaks = smtp.received.flatMap((m) => secrets
      .filter((s) => `${m.subject}\n${m.text}\n${m.html}\n${m.attachments.map((a) => a.content).join('\n')}`.includes(s)).map((s) => `${m.subject}: ${s}`));
    expect(leaks).toEqual([]);
  });
});
