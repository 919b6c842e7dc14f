import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, signInToDashboard, type Browser } from '../support/browser.js';

/** Chromium's own layout-shift entries, summed from the first paint (shifts right after an input do not count, as in CLS). */
const RECORD_LAYOUT_SHIFTS = `
  window.__layoutShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.__layoutShifts.push({ value: entry.value, sources: (entry.sources || []).map((s) => s.node ? (s.node.id || s.node.className || s.node.nodeName) : '?') });
    }
  }).observe({ type: 'layout-shift', buffered: true });
`;

/**
 * The practitioner's dashboard opened afresh (as Lighthouse opens it) does not jump while its
 * parts load: the "needs attention" list, the open-cases line and the chart take the space kept
 * for them. Cumulative layout shift, as Chromium measures it, stays under 0.1 ("good") at a
 * desktop width and at a phone's.
 */
describe('the dashboard does not shift while it loads', () => {
  let server: AppServer | undefined;
  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const measure = async (page: Page): Promise<{ cls: number; shifts: Array<{ value: number; sources: string[] }> }> => {
    await page.goto(`${server!.url}/`);
    const attention = page.getByRole('region', { name: 'Needs attention' });
    await attention.getByRole('listitem').first().waitFor();
    await page.getByRole('region', { name: 'Open cases by stage' }).locator('svg').first().waitFor();
    await page.getByText(/^\d+ open cases?$/).first().waitFor();
    // let whatever still loads (fonts, the chart's own layout) land before reading
    await page.waitForTimeout(1_500);
    const shifts = await page.evaluate(() => (window as unknown as { __layoutShifts: Array<{ value: number; sources: string[] }> }).__layoutShifts);
    return { cls: shifts.reduce((sum, s) => sum + s.value, 0), shifts };
  };

  for (const [name, width, height] of [['desktop', 1366, 900], ['phone', 390, 844]] as const) {
    it(`stays under 0.1 at ${name} width (${width} × ${height})`, async () => {
      let browser: Browser | undefined;
      try {
        browser = await openBrowser({ name: `dashboard-layout-shift-${name}`, width, height });
        await signInToDashboard(browser.page, server!.url, 'therapist@attune.test');
        await browser.page.addInitScript(RECORD_LAYOUT_SHIFTS);
        const { cls, shifts } = await measure(browser.page);
        console.log(`dashboard CLS at ${name} width: ${cls.toFixed(3)} ${JSON.stringify(shifts)}`);
        expect(cls).toBeLessThan(0.1);
      } finally {
        await browser?.close();
      }
    });
  }
});
