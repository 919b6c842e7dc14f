import { startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, signIn, type Browser } from '../support/browser.js';

/**
 * The built web app works under the API's strict Content-Security-Policy (scripts only from the
 * app's own origin, no inline script, no eval): Chromium reports every violation to the console,
 * and a page that needed one would be missing parts. Walked as a practitioner and as a client.
 */
describe('the web app under a strict Content-Security-Policy', () => {
  let server: AppServer;
  let browser: Browser;
  const violations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser();
    browser.page.on('console', (message) => {
      const text = message.text();
      if (/Content[- ]Security[- ]Policy|Refused to (execute|load|apply|evaluate|connect|frame)/i.test(text)) violations.push(text);
    });
    browser.page.on('pageerror', (error) => pageErrors.push(error.message));
    // A refused eval inside a try (zod's JIT probe) logs nothing, but the page still fires the event
    // that Lighthouse counts against best practices.
    await browser.page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
    await browser.page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(`${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile.replace(/^.*\//, '')}:${event.lineNumber}:${event.columnNumber}`);
      });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves index.html with the policy and without any inline script', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=["']/i); // no inline event handlers
  });

  it('signs in and shows the dashboard, the cases and a case with its chart without a single violation', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'therapist@attune.test');
    await page.getByText('Needs attention').waitFor();
    await page.getByRole('menuitem', { name: 'Cases' }).click();
    await page.getByRole('table').getByRole('link', { name: /Chen Jing: between two fears/ }).first().click();
    await page.getByRole('tab', { name: /progress/i }).click();
    await page.locator('.recharts-surface').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1_000);
    await browser.screenshot('csp-case-workspace');
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows the client portal and a homework form without a violation', async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await signIn(page, server.url, 'chen.jing@attune.test');
    await page.waitForLoadState('networkidle');
    // a homework form: its answers are checked with the exercise's zod schema as she types
    await page.locator('a[href^="#/homework/"]').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('textbox').first().fill('A quiet walk together');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1_000);
    await browser.screenshot('csp-client-portal');
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
