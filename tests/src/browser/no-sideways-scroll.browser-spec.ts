import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, signInToDashboard, type Browser } from '../support/browser.js';

/** A word of 3,000 letters, as a pasted link or a held-down key gives. */
const LONG_WORD = 'a'.repeat(3000);

/**
 * Every practitioner page fits the window: nothing scrolls sideways at a laptop's 1440 or 1280 px
 * nor at a phone's 375 px, a 3,000-letter word in a case included.
 */
describe.each([1440, 1280, 375])('the practitioner pages at %i px', (width) => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let chenCase = '';
  let chenClient = '';
  let chenSession = '';
  let exercise = '';

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: `no-sideways-scroll-${width}`, width, height: 900 });
    page = browser.page;
    await signInToDashboard(page, server.url, 'therapist@attune.test');
    const ids = await page.evaluate(async (word) => {
      const token = decodeURIComponent(/(?:^|; )XSRF-TOKEN=([^;]*)/.exec(document.cookie)?.[1] ?? '');
      const cases = await (await fetch('/api/cases?filter={"q":"Chen Jing"}')).json() as Array<{ id: string; clientIds: string[] }>;
      const chen = cases[0]!;
      await fetch(`/api/cases/${chen.id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': token }, body: JSON.stringify({ presentingConcern: word }) });
      const sessions = await (await fetch(`/api/sessions?filter=${encodeURIComponent(JSON.stringify({ caseId: chen.id }))}`)).json() as Array<{ id: string }>;
      const exercises = await (await fetch('/api/exercises?filter={"q":"Feedback loop"}')).json() as Array<{ id: string }>;
      return { caseId: chen.id, clientId: chen.clientIds[0]!, sessionId: sessions[0]!.id, exerciseId: exercises[0]!.id };
    }, LONG_WORD);
    chenCase = ids.caseId;
    chenClient = ids.clientId;
    chenSession = ids.sessionId;
    exercise = ids.exerciseId;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** How far the page scrolls sideways: 0 when it fits. */
  const sidewaysScroll = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  const pages: Array<[string, () => string, (p: Page) => Promise<unknown>]> = [
    ['dashboard', () => '/#/', (p) => p.getByRole('list', { name: 'Needs attention' }).getByRole('listitem').first().waitFor()],
    ['cases list', () => '/#/cases', (p) => p.getByRole('link', { name: 'Chen Jing: between two fears' }).first().waitFor()],
    ['case workspace', () => `/#/cases/${chenCase}/show`, (p) => p.getByRole('table', { name: 'Ratings on the scale' }).waitFor({ state: 'attached' })],
    ['case sessions', () => `/#/cases/${chenCase}/show/sessions`, (p) => p.getByRole('heading', { level: 2, name: 'Chen Jing: between two fears' }).waitFor()],
    ['case exceptions', () => `/#/cases/${chenCase}/show/exceptions`, (p) => p.getByRole('heading', { level: 2, name: 'Chen Jing: between two fears' }).waitFor()],
    ['case homework', () => `/#/cases/${chenCase}/show/homework`, (p) => p.getByRole('region', { name: 'Homework' }).waitFor()],
    ['case history', () => `/#/cases/${chenCase}/show/history`, (p) => p.getByRole('heading', { level: 2, name: 'Chen Jing: between two fears' }).waitFor()],
    ['clients list', () => '/#/clients', (p) => p.getByRole('link', { name: 'Chen Jing (pseudonym)' }).first().waitFor()],
    ['client profile', () => `/#/clients/${chenClient}/show`, (p) => p.getByRole('region', { name: 'Cases' }).getByRole('link').first().waitFor()],
    ['client edit', () => `/#/clients/${chenClient}`, (p) => p.getByRole('textbox', { name: 'Phone' }).waitFor()],
    ['exercises list', () => '/#/exercises', (p) => p.getByRole('link', { name: /^Feedback loop/ }).waitFor()],
    ['exercise', () => `/#/exercises/${exercise}/show`, (p) => p.getByRole('heading', { level: 2, name: 'Feedback loop' }).waitFor()],
    ['new exercise', () => '/#/exercises/create', (p) => p.getByRole('textbox', { name: 'Instructions' }).waitFor()],
    ['session', () => `/#/sessions/${chenSession}/show`, (p) => p.getByRole('heading', { level: 1 }).first().waitFor()],
    ['new session', () => '/#/sessions/create', (p) => p.getByRole('button', { name: 'Save' }).first().waitFor()],
    ['new case', () => '/#/cases/create', (p) => p.getByRole('button', { name: 'Save' }).waitFor()],
    ['case edit', () => `/#/cases/${chenCase}`, (p) => p.getByRole('button', { name: 'Save' }).waitFor()],
    ['calendar', () => '/#/calendar', (p) => p.locator('.fc').first().waitFor()],
    ['my account', () => '/#/account', (p) => p.getByRole('heading', { level: 1 }).first().waitFor()],
  ];

  it.each(pages.map(([name, url, ready]) => ({ name, url, ready })))('$name does not scroll sideways', async ({ name, url, ready }) => {
    await page.goto(`${server.url}${url()}`);
    await ready(page);
    await page.waitForTimeout(300);
    const overflow = await sidewaysScroll();
    // when it does not fit: the outermost elements that stick out, to say what to fix
    const culprits = overflow > 0 ? await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      const out = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > limit + 1);
      return out.filter((e) => !out.includes(e.parentElement!)).slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 3).join('.')} ${Math.round(e.getBoundingClientRect().right)}px`);
    }) : [];
    if (overflow > 0) await browser.screenshot(`sideways-${width}-${name.replace(/ /g, '-')}`);
    expect({ page: name, overflow, culprits }).toEqual({ page: name, overflow: 0, culprits: [] });
  });
});

/** The admin's lists fit a phone too: the users list and the audit log become lists of items. */
describe.each([1440, 375])('the admin pages at %i px', (width) => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: `no-sideways-scroll-admin-${width}`, width, height: 900 });
    page = browser.page;
    await signInToDashboard(page, server.url, 'admin@attune.test');
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  const pages: Array<[string, string, (p: Page) => Promise<unknown>]> = [
    ['users list', '/#/users', (p) => p.getByText('therapist@attune.test').first().waitFor()],
    ['audit log', '/#/audit-events', (p) => p.getByText(/login/).first().waitFor()],
  ];

  it.each(pages.map(([name, url, ready]) => ({ name, url, ready })))('$name does not scroll sideways', async ({ name, url, ready }) => {
    await page.goto(`${server.url}${url}`);
    await ready(page);
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) await browser.screenshot(`sideways-admin-${width}-${name.replace(/ /g, '-')}`);
    expect({ page: name, overflow }).toEqual({ page: name, overflow: 0 });
  });
});
