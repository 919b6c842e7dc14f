import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, signIn, signInToDashboard, signOut, type Browser } from '../support/browser.js';

/**
 * axe-core on every page a practitioner and an admin work in, each once its content has loaded:
 * no serious or critical violation of WCAG 2.2 A/AA or of axe's best practices. The pages are
 * read-only here; dialogs are opened and cancelled.
 */
describe('accessibility of the practitioner and admin pages', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let chenJingCase = '';

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: 'accessibility' });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function expectNoSeriousProblems(): Promise<void> {
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  }

  const workspace = (tab = '') => `${server.url}/#/cases/${chenJingCase}/show${tab}`;

  it('sign-in page, empty and after a wrong password', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectNoSeriousProblems();
    await signIn(page, server.url, 'therapist@attune.test', 'not-the-password');
    await page.getByRole('alert').getByText(/email or password/i).waitFor();
    await expectNoSeriousProblems();
  });

  it('dashboard', async () => {
    await signInToDashboard(page, server.url, 'therapist@attune.test');
    await page.getByRole('list', { name: 'Needs attention' }).getByRole('listitem').first().waitFor();
    await page.getByRole('table', { name: 'Open cases by stage' }).waitFor({ state: 'attached' });
    const link = page.getByRole('link', { name: /^Chen Jing: between two fears/ }).first();
    chenJingCase = /#\/cases\/([^/]+)\//.exec((await link.getAttribute('href')) ?? '')?.[1] ?? '';
    expect(chenJingCase).not.toBe('');
    await expectNoSeriousProblems();
  });

  it('cases list', async () => {
    await page.getByRole('menuitem', { name: 'Cases' }).click();
    await page.getByRole('row', { name: /Liu Jia: from anxiety to safety/ }).waitFor();
    await expectNoSeriousProblems();
  });

  it('case workspace: progress tab with its chart', async () => {
    await page.goto(workspace());
    await page.getByRole('table', { name: 'Ratings on the scale' }).waitFor({ state: 'attached' });
    await page.getByRole('region', { name: 'Progress on the scale' }).locator('svg path[fill="none"]').first().waitFor({ state: 'attached' });
    await expectNoSeriousProblems();
  });

  it('case workspace: sessions tab', async () => {
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.getByRole('region', { name: 'Sessions' }).getByRole('row', { name: /Not signed/ }).waitFor();
    await expectNoSeriousProblems();
  });

  it('case workspace: exceptions tab', async () => {
    await page.getByRole('tab', { name: 'Exceptions' }).click();
    await page.getByRole('tab', { name: 'Exceptions', selected: true }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectNoSeriousProblems();
  });

  it('case workspace: homework tab, with answers waiting for review', async () => {
    await page.getByRole('tab', { name: 'Homework' }).click();
    await page.getByRole('textbox', { name: 'Feedback' }).waitFor();
    await expectNoSeriousProblems();
  });

  it('case workspace: stage history tab', async () => {
    await page.getByRole('tab', { name: 'Stage history' }).click();
    await page.getByRole('table', { name: 'Stage history' }).waitFor();
    await expectNoSeriousProblems();
  });

  it('the dialogs of the workspace: move stage, assign exercise, record a rating', async () => {
    for (const [button, title] of [
      ['Move stage', 'Move the case to another stage'],
      ['Assign exercise', 'Assign exercise'],
      ['Record a rating', undefined],
    ] as const) {
      if (button === 'Assign exercise') await page.getByRole('tab', { name: 'Homework' }).click();
      if (button === 'Record a rating') await page.getByRole('tab', { name: 'Progress' }).click();
      await page.getByRole('button', { name: button }).click();
      const dialog = title ? page.getByRole('dialog', { name: title }) : page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Cancel' }).waitFor();
      await expectNoSeriousProblems();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
  });

  it('a session with its note', async () => {
    await page.goto(workspace('/sessions'));
    await page.getByRole('region', { name: 'Sessions' }).getByRole('row', { name: /Not signed/ }).click();
    await page.getByRole('region', { name: 'Session note' }).waitFor();
    await expectNoSeriousProblems();
  });

  it('clients list', async () => {
    await page.getByRole('menuitem', { name: 'Clients' }).click();
    await page.getByRole('row', { name: /Chen Jing \(pseudonym\)/ }).waitFor();
    await expectNoSeriousProblems();
  });

  it('exercises list', async () => {
    await page.getByRole('menuitem', { name: 'Exercises' }).click();
    await page.getByRole('link', { name: /^Feedback loop/ }).waitFor();
    await expectNoSeriousProblems();
  });

  it('the dashboard in Simplified Chinese', async () => {
    await page.getByRole('menuitem', { name: 'Dashboard' }).click();
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('heading', { name: '需要关注' }).waitFor();
    await page.getByRole('list', { name: '需要关注' }).getByRole('listitem').first().waitFor();
    await expectNoSeriousProblems();
    await page.getByRole('banner').getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
  });

  it("an admin's users list and audit log", async () => {
    await signOut(page);
    await signInToDashboard(page, server.url, 'admin@attune.test');
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('row', { name: /therapist@attune\.test/ }).waitFor();
    await expectNoSeriousProblems();
    await page.getByRole('menuitem', { name: 'Audit log' }).click();
    await page.getByRole('row', { name: /Dr\. Wang Fang/ }).first().waitFor();
    await expectNoSeriousProblems();
  });
});
