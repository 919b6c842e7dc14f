import type { Page, Response } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { openBrowser, type Browser } from '../support/browser.js';
import { CLIENT } from './portal-helpers.js';

/**
 * A person whose browser asks for Chinese gets Chinese: the sign-in page on the first visit, and
 * then every practitioner page, the admin's pages and the client portal, at 1440 px, with no
 * English left on screen.
 *
 * "English left" is a visible text node with a word of two or more Latin letters, except what a
 * person wrote or is called (the demo's names, case titles, notes: every text the API sent that is
 * not an enumeration value, a server message or a built-in exercise's English), e-mail addresses,
 * URLs, time-zone names, codes with digits or in capitals (PHQ-9, GAD-7, CSV, UTC), code literals
 * (`<code>`), a licence's attribution quoted as its source words it (`data-verbatim`) and the
 * product's name. Each page is also checked with axe: no serious or critical problem in Chinese.
 */

/** Brand and proper names the interface may show as they are, in any language. */
const ALWAYS_ALLOWED = new Set(['Attune', 'Excel', 'LibreOffice', 'FHIR', 'iCalendar', 'Google', 'Outlook', 'Apple', 'English', 'TOTP', 'QR']);

/** Fields of the API's answers that hold the server's words (not a person's): their English must not be shown. */
const SERVER_WORDING_FIELDS = new Set(['message', 'code', 'kind', 'status', 'severity', 'type', 'role', 'format', 'meetingFormat', 'action', 'stage', 'state', 'category', 'direction']);

/** The words the check reads in a text: Latin letters, with digits and hyphens inside (PHQ-9, check-in). */
const WORD = /[A-Za-z][A-Za-z0-9-]*/g;

/** Words of what people wrote or are called, as the API sent them: to be shown as written. */
function collectPeoplesWords(value: unknown, into: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    if (SERVER_WORDING_FIELDS.has(key) || key === 'en') return;
    // an enumeration value (`in_person`, `active`) is the server's word, to be translated
    if (/^[a-z][a-z0-9_]*$/.test(value)) return;
    for (const word of value.match(WORD) ?? []) into.add(word.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const item of value) collectPeoplesWords(item, into, key);
  } else if (value && typeof value === 'object') {
    // a built-in exercise's English is the app's to translate, not a person's words
    if ((value as { builtIn?: unknown }).builtIn === true) return;
    for (const [k, v] of Object.entries(value)) collectPeoplesWords(v, into, k);
  }
}

