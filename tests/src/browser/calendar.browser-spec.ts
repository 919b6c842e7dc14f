import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { expectEventually, openBrowser, signIn, signInToDashboard, type Browser } from '../support/browser.js';
import { ApiSession, CASE_TITLE, CLIENT, PHONE, THERAPIST } from './portal-helpers.js';

const SHANGHAI = 'Asia/Shanghai';

interface Appointment { id: string; startsAt: string; seriesId: string | null; version: number; status: string; note: Record<string, string | null> }

/** The wall-clock time of an instant in a zone, `YYYY-MM-DDTHH:mm`. */
function wallClock(iso: string, zone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The Monday of the week after next, as YYYY-MM-DD in Shanghai (the demo practice's zone). */
function mondayAfterNext(): string {
  const today = wallClock(new Date().toISOString(), SHANGHAI).slice(0, 10);
  const d = new Date(`${today}T00:00:00Z`);
  const toMonday = (8 - d.getUTCDay()) % 7 || 7;
  d.setUTCDate(d.getUTCDate() + toMonday + 7);
  return d.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The calendar end to end, in Chromium against the built app on the demo data: the therapist (in
 * Shanghai) books a weekly series for Chen Jing, moves one by dragging and one with the form, is
 * refused a clash, marks an appointment held and writes its note; Chen Jing (in London, on her
 * phone) sees the next session in her own time and asks to reschedule; the iCalendar feed, read by
 * a second library, carries the series with the moved times; the practitioner accepts the request
 * and Chen Jing reads the answer in her portal; the views are axe-clean in both languages.
 */
describe('the calendar', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let therapist: ApiSession;
  const monday = mondayAfterNext();
  let series: Appointment[] = [];

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: 'calendar', timezoneId: SHANGHAI });
    page = browser.page;
    therapist = await ApiSession.signIn(server.url, THERAPIST);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const seriesNow = async () => {
    const list = await therapist.get<Appointment[]>('/api/sessions', {
      filter: { startsFrom: `${monday}T00:00:00+08:00`, startsTo: `${addDays(monday, 28)}T00:00:00+08:00` },
      sort: ['startsAt', 'ASC'], range: [0, 99],
    });
    return list.filter((s) => s.seriesId !== null);
  };
  /** An appointment's stored start, as wall-clock time in Shanghai. */
  const startOf = async (a: Appointment) => wallClock((await therapist.get<Appointment>(`/api/sessions/${a.id}`)).startsAt, SHANGHAI);
  const notice = (text: string | RegExp) => page.getByText(text).first().waitFor();
  const entry = (time: string) => page.locator('.fc-timegrid-event', { hasText: CASE_TITLE.chen }).filter({ hasText: time }).first();
  const expectAxeClean = async () => expect(await seriousAccessibilityProblems(page)).toEqual([]);

  async function chooseOption(label: string, option: string): Promise<void> {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).click();
  }

  it('books a weekly series of four for Chen Jing from the calendar', async () => {
    await signInToDashboard(page, server.url, THERAPIST);
    await page.getByRole('menuitem', { name: 'Calendar' }).click();
    await page.locator('.fc-timeGridWeek-view').waitFor();
    await expectAxeClean();

    await page.getByRole('button', { name: 'New appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await chooseOption('Case', CASE_TITLE.chen);
    await dialog.getByLabel('Starts (your time)').fill(`${monday}T15:00`);
    await dialog.getByLabel('Length in minutes').fill('50');
    await chooseOption('How', 'Video');
    await dialog.getByLabel('Place, video link or phone number').fill('https://meet.example.org/harbour-light/wang-fang');
    await chooseOption('Repeat', 'Weekly');
    await dialog.getByLabel('Number of appointments').fill('4');
    await dialog.getByRole('button', { name: 'Book' }).click();
    await notice('Appointment booked');

    series = (await seriesNow()).filter((s) => wallClock(s.startsAt, SHANGHAI).endsWith('T15:00'));
    expect(series.map((s) => wallClock(s.startsAt, SHANGHAI))).toEqual([0, 7, 14, 21].map((d) => `${addDays(monday, d)}T15:00`));
    expect(new Set(series.map((s) => s.seriesId)).size).toBe(1);
  });

  it('moves the first one an hour later by dragging it', async () => {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    const first = entry('15:00');
    await first.waitFor();
    await page.locator('td.fc-timegrid-slot-lane[data-time="16:30:00"]').scrollIntoViewIfNeeded();
    const from = (await page.locator('td.fc-timegrid-slot-lane[data-time="15:00:00"]').boundingBox())!;
    const to = (await page.locator('td.fc-timegrid-slot-lane[data-time="16:00:00"]').boundingBox())!;
    const box = (await first.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 8);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 8 + (to.y - from.y) / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2, box.y + 8 + (to.y - from.y), { steps: 5 });
    await page.mouse.up();
    await notice('Appointment moved');
    await expectEventually(async () => startOf(series[0]!), `${monday}T16:00`);
  });

  it('moves the second one with the keyboard, through the appointment form', async () => {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await entry('15:00').click();
    const dialog = page.getByRole('dialog', { name: CASE_TITLE.chen });
    const start = dialog.getByLabel('Starts (your time)');
    await start.focus();
    await start.fill(`${addDays(monday, 8)}T17:00`);
    await page.keyboard.press('Tab');
    await dialog.getByRole('button', { name: 'Move', exact: true }).focus();
    await page.keyboard.press('Enter');
    // The drag's "Appointment moved" may still be on screen: the stored time is what tells.
    await expectEventually(async () => startOf(series[1]!), `${addDays(monday, 8)}T17:00`);
  });

  it('refuses a booking that clashes, naming the appointment it clashes with', async () => {
    await page.getByRole('button', { name: 'New appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await chooseOption('Case', CASE_TITLE.chen);
    await dialog.getByLabel('Starts (your time)').fill(`${addDays(monday, 8)}T17:20`);
    await dialog.getByLabel('Length in minutes').fill('30');
    await dialog.getByRole('button', { name: 'Book' }).click();
    const refused = page.getByRole('dialog', { name: 'Book it anyway' });
    await refused.getByText(/clashes with "Chen Jing: between two fears"/).waitFor();
    // booking over a clash needs a reason: the button waits for one
    expect(await refused.getByRole('button', { name: 'Book it anyway' }).isDisabled()).toBe(true);
    await refused.getByRole('button', { name: 'Close' }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const week = await therapist.get<Appointment[]>('/api/sessions', {
      filter: { startsFrom: `${addDays(monday, 8)}T00:00:00+08:00`, startsTo: `${addDays(monday, 9)}T00:00:00+08:00` }, range: [0, 99],
    });
    expect(week.map((s) => wallClock(s.startsAt, SHANGHAI)).filter((t) => t.endsWith('17:20'))).toEqual([]);
  });

  it('marks a started appointment held and writes its note from the calendar', async () => {
    const [chen] = await therapist.get<Array<{ id: string; clientIds: string[]; stage: number }>>('/api/cases', { filter: { q: 'Chen Jing' } });
    const started = await therapist.post<Appointment>('/api/sessions', {
      caseId: chen!.id, startsAt: new Date(Date.now() - 20 * 60_000).toISOString(), durationMinutes: 50, format: 'individual',
      attendeeIds: chen!.clientIds, stage: chen!.stage, status: 'scheduled', meetingFormat: 'in_person', outsideWorkingHours: true, conflictOverrideReason: 'Extra session today',
    });
    await page.getByRole('button', { name: 'Today' }).click();
    await page.reload();
    await page.locator('.fc-timeGridWeek-view').waitFor();
    await page.locator('.fc-timegrid-event', { hasText: CASE_TITLE.chen }).filter({ hasText: 'Scheduled' }).filter({ hasText: 'In person' }).first().click();
    const dialog = page.getByRole('dialog', { name: CASE_TITLE.chen });
    await dialog.getByRole('button', { name: 'Mark held' }).click();
    await notice('Appointment updated');
    await page.getByRole('dialog', { name: CASE_TITLE.chen }).getByRole('button', { name: 'Write the session note' }).click();
    await page.getByRole('textbox', { name: 'Better since last time' }).fill('Called her sister before the weekend, as planned');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectEventually(async () => (await therapist.get<Appointment>(`/api/sessions/${started.id}`)).note['betterSinceLast'], 'Called her sister before the weekend, as planned');
    expect((await therapist.get<Appointment>(`/api/sessions/${started.id}`)).status).toBe('held');
  });

  it('is axe-clean in the day, month and agenda views, in English and in Chinese', async () => {
    await page.getByRole('menuitem', { name: 'Calendar' }).click();
    await page.locator('.fc-timeGridWeek-view').waitFor();
    for (const [button, view] of [['Day', '.fc-timeGridDay-view'], ['Month', '.fc-dayGridMonth-view'], ['Agenda', '.fc-listWeek-view']] as const) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.locator(view).waitFor();
      await expectAxeClean();
    }
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('button', { name: '新预约' }).waitFor();
    for (const [button, view] of [['周', '.fc-timeGridWeek-view'], ['月', '.fc-dayGridMonth-view'], ['列表', '.fc-listWeek-view']] as const) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.locator(view).waitFor();
      await expectAxeClean();
    }
    await page.getByRole('banner').getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
  });

  it("shows Chen Jing, on her phone in London, the next session in her own time, and takes her request to reschedule", async () => {
    const phone = await openBrowser({ ...PHONE, name: 'calendar-client', timezoneId: 'Europe/London' });
    try {
      await signIn(phone.page, server.url, CLIENT.chen);
      await phone.page.getByRole('link', { name: 'Sessions' }).click();
      await phone.page.getByRole('heading', { name: 'My upcoming sessions' }).waitFor();
      const third = series[2]!;
      // 15:00 in Shanghai is 07:00 in London (winter time)
      expect(wallClock(third.startsAt, 'Europe/London')).toBe(`${addDays(monday, 14)}T07:00`);
      const card = phone.page.getByRole('listitem').filter({ hasText: 'Your time (Europe/London)' }).filter({ hasText: '07:00' }).filter({ hasText: "Your practitioner's time (Asia/Shanghai)" }).first();
      await card.waitFor();
      expect(await seriousAccessibilityProblems(phone.page)).toEqual([]);
      await card.getByRole('button', { name: 'Ask to reschedule' }).click();
      await card.getByLabel('Message to your practitioner (optional)').fill('Could we meet an hour later?');
      await card.getByRole('button', { name: 'Send request' }).click();
      await card.getByText('You asked to reschedule').waitFor();
      const requested = await therapist.get<Appointment[]>('/api/sessions', { filter: { changeRequested: true } });
      expect(requested.length).toBeGreaterThan(0);
    } finally {
      await phone.close();
    }
  });

  it("accepts Chen Jing's request from the appointment, moving it an hour later; she reads the answer in her portal", async () => {
    await page.reload();
    await page.locator('.fc-timeGridWeek-view').waitFor();
    // the third session is four weeks ahead of this one
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Next', exact: true }).click();
    await entry('15:00').click();
    const dialog = page.getByRole('dialog', { name: CASE_TITLE.chen });
    await dialog.getByText('The client asked to reschedule: Could we meet an hour later?').first().waitFor();
    await dialog.getByLabel('Starts (your time)').fill(`${addDays(monday, 14)}T16:00`);
    await dialog.getByRole('button', { name: 'Move as asked' }).click();
    await notice('The request was accepted; the client is told.');
    await expectEventually(async () => startOf(series[2]!), `${addDays(monday, 14)}T16:00`);
    expect(await therapist.get<Appointment[]>('/api/sessions', { filter: { changeRequested: true } })).toEqual([]);

    const phone = await openBrowser({ ...PHONE, name: 'calendar-answer', timezoneId: 'Europe/London' });
    try {
      await signIn(phone.page, server.url, CLIENT.chen);
      await phone.page.getByRole('link', { name: 'Sessions' }).click();
      const answers = phone.page.getByRole('region', { name: 'Answers to your requests' });
      // 16:00 in Shanghai is 08:00 in London; the request was about 07:00
      const answer = answers.getByRole('listitem').filter({ hasText: 'was accepted: it now takes place on' });
      await answer.filter({ hasText: '08:00' }).filter({ hasText: '07:00' }).waitFor();
      expect(await seriousAccessibilityProblems(phone.page)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('gives a feed that a second iCalendar library reads: the series with its moved occurrences', async () => {
    const { url } = await therapist.post<{ url: string }>('/api/me/calendar-feed', {});
    const res = await fetch(`${server.url}${new URL(url).pathname}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await res.text();
    expect(text).not.toContain('Chen Jing');
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const starts = new Map(events.map((e) => [e.uid, wallClock(e.startDate.toJSDate().toISOString(), SHANGHAI)]));
    expect(series.map((s) => starts.get(`${s.id}@attune`))).toEqual([
      `${monday}T16:00`, `${addDays(monday, 8)}T17:00`, `${addDays(monday, 14)}T16:00`, `${addDays(monday, 21)}T15:00`,
    ]);
  });
});
