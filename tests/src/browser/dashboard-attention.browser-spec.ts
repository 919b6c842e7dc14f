import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { appBar, expectEventually, hasFocus, openBrowser, signInToDashboard, tabTo, type Browser } from '../support/browser.js';

/**
 * "Needs attention" on a long caseload: the most urgent items first and only the first ten, how
 * many there are in all, and a disclosure button, operated with the keyboard, that shows the rest
 * in place and hides them again. The demo therapist's list holds 13 items: a high-severity setback,
 * 3 answers waiting for review, 3 unsigned notes, 4 overdue pieces of homework and 2 low-severity
 * "homework piling up" alerts (the API's dashboard test pins these).
 */
describe('the "Needs attention" list of a long caseload', () => {
  const SHOWN = 10;
  const TOTAL = 13;

  let server: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: 'dashboard-attention' });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const attention = () => page.getByRole('region', { name: 'Needs attention' });
  const list = () => attention().getByRole('list', { name: 'Needs attention' });
  const items = () => list().getByRole('listitem');

  it('shows the first ten, most urgent first, and says how many there are in all', async () => {
    await signInToDashboard(page, server.url, 'therapist@attune.test');
    await items().first().waitFor();

    await expectEventually(() => items().count(), SHOWN);
    await attention().getByText(`Showing ${SHOWN} of ${TOTAL}`, { exact: true }).waitFor();
    await attention().getByText('3 alerts · 3 waiting for review · 3 unsigned notes · 4 overdue', { exact: true }).waitFor();

    const texts = await items().allInnerTexts();
    // the high-severity setback leads; the low-severity alerts are among the hidden ones
    expect(texts[0]).toContain('Setback');
    expect(texts[0]).toContain('Liu Jia: from anxiety to safety');
    expect(texts.filter((t) => t.includes('waiting for your review'))).toHaveLength(3);
    expect(texts.some((t) => t.includes('Homework piling up'))).toBe(false);

    const button = attention().getByRole('button', { name: `Show all ${TOTAL}` });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    // the button says which list it opens
    const controls = await button.getAttribute('aria-controls');
    expect(controls).toBeTruthy();
    expect(await list().evaluate((el, id) => el === document.getElementById(id!), controls)).toBe(true);
    await browser.screenshot('dashboard-attention-first-ten');
  });

  it('shows all of them in place when the button is pressed with Enter, and the button then offers fewer', async () => {
    const button = attention().getByRole('button', { name: `Show all ${TOTAL}` });
    await tabTo(page, button, { maxPresses: 60 });
    await page.keyboard.press('Enter');

    await expectEventually(() => items().count(), TOTAL);
    await attention().getByText(`Showing all ${TOTAL}`, { exact: true }).waitFor();
    const toggle = attention().getByRole('button', { name: 'Show fewer' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // it is the same button, still focused, so the keyboard user carries on where they were
    expect(await hasFocus(toggle)).toBe(true);
    const texts = await items().allInnerTexts();
    expect(texts.filter((t) => t.includes('Homework piling up'))).toHaveLength(2);
    expect(texts.filter((t) => t.includes('overdue') && t.includes('Action menu'))).toHaveLength(2);
    // and axe finds no serious problem with the whole list open
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await browser.screenshot('dashboard-attention-all');
  });

  it('goes back to the first ten with "Show fewer" (Space), keeping focus on the button', async () => {
    const toggle = attention().getByRole('button', { name: 'Show fewer' });
    await page.keyboard.press('Space');

    await expectEventually(() => items().count(), SHOWN);
    const button = attention().getByRole('button', { name: `Show all ${TOTAL}` });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.count()).toBe(0);
    expect(await hasFocus(button)).toBe(true);
    await attention().getByText(`Showing ${SHOWN} of ${TOTAL}`, { exact: true }).waitFor();
  });

  it('says the same in Simplified Chinese', async () => {
    await (await appBar(page)).getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    const zh = page.getByRole('region', { name: '需要关注' });
    await zh.getByText(`显示 ${SHOWN} 项，共 ${TOTAL} 项`, { exact: true }).waitFor();
    await zh.getByRole('button', { name: `显示全部 ${TOTAL} 项` }).click();
    await expectEventually(() => zh.getByRole('list', { name: '需要关注' }).getByRole('listitem').count(), TOTAL);
    await zh.getByRole('button', { name: '收起' }).waitFor();
    await (await appBar(page)).getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
  });
});
