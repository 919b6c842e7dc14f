import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { appBar, openBrowser, signInToDashboard, type Browser } from '../support/browser.js';

/**
 * "API tokens" on My account: the therapist, on a phone, creates a token that may read cases,
 * copies it from the one time it is shown, sees an integration use it (last use), and revokes it;
 * the section reads in Simplified Chinese too.
 */
describe('personal API tokens on My account', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: 'api-tokens', width: 375, height: 812 });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const casesWith = (token: string) => fetch(`${server.url}/api/cases`, { headers: { Authorization: `Bearer ${token}` } });

  it('creates a token shown once, which an integration uses without a session, and revokes it', async () => {
    await signInToDashboard(page, server.url, 'therapist@attune.test');
    await page.goto(`${server.url}/#/account`);
    const section = page.getByRole('region', { name: 'API tokens' });
    await section.getByText('You have no API tokens.').waitFor();

    await section.getByRole('button', { name: 'Create token' }).click();
    await section.getByText('Give the token a name').waitFor();
    await section.getByRole('textbox', { name: 'Token name' }).fill('Weekly report');
    await section.getByRole('checkbox', { name: 'Cases: Read' }).check();
    await section.getByRole('button', { name: 'Create token' }).click();
    await section.getByText('Copy it now: it will not be shown again.', { exact: false }).waitFor();
    const token = await section.getByRole('textbox', { name: 'The new token' }).inputValue();
    expect(token).toMatch(/^att_[A-Za-z0-9_-]{43}$/);
    const item = section.getByRole('listitem').filter({ hasText: 'Weekly report' });
    await item.getByText('Never used').waitFor();
    await item.getByText('May: Cases (Read)').waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await browser.screenshot('api-tokens-375');

    expect((await casesWith(token)).status).toBe(200);
    await page.reload();
    await section.getByRole('listitem').filter({ hasText: 'Weekly report' }).getByText(/Last used/).waitFor();

    await section.getByRole('button', { name: 'Revoke the token "Weekly report"' }).click();
    await section.getByRole('listitem').filter({ hasText: 'Weekly report' }).getByText('Revoked').waitFor();
    expect((await casesWith(token)).status).toBe(401);
  });

  it('reads in Simplified Chinese', async () => {
    await (await appBar(page)).getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    const section = page.getByRole('region', { name: 'API 令牌' });
    await section.getByRole('button', { name: '创建令牌' }).waitFor();
    await section.getByRole('checkbox', { name: '个案: 查看' }).waitFor();
    await section.getByText('已撤销').waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await browser.screenshot('api-tokens-zh');
  });
});
