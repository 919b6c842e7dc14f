import ICAL from 'ical.js';
import { toZonedLocal } from '@attune/domain';
import { demoCaseId, demoClientId, demoUserId } from '../../seed/demo-seed.js';
import { createDemoTestApp, listUrl, type SignedInClient, type TestApp } from '../../testing/test-app.js';
import { seedDemoAppointments } from '../../seed/demo-appointments.js';
import { claimDueReminders } from '../jobs/appointment-reminders.job.js';
import { AppointmentReminders } from './appointment-reminders.js';

const CHEN = demoCaseId('chen');
const BERLIN = 'Europe/Berlin';
const THERAPIST = demoUserId('therapist');
/** Where people reach the app: the feed's URL is built from it, whatever Host the request named. */
const PUBLIC_URL = 'https://attune.example.test';

/** Thursday 18 March 2027, 17:00 in Berlin (winter time); the clocks go forward on Sunday 28 March. */
const SERIES_START = '2027-03-18T17:00';

/** The first event of a mail's `.ics`, read by a second library (ical.js), as a client's calendar app would. */
function mailedEvent(text: string | null) {
  const calendar = new ICAL.Component(ICAL.parse(text!));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return {
    method: calendar.getFirstPropertyValue('method'), uid: event.uid, start: event.startDate.toJSDate().toISOString(),
    sequence: event.sequence, status: event.component.getFirstPropertyValue('status'),
  };
}

