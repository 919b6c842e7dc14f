import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { expectEventually, openBrowser, signInToDashboard, type Browser } from '../support/browser.js';
import { ApiSession, CASE_TITLE, demoDirectory, THERAPIST } from './portal-helpers.js';

interface Session { id: string; startsAt: string; version: number }

/**
 * What is heard in a session goes into the case once, from the session's page: a rating dated at
 * the session and linked to it, an exception starting from the note's "Exceptions heard". A
 * session's time stays within its case in the form as in the API.
 */
describe('recording from inside the session note', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let therapist: ApiSession;
  let chenCase = '';
  let chenClient = '';
  let session: Session;
  const heard = 'Walked to the market alone; the Fear stayed quiet for an hour';

  beforeAll(async () => {
    server = await startAppServer();
    therapist = await ApiSession.signIn(server.url, THERAPIST);
    const directory = await demoDirectory(therapist);
    chenCase = directory.caseId(CASE_TITLE.chen);
    chenClient = directory.clientId('Chen Jing (pseudonym)');
    session = await therapist.post<Session>('/api/sessions', {
      caseId: chenCase, startsAt: new Date(Date.now() - 2 * 3_600_000).toISOString(), durationMinutes: 50, format: 'individual',
      attendeeIds: [chenClient], stage: 6, note: { exceptionsHeard: heard },
    });
    browser = await openBrowser({ name: 'session-entries' });
    page = browser.page;
    await signInToDashboard(page, server.url, THERAPIST);
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('records a rating from the session page, dated at the session and linked to it', async () => {
    await page.goto(`${server.url}/#/sessions/${session.id}/show`);
    const recorded = page.getByRole('region', { name: 'Recorded in this session' });
    await recorded.getByText('No rating recorded in this session yet', { exact: false }).waitFor();
    await recorded.getByRole('button', { name: 'Record a rating' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a rating' });
    await dialog.getByRole('combobox', { name: /Rating \(1-10\)/ }).click();
    await page.getByRole('option', { name: '7', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'What keeps you from being lower?' }).fill('The walks she kept up');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await recorded.getByText('Chen Jing (pseudonym): 7', { exact: false }).waitFor();

    const linked = await therapist.get<Array<{ score: number; recordedAt: string; keepsFromLower: string }>>('/api/scale-scores', { filter: { sessionId: session.id } });
    expect(linked).toEqual([expect.objectContaining({ score: 7, recordedAt: session.startsAt, keepsFromLower: 'The walks she kept up' })]);
  });

  it('logs an exception from the session page, starting from what the note heard', async () => {
    const recorded = page.getByRole('region', { name: 'Recorded in this session' });
    await recorded.getByRole('button', { name: 'Log an exception' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log an exception' });
    const context = dialog.getByRole('textbox', { name: /What was different/ });
    expect(await context.inputValue()).toBe(heard);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Exception logged').waitFor();

    const logged = await therapist.get<Array<{ context: string; occurredAt: string }>>('/api/exceptions', { filter: { caseId: chenCase }, sort: ['occurredAt', 'DESC'], range: [0, 49] });
    expect(logged.filter((e) => e.context === heard)).toEqual([expect.objectContaining({ occurredAt: session.startsAt })]);
  });

  it("refuses a session time before the case opened in the form, naming the opening day, and keeps the session's time", async () => {
    const opened = (await therapist.get<{ openedAt: string }>(`/api/cases/${chenCase}`)).openedAt.slice(0, 10);
    await page.goto(`${server.url}/#/sessions/${session.id}`);
    const when = page.getByLabel('Date and time');
    await when.waitFor();
    await when.fill('2020-01-06T10:00');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`Must not be before the case opened (${opened})`, { exact: true }).waitFor();
    await expectEventually(async () => (await therapist.get<Session>(`/api/sessions/${session.id}`)).startsAt, session.startsAt);
  });
});
