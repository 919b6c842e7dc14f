import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from './app-server.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'tests', 'artifacts');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors, failed responses and navigations of the page, oldest first. */
  events(): string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Debian's Chromium, driven by playwright-core with a fresh profile; never a downloaded browser. */
export async function openBrowser(options: { width?: number; height?: number; locale?: string; name?: string; timezoneId?: string } = {}): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}. Install Debian's: \`sudo apt-get install -y chromium\`, or set CHROMIUM_PATH.`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
    locale: options.locale ?? 'en-US',
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  // what went wrong inside the page, to read when a test fails (ATTUNE_BROWSER_LOG=1 prints it live)
  const events: string[] = [];
  const note = (line: string) => {
    events.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (events.length > 200) events.shift();
    if (process.env.ATTUNE_BROWSER_LOG) process.stdout.write(`[browser] ${line}\n`);
  };
  page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') note(`console.${message.type()}: ${message.text()}`); });
  page.on('pageerror', (error) => note(`page error: ${error.message}`));
  page.on('response', (response) => {
    // failures, and every sign-in and sign-out, whatever its answer
    if (response.status() >= 400 || response.url().includes('/api/auth/log')) note(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) note(`at ${frame.url()}`); });
  return {
    context,
    page,
    events: () => [...events],
    async screenshot(name: string) {
      const file = path.join(ARTIFACTS_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      // kept beside the screenshots: what the page reported, to read when a test failed
      if (options.name) fs.writeFileSync(path.join(ARTIFACTS_DIR, `${options.name}.events.log`), `${events.join('\n')}\n`);
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in through the sign-in page, as a person would (it does not wait for what comes next).
 * Whoever was signed in before in this browser is forgotten first (its cookies cleared), as if
 * the next person sat down at a fresh browser: the sign-in page is then what `/` shows.
 */
export async function signIn(page: Page, baseUrl: string, email: string, password = 'attune-demo'): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits for the dashboard a practitioner or an admin lands on (English). */
export async function signInToDashboard(page: Page, baseUrl: string, email: string): Promise<void> {
  await signIn(page, baseUrl, email);
  await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
}

/**
 * The app bar, in view. react-admin's app bar slides away while the page scrolls down and comes
 * back when it scrolls up; on a long page (My account with its notification settings, the
 * dashboard with today's appointments) a person scrolls back up to reach the language or user menu.
 */
export async function appBar(page: Page): Promise<Locator> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.getByRole('banner');
}

/** Signs out through the user menu in the app bar, and waits for the sign-in form. */
export async function signOut(page: Page): Promise<void> {
  await (await appBar(page)).getByRole('button', { name: /profile/i }).click();
  await page.getByRole('menuitem', { name: /log ?out|sign out/i }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

/** Whether keyboard focus is on the element, or inside it. */
export function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement), undefined, { timeout: 2_000 });
}

/**
 * Presses Tab (or Shift+Tab) until keyboard focus reaches the element, as a keyboard user moves
 * through a page; fails if it is not reachable within `maxPresses`.
 */
export async function tabTo(page: Page, target: Locator, { maxPresses = 40, backwards = false } = {}): Promise<void> {
  await target.waitFor();
  for (let pressed = 0; pressed <= maxPresses; pressed++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`${String(target)} was not reached after ${maxPresses} presses of Tab; focus is on ${focused}`);
}

/** The date `days` from today as a date input takes it (yyyy-mm-dd), in the local time zone. */
export function isoDateInDays(days: number, from = new Date()): string {
  const date = new Date(from);
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** A date the way the English app writes it ("9 Dec 2026"). */
export function appDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(y!, m! - 1, d));
}

/**
 * Polls `read` until it gives `expected` (the app refetches after a change and may show the cached
 * value first), then asserts it, so a failure shows the last value seen.
 */
export async function expectEventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!Object.is(last, expected) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toEqual(expected);
}
