import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { hasFocus, openBrowser, tabTo, type Browser } from '../support/browser.js';

/**
 * Keyboard alone, no mouse: a therapist who cannot or does not use a pointer signs in and moves a
 * case to another stage with Tab, the arrow keys, Enter and Escape.
 */
describe('working by keyboard alone', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: 'keyboard' });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in with Tab and Enter', async () => {
    await page.goto(`${server.url}/`);
    const email = page.getByLabel('Email');
    await tabTo(page, email);
    await page.keyboard.type('therapist@attune.test');
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.getByRole('textbox', { name: 'Password' }))).toBe(true);
    await page.keyboard.type('attune-demo');
    await tabTo(page, page.getByRole('button', { name: 'Sign in' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
  });

  it('moves a case back a stage through the move-stage dialog: Escape cancels, a missing reason is caught, Enter moves', async () => {
    const liuJia = await caseIdFromDashboard(page, 'Liu Jia: from anxiety to safety');
    await page.goto(`${server.url}/#/cases/${liuJia}/show/history`);
    const header = page.getByRole('region', { name: 'Liu Jia: from anxiety to safety' });
    const moveStage = header.getByRole('button', { name: 'Move stage' });
    const dialog = page.getByRole('dialog', { name: 'Move the case to another stage' });

    // Escape closes the dialog without moving anything, and focus goes back to the button
    await tabTo(page, moveStage);
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await hasFocus(dialog)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await hasFocus(moveStage)).toBe(true);

    // open it again and pick stage 3 with the arrow keys
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    const toStage = dialog.getByRole('combobox', { name: /To stage/ });
    await tabTo(page, toStage);
    expect(await toStage.innerText()).toContain('5 · Action Construction');
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    expect(await toStage.innerText()).toContain('3 · Vision Clarification');

    // without a reason the move is refused: focus lands on the reason, marked invalid, with the rule in words
    const move = dialog.getByRole('button', { name: 'Move' });
    await tabTo(page, move);
    await page.keyboard.press('Enter');
    const reason = dialog.getByRole('textbox', { name: 'Reason' });
    await dialog.getByText('Must be at least 3 characters long').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await hasFocus(reason)).toBe(true);

    await page.keyboard.type('The setback: back to the vision before building actions.');
    await tabTo(page, move);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    const current = header.getByRole('list', { name: 'Stages of the case' }).locator('[aria-current="step"]');
    await current.getByText('Vision Clarification').waitFor();
    const newest = page.getByRole('region', { name: 'Stage history' }).getByRole('row').nth(1);
    await newest.getByText('The setback: back to the vision before building actions.').waitFor();
    expect(await newest.innerText()).toContain('Stage 4 → 3 · back');
    await browser.screenshot('keyboard-moved-back');
  });
});

/** The case id behind a dashboard link, so the test can go to its page by address. */
async function caseIdFromDashboard(page: Page, title: string): Promise<string> {
  const link = page.getByRole('list', { name: 'Needs attention' }).getByRole('link', { name: new RegExp(`^${title}`) }).first();
  const href = (await link.getAttribute('href')) ?? '';
  const id = /#\/cases\/([^/]+)\//.exec(href)?.[1];
  if (!id) throw new Error(`No case link for ${title} on the dashboard (href ${href})`);
  return id;
}