describe('the app in Chinese, from the browser\'s language', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  const peoplesWords = new Set<string>();
  let chenCase = '';
  let chenClient = '';
  let chenSession = '';

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: 'chinese-everywhere', width: 1440, height: 900, locale: 'zh-CN' });
    page = browser.page;
    page.on('response', (response: Response) => {
      if (!response.url().includes('/api/') || !(response.headers()['content-type'] ?? '').includes('json')) return;
      response.json().then((body: unknown) => collectPeoplesWords(body, peoplesWords), () => undefined);
    });
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  /** The visible English words of the page, each with the text it stands in. */
  async function englishLeft(): Promise<string[]> {
    // what the API answered is read before the page is judged
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const texts = await page.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        if (!/[A-Za-z]{2}/.test(text)) continue;
        const element = node.parentElement;
        if (!element || element.closest('script, style, noscript, code, [aria-hidden="true"], [data-verbatim]')) continue;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden' || style.display === 'none' || element.getClientRects().length === 0) continue;
        // visually hidden (a chart's table for screen readers) is read aloud: judged like the rest
        out.push(text);
      }
      return out;
    });
    const left: string[] = [];
    for (const text of texts) {
      const stripped = text
        .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
        .replace(/\b(https?:\/\/|www\.)\S+/g, ' ')
        .replace(/#\/\S+/g, ' ')
        .replace(/\/api\/\S*/g, ' ')
        .replace(/\b[A-Z][a-z]+\/[A-Za-z_]+\b/g, ' '); // a time zone: Asia/Shanghai
      const words = (stripped.match(WORD) ?? []).filter((word) => {
        if (word.length < 2) return false;
        if (/\d/.test(word)) return false; // PHQ-9, GAD-7, WHO-5, 2FA
        if (/^[A-Z]{2,}$/.test(word)) return false; // CSV, UTC, API, PDF
        if (ALWAYS_ALLOWED.has(word)) return false;
        return !peoplesWords.has(word.toLowerCase());
      });
      if (words.length > 0) left.push(`${words.join(' ')}  ←  "${text.slice(0, 120)}"`);
    }
    return [...new Set(left)];
  }

  async function expectChinese(name: string): Promise<void> {
    const left = await englishLeft();
    if (left.length > 0) await browser.screenshot(`chinese-${name.replace(/\W+/g, '-')}`);
    expect({ page: name, englishLeft: left }).toEqual({ page: name, englishLeft: [] });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // and as usable in Chinese as in English: axe finds nothing serious or critical
    expect({ page: name, accessibility: await seriousAccessibilityProblems(page) }).toEqual({ page: name, accessibility: [] });
  }

  async function signInInChinese(email: string): Promise<void> {
    await page.context().clearCookies();
    await page.goto(`${server.url}/`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByRole('textbox', { name: '密码' }).fill('attune-demo');
    const signedIn = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: '登录' }).click();
    expect((await signedIn).status()).toBe(200);
  }

  it('greets a first visit from a Chinese browser in Chinese, with <html lang="zh-CN">', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await expectChinese('sign-in');
  });

  it('shows the practitioner\'s dashboard in Chinese', async () => {
    await signInInChinese('therapist@attune.test');
    await page.getByRole('heading', { name: '需要关注' }).waitFor();
    const ids = await page.evaluate(async () => {
      const cases = await (await fetch('/api/cases?filter={"q":"Chen Jing"}')).json() as Array<{ id: string; clientIds: string[] }>;
      const sessions = await (await fetch(`/api/sessions?filter=${encodeURIComponent(JSON.stringify({ caseId: cases[0]!.id }))}`)).json() as Array<{ id: string }>;
      return { caseId: cases[0]!.id, clientId: cases[0]!.clientIds[0]!, sessionId: sessions[0]!.id };
    });
    chenCase = ids.caseId;
    chenClient = ids.clientId;
    chenSession = ids.sessionId;
    await expectChinese('dashboard');
  });

  const practitionerPages: Array<[string, () => string, (p: Page) => Promise<unknown>]> = [
    ['cases list', () => '/#/cases', (p) => p.getByRole('link', { name: 'Chen Jing: between two fears' }).first().waitFor()],
    ['case progress', () => `/#/cases/${chenCase}/show`, (p) => p.getByRole('heading', { level: 2, name: 'Chen Jing: between two fears' }).waitFor()],
    ['case measures', () => `/#/cases/${chenCase}/show/measures`, (p) => p.getByRole('heading', { level: 2, name: 'Chen Jing: between two fears' }).waitFor()],
    ['case sessions', () => `/#/cases/${chenCase}/show/sessions`, (p) => p.getByRole('heading', { level: 2, name: 'Chen Jing: between two fears' }).waitFor()],
    ['case exceptions', () => `/#/cases/${chenCase}/show/exceptions`, (p) => p.getByRole('heading', { level: 2, name: 'Chen Jing: between two fears' }).waitFor()],
    ['case homework', () => `/#/cases/${chenCase}/show/homework`, (p) => p.getByRole('heading', { level: 2, name: 'Chen Jing: between two fears' }).waitFor()],
    ['case history', () => `/#/cases/${chenCase}/show/history`, (p) => p.getByRole('heading', { level: 2, name: 'Chen Jing: between two fears' }).waitFor()],
    ['case edit', () => `/#/cases/${chenCase}`, (p) => p.getByRole('button', { name: '保存' }).waitFor()],
    ['clients list', () => '/#/clients', (p) => p.getByRole('link', { name: 'Chen Jing (pseudonym)' }).first().waitFor()],
    ['client profile', () => `/#/clients/${chenClient}/show`, (p) => p.getByRole('link', { name: /Chen Jing: between two fears/ }).first().waitFor()],
    ['client edit', () => `/#/clients/${chenClient}`, (p) => p.getByRole('button', { name: '保存' }).waitFor()],
    ['session', () => `/#/sessions/${chenSession}/show`, (p) => p.getByRole('heading', { level: 1 }).first().waitFor()],
    ['new session', () => '/#/sessions/create', (p) => p.getByRole('button', { name: '保存' }).first().waitFor()],
    ['exercise library', () => '/#/exercises', (p) => p.locator('main .MuiCard-root').first().waitFor()],
    ['new exercise', () => '/#/exercises/create', (p) => p.getByRole('button', { name: '保存' }).first().waitFor()],
    ['calendar', () => '/#/calendar', (p) => p.locator('.fc').first().waitFor()],
    ['my account', () => '/#/account', (p) => p.getByRole('heading', { level: 1 }).first().waitFor()],
    ['new case', () => '/#/cases/create', (p) => p.getByRole('button', { name: '保存' }).waitFor()],
    ['new client', () => '/#/clients/create', (p) => p.getByRole('button', { name: '保存' }).waitFor()],
  ];

  it.each(practitionerPages.map(([name, url, ready]) => ({ name, url, ready })))('shows the practitioner\'s $name in Chinese', async ({ name, url, ready }) => {
    await page.goto(`${server.url}${url()}`);
    await ready(page);
    await expectChinese(name);
  });

  it('says in Chinese that a client\'s details were saved, not react-admin\'s "Element updated"', async () => {
    await page.goto(`${server.url}/#/clients/${chenClient}`);
    await page.getByRole('textbox', { name: '电话' }).fill('+86 10 5555 0101');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('来访者信息已保存').waitFor();
    expect(await page.getByText(/Element (created|updated|deleted)/).count()).toBe(0);
    await expectChinese('client saved');
  });

  it('shows an exercise of the library in Chinese', async () => {
    await page.goto(`${server.url}/#/exercises`);
    await page.locator('main .MuiCard-root').first().getByRole('link').first().click();
    await page.waitForURL(/#\/exercises\/[^/]+/);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expectChinese('exercise');
  });

  const adminPages: Array<[string, string]> = [
    ['users', '/#/users'],
    ['audit log', '/#/audit-events'],
    ['outbox', '/#/outbox'],
    ['intake requests', '/#/intake-requests'],
    ['erasure requests', '/#/erasure-requests'],
  ];

  it.each(adminPages.map(([name, url]) => ({ name, url })))('shows the admin\'s $name in Chinese', async ({ name, url }) => {
    if (name === 'users') {
      await signInInChinese('admin@attune.test');
      await page.getByRole('banner').waitFor();
    }
    await page.goto(`${server.url}${url}`);
    await page.locator('main').first().waitFor();
    await expectChinese(name);
  });

  const portalPages: Array<[string, string]> = [
    ['my homework', '/#/'],
    ['log a good moment', '/#/log-moment'],
    ['my good moments', '/#/moments'],
    ['rate myself', '/#/rate-myself'],
    ['my progress', '/#/progress'],
    ['my sessions', '/#/sessions'],
    ['partner\'s answers', '/#/partner'],
    ['questionnaires', '/#/measures'],
    ['my account', '/#/account'],
    ['my record', '/#/my-record'],
  ];

  it.each(portalPages.map(([name, url]) => ({ name, url })))('shows the portal\'s $name in Chinese', async ({ name, url }) => {
    if (name === 'my homework') {
      await signInInChinese(CLIENT.zhao);
      await page.getByRole('heading', { name: '我的作业', level: 1 }).waitFor();
    }
    await page.goto(`${server.url}${url}`);
    await page.locator('main').first().waitFor();
    await expectChinese(`portal ${name}`);
  });

  it('shows the portal\'s exercise page in Chinese', async () => {
    await page.goto(`${server.url}/#/`);
    await page.locator('main a[href*="homework/"]').first().click();
    await page.waitForURL(/homework\//);
    await expectChinese('portal exercise');
  });
});
