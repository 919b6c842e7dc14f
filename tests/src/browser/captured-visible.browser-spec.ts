import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, signInToDashboard, type Browser } from '../support/browser.js';
import { ApiSession, CASE_TITLE, CLIENT, demoDirectory, pageScrollWidth, PHONE, portalNavLink, signInToPortal, THERAPIST } from './portal-helpers.js';

/**
 * What clients and the therapist captured is readable where the work happens: a rating's
 * follow-ups beside it, an exception opened in full with its deep description, the notes of a
 * daily homework's check-ins, and, in the portal, the client's own good moments and where they are
 * in the six stages. In English and in Simplified Chinese, axe-clean.
 */
describe('captured and visible', () => {
  let server: AppServer;
  let desk: Browser;
  let phone: Browser;
  let page: Page;
  let chenCase = '';
  let liuCase = '';

  const keepsFromLower = 'Friends to call, and I know the panic passes';
  const onePointHigher = 'An evening apart would be just an evening';
  const moment = 'Tea on the balcony, phones inside';

  beforeAll(async () => {
    server = await startAppServer();
    const therapist = await ApiSession.signIn(server.url, THERAPIST);
    const directory = await demoDirectory(therapist);
    chenCase = directory.caseId(CASE_TITLE.chen);
    liuCase = directory.caseId(CASE_TITLE.liu);
    // Chen Jing rates herself with both follow-ups and logs a moment, as she would in the portal.
    const chen = await ApiSession.signIn(server.url, CLIENT.chen);
    expect((await chen.call('POST', '/api/me/scale-scores', { score: 7, keepsFromLower, onePointHigher })).status).toBe(201);
    expect((await chen.call('POST', '/api/me/exceptions', { occurredAt: new Date(Date.now() - 3_600_000).toISOString(), context: moment, tags: ['shared activity'] })).status).toBe(201);
    desk = await openBrowser({ name: 'captured-visible' });
    page = desk.page;
  });
  afterAll(async () => {
    await desk?.close();
    await phone?.close();
    await server?.stop();
  });

  const workspace = (caseId: string, tab = '') => `${server.url}/#/cases/${caseId}/show${tab}`;

  it('shows a client\'s rating with what keeps it from being lower and what one point higher looks like', async () => {
    await signInToDashboard(page, server.url, THERAPIST);
    await page.goto(workspace(chenCase));
    const ratings = page.getByRole('region', { name: 'Ratings' });
    const row = ratings.getByRole('row', { name: new RegExp(keepsFromLower) });
    await row.waitFor();
    expect(await row.innerText()).toContain(`What one point higher would look like: ${onePointHigher}`);
    expect(await row.innerText()).toContain("Client's own entry");
    // the chart's text alternative carries them too
    const progress = page.getByRole('region', { name: 'Progress on the scale' });
    await progress.getByRole('button', { name: 'Show the ratings as a table' }).click();
    const tableRow = progress.getByRole('table', { name: 'Ratings on the scale' }).getByRole('row', { name: new RegExp(onePointHigher) });
    expect(await tableRow.count()).toBe(1);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await desk.screenshot('captured-rating-follow-ups');
  });

  it('opens an exception in full, with its thoughts, emotions, meaning and deep description', async () => {
    await page.goto(workspace(chenCase, '/exceptions'));
    const log = page.getByRole('region', { name: 'Exception log' });
    const row = log.getByRole('row', { name: /Saturday grocery shopping together/ });
    await row.waitFor();
    await row.getByRole('button', { name: /^Open the exception of / }).click();
    const dialog = page.getByRole('dialog', { name: /^Exception of / });
    await dialog.waitFor();
    const text = await dialog.innerText();
    for (const part of [
      'What was different', 'Saturday grocery shopping together',
      'Thoughts', 'We are a team at this',
      'Emotions', 'Light, a bit playful',
      'What it tells us', 'Doing ordinary things side by side calms the cycle',
      'Deep description',
      'In the body', 'Shoulders down, breathing slower',
      'Forgotten capacity it shows', 'I can be close without fear',
      'If it happened more often', 'We would have a calm base to return to',
    ]) expect(text).toContain(part);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await desk.screenshot('captured-exception-full');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('reads the note of each check-in with a daily homework', async () => {
    await page.goto(workspace(liuCase, '/homework'));
    const homework = page.getByRole('region', { name: 'Homework' });
    await homework.getByRole('button', { name: /Micro-experiment/ }).click();
    const notes = homework.getByRole('region', { name: 'Check-in notes' });
    await notes.getByText('He sent a heart before work').waitFor();
    // one note, under its day; the check-in calendar above it names every day with its state
    expect(await notes.getByText(/^Day of [^:]+$/).count()).toBe(1);
  });

  it('reads the same in Simplified Chinese, axe-clean', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.goto(workspace(chenCase, '/exceptions'));
    const row = page.getByRole('region', { name: '例外日志' }).getByRole('row', { name: /Saturday grocery shopping together/ });
    await row.getByRole('button', { name: /^打开 .* 的例外$/ }).click();
    const dialog = page.getByRole('dialog', { name: /的例外$/ });
    await dialog.getByText('深度描述').waitFor();
    await dialog.getByText('身体的感受').waitFor();
    expect(await dialog.getByText('Deep description').count()).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: '关闭' }).click();

    await page.goto(workspace(chenCase));
    const ratings = page.getByRole('region', { name: '评分' });
    await ratings.getByText(`是什么让它没有更低： ${keepsFromLower}`).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('lets the client reread her good moments and see where she is in the six stages, on a phone', async () => {
    phone = await openBrowser({ ...PHONE, name: 'captured-visible-portal' });
    const p = phone.page;
    await signInToPortal(p, server.url, CLIENT.chen);
    await portalNavLink(p, 'My good moments').click();
    await p.getByRole('heading', { level: 1, name: 'My good moments' }).waitFor();
    const first = p.getByRole('listitem').filter({ has: p.getByRole('heading', { name: moment }) });
    await first.waitFor();
    expect(await first.innerText()).toContain('shared activity');
    // a moment staff logged in session is not hers to reread here
    expect(await p.getByText('Saturday grocery shopping together').count()).toBe(0);
    expect(await pageScrollWidth(p)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAccessibilityProblems(p)).toEqual([]);
    await phone.screenshot('captured-portal-moments');

    await portalNavLink(p, 'My progress').click();
    const stages = p.getByRole('region', { name: 'Where you are in the six stages' });
    await stages.waitFor();
    const current = stages.locator('[aria-current="step"]');
    expect(await current.innerText()).toContain('Stage 6: Consolidation and Maintenance');
    expect(await current.innerText()).toContain('You are here');
    expect(await stages.getByRole('listitem').count()).toBe(6);
    expect(await pageScrollWidth(p)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAccessibilityProblems(p)).toEqual([]);
    await phone.screenshot('captured-portal-stages');
  });
});