describe('scheduling: appointments in the session model', () => {
  let t: TestApp;
  let therapist: SignedInClient;
  let coach: SignedInClient;
  let admin: SignedInClient;
  let client: SignedInClient;

  const chenBooking = (overrides: object = {}) => ({
    caseId: CHEN, durationMinutes: 50, format: 'individual', attendeeIds: [demoClientId('chen')], stage: 6,
    meetingFormat: 'video', location: 'https://meet.example.test/wang-fang', ...overrides,
  });
  const book = async (overrides: object = {}, status = 201) => {
    const res = await therapist.post('/api/sessions', chenBooking(overrides));
    expect(res.status).toBe(status);
    return res.body;
  };
  const local = (iso: string) => toZonedLocal(new Date(iso), BERLIN).local;
  let series: Array<{ id: string; startsAt: string; version: number; seriesId: string }>;

  beforeAll(async () => {
    ({ t, therapist, coach, admin, client } = await createDemoTestApp('scheduling', { PUBLIC_URL }));
    const hours = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };
    expect((await therapist.put(`/api/scheduling-profiles/${THERAPIST}`, { timeZone: BERLIN, workingHours: hours })).status).toBe(200);
    expect((await client.put(`/api/scheduling-profiles/${client.userId}`, { timeZone: 'Asia/Shanghai' })).status).toBe(403);
  });
  afterAll(() => t.close());

  describe('booking', () => {
    it('books a weekly series for Chen Jing that keeps 17:00 in Berlin across the spring change of clocks', async () => {
      const first = await book({ localStartsAt: SERIES_START, repeat: { frequency: 'weekly', count: 4 } });
      expect(first).toMatchObject({ status: 'scheduled', meetingFormat: 'video', timeZone: BERLIN, durationMinutes: 50, caseTitle: expect.any(String) });
      expect(first.seriesId).toEqual(expect.any(String));
      const res = await therapist.get(listUrl('/api/sessions', {
        filter: { startsFrom: '2027-03-15T00:00:00Z', startsTo: '2027-04-12T00:00:00Z', practitionerId: THERAPIST }, sort: ['startsAt', 'ASC'], range: [0, 99],
      }));
      expect(res.status).toBe(200);
      series = res.body;
      expect(series.map((s) => local(s.startsAt))).toEqual(['2027-03-18T17:00', '2027-03-25T17:00', '2027-04-01T17:00', '2027-04-08T17:00']);
      // the UTC time moves by the hour the clocks do
      expect(series.map((s) => s.startsAt)).toEqual(['2027-03-18T16:00:00.000Z', '2027-03-25T16:00:00.000Z', '2027-04-01T15:00:00.000Z', '2027-04-08T15:00:00.000Z']);
      expect(new Set(series.map((s) => s.seriesId)).size).toBe(1);
      expect(res.body[0]).toMatchObject({ attendeeNames: ['Chen Jing (pseudonym)'], practitionerId: THERAPIST, endsAt: '2027-03-18T16:50:00.000Z' });
    });

    it('answers 400 naming the field: an end before the start, a length outside 5-480, a series without an end, a skipped local time', async () => {
      const field = async (body: object) => {
        const res = await therapist.post('/api/sessions', chenBooking(body));
        expect(res.status).toBe(400);
        return Object.keys(res.body.errors);
      };
      expect(await field({ startsAt: '2027-05-03T08:00:00Z', endsAt: '2027-05-03T07:00:00Z', durationMinutes: undefined })).toEqual(['endsAt']);
      expect(await field({ startsAt: '2027-05-03T08:00:00Z', durationMinutes: 4 })).toEqual(['durationMinutes']);
      expect(await field({ startsAt: '2027-05-03T08:00:00Z', durationMinutes: 481 })).toEqual(['durationMinutes']);
      expect(await field({ startsAt: '2027-05-03T08:00:00Z', repeat: { frequency: 'weekly' } })).toEqual(['repeat.until']);
      expect(await field({ localStartsAt: '2027-03-28T02:30', timeZone: BERLIN })).toEqual(['localStartsAt']);
      expect(await field({ localStartsAt: '2027-05-03T10:00', timeZone: 'Mars/Olympus' })).toEqual(['timeZone']);
      expect(await field({ startsAt: '2027-05-03T08:00:00Z', meetingFormat: 'carrier pigeon' })).toEqual(['meetingFormat']);
    });

    it('refuses a clash with 409 naming the clashing appointment, and books it over the clash with a reason', async () => {
      const clash = await book({ localStartsAt: '2027-03-25T17:30', durationMinutes: 30 }, 409);
      expect(clash).toMatchObject({ code: 'SCHEDULE_CONFLICT', errors: { conflictingSessionId: series[1]!.id } });
      expect(clash.message).toContain('2027-03-25T16:00:00.000Z');
      const forced = await book({ localStartsAt: '2027-03-25T17:30', durationMinutes: 30, conflictOverrideReason: 'Crisis call agreed with Chen Jing' });
      expect(forced).toMatchObject({ conflictOverrideReason: 'Crisis call agreed with Chen Jing', status: 'scheduled' });
      // back to back is no clash; another practitioner's hour is theirs
      await book({ localStartsAt: '2027-03-25T16:10', durationMinutes: 50 });
      const coachCase = demoCaseId('he');
      const coachRes = await coach.post('/api/sessions', {
        caseId: coachCase, localStartsAt: '2027-03-25T17:00', timeZone: BERLIN, durationMinutes: 50, format: 'individual', attendeeIds: [demoClientId('he')], stage: 2,
      });
      expect(coachRes.status).toBe(201);
    });

    it('asks first outside the working hours (409 OUTSIDE_WORKING_HOURS), and books once confirmed', async () => {
      const saturday = await book({ localStartsAt: '2027-05-08T10:00' }, 409);
      expect(saturday).toMatchObject({ code: 'OUTSIDE_WORKING_HOURS', errors: { outsideWorkingHours: expect.any(String) } });
      const confirmed = await book({ localStartsAt: '2027-05-08T10:00', outsideWorkingHours: true });
      expect(local(confirmed.startsAt)).toBe('2027-05-08T10:00');
    });

    it('books two at once for the same hour: one wins, the other is told of the clash', async () => {
      const [a, b] = await Promise.all([
        therapist.post('/api/sessions', chenBooking({ localStartsAt: '2027-06-01T10:00' })),
        therapist.post('/api/sessions', chenBooking({ localStartsAt: '2027-06-01T10:20' })),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
    });
  });

  describe('moving', () => {
    it('lets one of two moves of the same version win; the other gets 409 showing the new time', async () => {
      const target = series[2]!;
      const [a, b] = await Promise.all([
        therapist.post(`/api/sessions/${target.id}/move`, { localStartsAt: '2027-04-01T10:00', version: target.version }),
        admin.post(`/api/sessions/${target.id}/move`, { localStartsAt: '2027-04-01T11:00', version: target.version }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 409]);
      const [won, lost] = a.status === 200 ? [a, b] : [b, a];
      expect(lost.body.code).toBe('VERSION_CONFLICT');
      expect(lost.body.message).toContain(won.body.startsAt);
      series[2] = won.body;
    });

    it('moves and resizes one appointment, refusing a move into a clash', async () => {
      const target = series[3]!;
      const clash = await therapist.post(`/api/sessions/${target.id}/move`, { startsAt: series[2]!.startsAt, version: target.version });
      expect(clash.status).toBe(409);
      expect(clash.body.code).toBe('SCHEDULE_CONFLICT');
      const resized = await therapist.post(`/api/sessions/${target.id}/move`, { startsAt: target.startsAt, durationMinutes: 60, version: target.version });
      expect(resized.status).toBe(200);
      expect(resized.body).toMatchObject({ durationMinutes: 60, startsAt: target.startsAt, version: target.version + 1 });
      series[3] = resized.body;
    });

    it('moves "this and following": the later ones move by the same days to the same local time', async () => {
      const second = series[1]!;
      const res = await therapist.post(`/api/sessions/${second.id}/move`, { localStartsAt: '2027-03-26T12:00', version: second.version, scope: 'following' });
      expect(res.status).toBe(200);
      const after = await therapist.get(listUrl('/api/sessions', { filter: { seriesId: second.seriesId }, sort: ['startsAt', 'ASC'] }));
      expect(after.body.map((s: { startsAt: string }) => local(s.startsAt))).toEqual(['2027-03-18T17:00', '2027-03-26T12:00', '2027-04-02T12:00', '2027-04-09T12:00']);
      series = after.body;
    });
  });

  describe('states and the note', () => {
    it('cancels with who and why, late under the 24 h notice; without a reason 400', async () => {
      expect((await therapist.post(`/api/sessions/${series[3]!.id}/status`, { status: 'cancelled', cancelledBy: 'client' })).body.errors).toEqual({ reason: expect.any(String) });
      const early = await therapist.post(`/api/sessions/${series[3]!.id}/status`, { status: 'cancelled', cancelledBy: 'client', reason: 'Travelling' });
      expect(early.status).toBe(200);
      expect(early.body).toMatchObject({ status: 'cancelled', cancellation: { by: 'client', reason: 'Travelling', late: false } });
      const soon = await book({ startsAt: new Date(Date.now() + 2 * 3_600_000).toISOString(), outsideWorkingHours: true, conflictOverrideReason: 'test' });
      const late = await therapist.post(`/api/sessions/${soon.id}/status`, { status: 'cancelled', cancelledBy: 'practitioner', reason: 'Ill' });
      expect(late.body.cancellation).toMatchObject({ by: 'practitioner', late: true });
      // a cancelled appointment frees its time
      const over = await book({ startsAt: series[3]!.startsAt, durationMinutes: 30 });
      expect(over.status).toBe('scheduled');
    });

    it('marks a started appointment held and its note signed, then locked; not before it starts', async () => {
      expect((await therapist.post(`/api/sessions/${series[0]!.id}/status`, { status: 'held' })).status).toBe(409);
      const past = await book({ startsAt: new Date(Date.now() - 30 * 60_000).toISOString(), status: 'scheduled' });
      expect(past.status).toBe('scheduled');
      expect((await therapist.post(`/api/sessions/${past.id}/sign`, {})).body.code).toBe('INVALID_STATUS_TRANSITION');
      const held = await therapist.post(`/api/sessions/${past.id}/status`, { status: 'held' });
      expect(held.body.status).toBe('held');
      const note = await therapist.put(`/api/sessions/${past.id}`, { ...held.body, note: { betterSinceLast: 'Called her sister' } });
      expect(note.status).toBe(200);
      expect((await therapist.post(`/api/sessions/${past.id}/sign`, {})).status).toBe(200);
      expect((await therapist.post(`/api/sessions/${past.id}/status`, { status: 'scheduled' })).body.code).toBe('NOTE_SIGNED');
      expect((await therapist.post(`/api/sessions/${past.id}/move`, { startsAt: past.startsAt, durationMinutes: 60, version: 9 })).body.code).toBe('NOTE_SIGNED');
      expect((await therapist.post(`/api/sessions/${past.id}/addenda`, { text: 'She phoned afterwards' })).status).toBe(201);
    });

    it('keeps another practitioner\'s appointment out of reach (404) and the calendar out of a client\'s (403)', async () => {
      expect((await coach.post(`/api/sessions/${series[0]!.id}/move`, { startsAt: series[0]!.startsAt, version: 1 })).status).toBe(404);
      expect((await coach.get(listUrl('/api/sessions', { filter: { practitionerId: THERAPIST, startsFrom: '2027-03-15T00:00:00Z' } }))).body).toEqual([]);
      expect((await client.get(listUrl('/api/sessions', { filter: { startsFrom: '2027-03-15T00:00:00Z' } }))).status).toBe(403);
    });
  });

  describe('the client portal', () => {
    it('shows Chen Jing her upcoming sessions in her zone, with the practitioner\'s time beside it, and no clinical text', async () => {
      const res = await client.get('/api/me/sessions?timeZone=Asia%2FShanghai');
      expect(res.status).toBe(200);
      const first = res.body.find((s: { id: string }) => s.id === series[0]!.id);
      expect(first).toMatchObject({
        localStartsAt: '2027-03-19T00:00', timeZone: 'Asia/Shanghai', practitionerLocalStartsAt: '2027-03-18T17:00', practitionerTimeZone: BERLIN,
        meetingFormat: 'video', location: 'https://meet.example.test/wang-fang', practitionerName: 'Dr. Wang Fang', changeAllowed: true, changeNoticeHours: 24,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/caseTitle|note/);
      expect(res.body.some((s: { id: string }) => s.id === series[3]!.id)).toBe(false); // cancelled
      expect((await therapist.get('/api/me/sessions')).status).toBe(403);
    });

    it('takes her request to reschedule within the policy (once), which the practitioner sees; later than 24 h before: 409 with the policy', async () => {
      const first = series[0]!;
      const asked = await client.post(`/api/me/sessions/${first.id}/change-requests`, { kind: 'reschedule', message: 'Could we move to Friday?' }).set('Idempotency-Key', 'ask-1');
      expect(asked.status).toBe(201);
      const replay = await client.post(`/api/me/sessions/${first.id}/change-requests`, { kind: 'reschedule', message: 'Could we move to Friday?' }).set('Idempotency-Key', 'ask-1');
      expect(replay.body).toEqual(asked.body);
      expect((await client.post(`/api/me/sessions/${first.id}/change-requests`, { kind: 'cancel' })).status).toBe(409);
      const seen = await therapist.get(`/api/sessions/${first.id}`);
      expect(seen.body.changeRequests).toEqual([expect.objectContaining({ kind: 'reschedule', message: 'Could we move to Friday?', clientId: demoClientId('chen') })]);
      const waiting = await therapist.get(listUrl('/api/sessions', { filter: { changeRequested: true } }));
      expect(waiting.body.map((s: { id: string }) => s.id)).toEqual([first.id]);

      const soon = await book({ startsAt: new Date(Date.now() + 5 * 3_600_000).toISOString(), outsideWorkingHours: true, conflictOverrideReason: 'test' });
      const late = await client.post(`/api/me/sessions/${soon.id}/change-requests`, { kind: 'cancel' });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'OUTSIDE_CHANGE_POLICY', message: expect.stringContaining('24 hours before') });
      expect((await client.post(`/api/me/sessions/${first.id}/change-requests`, { kind: 'later' })).body.errors).toEqual({ kind: expect.any(String) });
    });

    it('answers 404 for a session she does not attend', async () => {
      const zhao = await therapist.post('/api/sessions', {
        caseId: demoCaseId('couple'), localStartsAt: '2027-07-05T10:00', durationMinutes: 50, format: 'joint',
        attendeeIds: [demoClientId('zhao'), demoClientId('zhou')], stage: 3,
      });
      expect(zhao.status).toBe(201);
      expect((await client.post(`/api/me/sessions/${zhao.body.id}/change-requests`, { kind: 'cancel' })).status).toBe(404);
    });
  });

  describe('answering a change request', () => {
    const decide = (sessionId: string, requestId: string, body: object) => therapist.post(`/api/sessions/${sessionId}/change-requests/${requestId}/decision`, body);
    const ask = async (sessionId: string, kind: 'cancel' | 'reschedule') => {
      const res = await client.post(`/api/me/sessions/${sessionId}/change-requests`, { kind });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };

    it('declines with a reason the client reads in the portal, once; the session stays', async () => {
      const first = series[0]!;
      const open = (await therapist.get(`/api/sessions/${first.id}`)).body;
      const requestId = open.changeRequests[0].id;
      const noReason = await decide(first.id, requestId, { decision: 'decline', version: open.version });
      expect(noReason.status).toBe(400);
      expect(Object.keys(noReason.body.errors)).toEqual(['reason']);
      expect((await coach.post(`/api/sessions/${first.id}/change-requests/${requestId}/decision`, { decision: 'decline', reason: 'x', version: open.version })).status).toBe(404);
      const declined = await decide(first.id, requestId, { decision: 'decline', reason: 'Friday is fully booked; Thursday stays', version: open.version });
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ startsAt: first.startsAt, status: 'scheduled', changeRequests: [] });
      expect((await decide(first.id, requestId, { decision: 'decline', reason: 'again', version: declined.body.version })).status).toBe(409);
      const mine = (await client.get('/api/me/sessions/change-requests')).body;
      expect(mine.find((r: { id: string }) => r.id === requestId)).toMatchObject({
        sessionId: first.id, kind: 'reschedule', outcome: 'declined', reason: 'Friday is fully booked; Thursday stays', status: 'scheduled',
      });
      expect((await client.get('/api/me/sessions')).body.find((s: { id: string }) => s.id === first.id).pendingRequest).toBeNull();
    });

    it('accepts a reschedule by moving to the new time and a cancellation by cancelling; the client sees both and is told, without the reason', async () => {
      const later = await book({ localStartsAt: '2027-05-06T10:00' });
      const rescheduleId = await ask(later.id, 'reschedule');
      const noTime = await decide(later.id, rescheduleId, { decision: 'accept', version: later.version });
      expect(noTime.status).toBe(400);
      expect(Object.keys(noTime.body.errors)).toEqual(['startsAt']);
      const moved = await decide(later.id, rescheduleId, { decision: 'accept', localStartsAt: '2027-05-07T10:00', version: later.version });
      expect(moved.status).toBe(200);
      expect(local(moved.body.startsAt)).toBe('2027-05-07T10:00');
      expect(moved.body.changeRequests).toEqual([]);

      const third = await book({ localStartsAt: '2027-05-13T10:00' });
      const cancelId = await ask(third.id, 'cancel');
      const cancelled = await decide(third.id, cancelId, { decision: 'accept', version: third.version });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellation: { by: 'client', late: false } });

      const mine = (await client.get('/api/me/sessions/change-requests')).body as Array<Record<string, unknown>>;
      const zone = mine[0]!['timeZone'] as string;
      expect(mine.find((r) => r['id'] === rescheduleId)).toMatchObject({
        outcome: 'accepted', kind: 'reschedule', status: 'scheduled',
        askedLocalStartsAt: toZonedLocal(new Date(later.startsAt), zone).local, localStartsAt: toZonedLocal(new Date(moved.body.startsAt), zone).local,
      });
      expect(mine.find((r) => r['id'] === cancelId)).toMatchObject({ outcome: 'accepted', kind: 'cancel', status: 'cancelled', reason: null });

      const mails: Array<{ kind: string; text_body: string; calendar_event: string | null }> = await t.dataSource.query(
        `SELECT kind, text_body, calendar_event FROM outbox_messages WHERE to_address = 'chen.jing@attune.test' AND kind LIKE 'change_request_%' ORDER BY created_at`);
      expect(mails.map((m) => m.kind)).toEqual(['change_request_declined', 'change_request_accepted', 'change_request_accepted']);
      // an accepted request carries the appointment as it now stands for her calendar: moved (PUBLISH) or taken out (CANCEL)
      expect(mails[0]!.calendar_event).toBeNull();
      expect(mailedEvent(mails[1]!.calendar_event)).toMatchObject({ method: 'PUBLISH', uid: `${later.id}@attune`, start: moved.body.startsAt, status: 'CONFIRMED' });
      expect(mailedEvent(mails[2]!.calendar_event)).toMatchObject({ method: 'CANCEL', uid: `${third.id}@attune`, start: third.startsAt, status: 'CANCELLED' });
      for (const m of mails) expect(m.text_body).not.toMatch(/Friday is fully booked|Chen Jing|between two fears/);
      expect(mails[1]!.text_body).toContain('Dr. Wang Fang');
      const bell = (await client.get('/api/me/notifications')).body.items.map((n: { kind: string }) => n.kind);
      expect(bell).toEqual(expect.arrayContaining(['change_request_declined', 'change_request_accepted']));
    });
  });

  describe('telling the client of the practitioner\'s own changes', () => {
    const mailsAbout = (sessionId: string): Promise<Array<{ kind: string; subject: string; text_body: string; calendar_event: string | null }>> => t.dataSource.query(
      `SELECT kind, subject, text_body, calendar_event FROM outbox_messages
        WHERE to_address = 'chen.jing@attune.test' AND kind IN ('appointment_moved', 'appointment_cancelled') AND dedupe_key LIKE $1 ORDER BY created_at`,
      [`%:${sessionId}:%`]);
    beforeAll(async () => {
      const { saved: _saved, ...settings } = (await client.get('/api/me/notification-settings')).body;
      expect((await client.put('/api/me/notification-settings', { ...settings, timeZone: 'Asia/Shanghai' })).status).toBe(200);
    });

    it('mails a move with both times on her clock and the moved event for her calendar; a cancellation takes it out', async () => {
      const booked = await book({ localStartsAt: '2027-06-03T10:00' });
      const moved = await therapist.post(`/api/sessions/${booked.id}/move`, { localStartsAt: '2027-06-03T14:00', version: booked.version });
      expect(moved.status).toBe(200);
      const [movedMail, ...others] = await mailsAbout(booked.id);
      expect(others).toEqual([]);
      expect(movedMail).toMatchObject({ kind: 'appointment_moved', subject: 'Session moved to 2027-06-03 20:00' });
      // 10:00 and 14:00 in Berlin (summer time) are 16:00 and 20:00 in Shanghai
      expect(movedMail!.text_body).toContain('Dr. Wang Fang moved your session of 2027-06-03 16:00 to 2027-06-03 20:00.');
      expect(mailedEvent(movedMail!.calendar_event)).toEqual({ method: 'PUBLISH', uid: `${booked.id}@attune`, start: moved.body.startsAt, sequence: moved.body.version, status: 'CONFIRMED' });
      // the form's path (PUT) moves it too; an edit that keeps the time tells nobody
      const kept = await therapist.put(`/api/sessions/${booked.id}`, { ...chenBooking(), startsAt: moved.body.startsAt, location: 'Room 2', meetingFormat: 'in_person', version: moved.body.version });
      expect(kept.status).toBe(200);
      expect(await mailsAbout(booked.id)).toHaveLength(1);

      const cancelled = await therapist.post(`/api/sessions/${booked.id}/status`, { status: 'cancelled', cancelledBy: 'practitioner', reason: 'Ill, between two fears' });
      expect(cancelled.status).toBe(200);
      const cancelMail = (await mailsAbout(booked.id))[1]!;
      expect(cancelMail).toMatchObject({ kind: 'appointment_cancelled', subject: 'Session cancelled: 2027-06-03 20:00' });
      expect(cancelMail.text_body).not.toContain('between two fears');
      expect(mailedEvent(cancelMail.calendar_event)).toMatchObject({ method: 'CANCEL', uid: `${booked.id}@attune`, status: 'CANCELLED', sequence: cancelled.body.version });
      const bell = (await client.get('/api/me/notifications')).body.items.map((n: { kind: string }) => n.kind);
      expect(bell).toEqual(expect.arrayContaining(['appointment_moved', 'appointment_cancelled']));
    });

    it('tells of a booked appointment deleted as a cancellation; one in the past or answered by her own request as nothing new', async () => {
      const booked = await book({ localStartsAt: '2027-06-10T10:00' });
      expect((await therapist.delete(`/api/sessions/${booked.id}`)).status).toBe(200);
      const [gone] = await mailsAbout(booked.id);
      expect(gone!.kind).toBe('appointment_cancelled');
      expect(mailedEvent(gone!.calendar_event)).toMatchObject({ method: 'CANCEL', uid: `${booked.id}@attune`, sequence: (booked.version as number) + 1 });

      const past = await book({ startsAt: new Date(Date.now() - 3 * 3_600_000).toISOString(), status: 'scheduled', outsideWorkingHours: true, conflictOverrideReason: 'test' });
      expect((await therapist.post(`/api/sessions/${past.id}/status`, { status: 'cancelled', cancelledBy: 'client', reason: 'Forgot' })).status).toBe(200);
      expect(await mailsAbout(past.id)).toEqual([]);

      const asked = await book({ localStartsAt: '2027-06-17T10:00' });
      const requestId = (await client.post(`/api/me/sessions/${asked.id}/change-requests`, { kind: 'reschedule' })).body.id;
      expect((await therapist.post(`/api/sessions/${asked.id}/change-requests/${requestId}/decision`, { decision: 'accept', localStartsAt: '2027-06-18T10:00', version: asked.version })).status).toBe(200);
      expect(await mailsAbout(asked.id)).toEqual([]);
    });
  });

  describe('the iCalendar feed', () => {
    it('serves text/calendar that a second library parses: stable UIDs, the moved times, cancellations, no client names; revocable', async () => {
      const created = await therapist.post('/api/me/calendar-feed', {}).set('Host', 'evil.example.test');
      expect(created.status).toBe(201);
      expect(created.body.url).toMatch(new RegExp(`^${PUBLIC_URL}/api/calendar-feeds/`));
      const path = new URL(created.body.url).pathname;
      expect(path).toMatch(/^\/api\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
      const feed = await t.http.get(path).buffer(true).parse((res, done) => { let text = ''; res.on('data', (c) => { text += c; }); res.on('end', () => done(null, text)); });
      expect(feed.status).toBe(200);
      expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
      const text = feed.body as string;
      expect(text).not.toMatch(/Chen|Jing|Zhao|Zhou/);
      const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const byUid = new Map(events.map((e) => [e.uid, e]));
      for (const s of series) expect(byUid.has(`${s.id}@attune`)).toBe(true);
      const moved = byUid.get(`${series[1]!.id}@attune`)!;
      expect(moved.startDate.toJSDate().toISOString()).toBe(series[1]!.startsAt);
      expect(local(moved.startDate.toJSDate().toISOString())).toBe('2027-03-26T12:00');
      const cancelled = byUid.get(`${series[3]!.id}@attune`)!;
      expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(Number(cancelled.component.getFirstPropertyValue('sequence'))).toBeGreaterThan(1);

      const withInitials = await therapist.post('/api/me/calendar-feed', { showInitials: true });
      expect((await t.http.get(path)).status).toBe(404); // the old URL is revoked by the new one
      const initialsText = (await t.http.get(new URL(withInitials.body.url).pathname).buffer(true).parse((res, done) => { let s = ''; res.on('data', (c) => { s += c; }); res.on('end', () => done(null, s)); })).body as string;
      expect(initialsText).toContain('Session (C.J.)');
      expect((await therapist.delete('/api/me/calendar-feed')).status).toBe(204);
      expect((await t.http.get(new URL(withInitials.body.url).pathname)).status).toBe(404);
      expect((await therapist.delete('/api/me/calendar-feed')).status).toBe(404);
      expect((await client.post('/api/me/calendar-feed', {})).status).toBe(403);
    });
  });

  describe('reminders', () => {
    it('selects each scheduled appointment once, 24 hours before, for the attending clients with a portal account', async () => {
      const at = new Date(series[0]!.startsAt);
      const dayBefore = new Date(at.getTime() - 24 * 3_600_000);
      const early = await t.dataSource.transaction((m) => claimDueReminders(m, new Date(dayBefore.getTime() - 60_000)));
      expect(early.map((r) => r.sessionId)).not.toContain(series[0]!.id);
      const due = await t.dataSource.transaction((m) => claimDueReminders(m, dayBefore));
      const mine = due.find((r) => r.sessionId === series[0]!.id);
      expect(mine).toMatchObject({ recipientUserIds: [demoUserId('chen')], practitionerId: THERAPIST, meetingFormat: 'video' });
      expect(Object.keys(mine!)).not.toContain('caseTitle');
      const again = await t.dataSource.transaction((m) => claimDueReminders(m, dayBefore));
      expect(again.map((r) => r.sessionId)).not.toContain(series[0]!.id);
      // a moved appointment is reminded of again at its new time
      const current = (await therapist.get(`/api/sessions/${series[0]!.id}`)).body;
      await therapist.post(`/api/sessions/${current.id}/move`, { localStartsAt: '2027-03-18T16:00', version: current.version });
      const afterMove = await t.dataSource.transaction((m) => claimDueReminders(m, dayBefore));
      expect(afterMove.map((r) => r.sessionId)).toContain(series[0]!.id);
    });
    it('tells the client by e-mail and in the portal, in her own zone, once, with no clinical words', async () => {
      const { saved: _saved, ...settings } = (await client.get('/api/me/notification-settings')).body;
      // no quiet hours, so the reminder is not held whatever time of day the test runs
      expect((await client.put('/api/me/notification-settings', { ...settings, timeZone: 'Asia/Shanghai', quietStart: '00:00', quietEnd: '00:00' })).status).toBe(200);
      const booked = await book({ localStartsAt: '2027-04-01T10:00' });
      const dayBefore = new Date(new Date(booked.startsAt).getTime() - 23 * 3_600_000);
      const reminders = t.app.get(AppointmentReminders);
      expect((await reminders.sendDue(dayBefore)).reminded).toBeGreaterThan(0);
      const sent = () => t.dataSource.query(
        `SELECT subject, text_body FROM outbox_messages WHERE kind = 'appointment_reminder' AND to_address = 'chen.jing@attune.test' AND dedupe_key LIKE $1`,
        [`appointment_reminder:${booked.id}:%`]) as Promise<Array<{ subject: string; text_body: string }>>;
      const [mail, ...more] = await sent();
      expect(more).toEqual([]);
      // 10:00 in Berlin (summer time from 28 March) is 16:00 in Shanghai
      expect(mail!.subject).toBe('Reminder: your session on 2027-04-01 16:00');
      expect(mail!.text_body).toContain('Dr. Wang Fang');
      for (const clinical of ['between two fears', 'meet.example.test', 'Chen Jing']) expect(mail!.text_body).not.toContain(clinical);
      const bell = await client.get('/api/me/notifications');
      expect(bell.body.items.map((n: { kind: string }) => n.kind)).toContain('appointment_reminder');
      await reminders.sendDue(dayBefore);
      expect(await sent()).toHaveLength(1);
    });
  });

  describe('the demo calendar', () => {
    it('gives the three cases their next appointments, Chen Jing a weekly series of six, once however often it loads', async () => {
      expect(await seedDemoAppointments(t.dataSource)).toBe(true);
      expect(await seedDemoAppointments(t.dataSource)).toBe(false);
      const next = await therapist.get(listUrl('/api/sessions', {
        filter: { startsFrom: new Date().toISOString(), startsTo: new Date(Date.now() + 8 * 86_400_000).toISOString(), status: 'scheduled' },
        sort: ['startsAt', 'ASC'], range: [0, 99],
      }));
      const cases = new Set(next.body.filter((s: { conflictOverrideReason: string | null }) => s.conflictOverrideReason === null).map((s: { caseId: string }) => s.caseId));
      expect(cases).toEqual(new Set([CHEN, demoCaseId('couple'), demoCaseId('liu')]));
      const chen = await therapist.get(listUrl('/api/sessions', { filter: { caseId: CHEN, status: 'scheduled', startsFrom: new Date().toISOString(), startsTo: '2027-02-28T00:00:00Z' }, sort: ['startsAt', 'ASC'] }));
      const weekly = chen.body.filter((s: { seriesId: string | null }) => s.seriesId !== null);
      expect(weekly).toHaveLength(6);
      expect(new Set(weekly.map((s: { seriesId: string }) => s.seriesId)).size).toBe(1);
      const gaps = weekly.slice(1).map((s: { startsAt: string }, i: number) => (Date.parse(s.startsAt) - Date.parse(weekly[i].startsAt)) / 86_400_000);
      expect(gaps).toEqual([7, 7, 7, 7, 7]);
    });
  });
});
