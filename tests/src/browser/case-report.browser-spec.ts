import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { ARTIFACTS_DIR, openBrowser, signInToDashboard, type Browser } from '../support/browser.js';
import { ApiSession, THERAPIST } from './portal-helpers.js';

/**
 * The practitioner downloads a case report from the case page: chooses the period, language and
 * kind in a dialog, sees that the PDF is being made, and gets the file. In English on a desktop,
 * in Chinese on a phone.
 */
describe('case report download', () => {
  let server: AppServer;

  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Holds the report's answer back a moment, so that the progress shown while it is made can be seen. */
  async function slowReports(page: Page): Promise<void> {
    await page.route('**/api/cases/*/report.pdf*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
  }

  async function openChenCase(page: Page, casesLabel: string): Promise<void> {
    await page.getByRole('menuitem', { name: casesLabel }).click();
    await page.getByRole('row', { name: /Chen Jing: between two fears/ }).click();
  }

  it('downloads the English report with progress shown, the dialog axe-clean', async () => {
    const browser: Browser = await openBrowser({ name: 'case-report-en' });
    try {
      const page = browser.page;
      await slowReports(page);
      await signInToDashboard(page, server.url, THERAPIST);
      await openChenCase(page, 'Cases');
      await page.getByRole('button', { name: 'Download report' }).click();
      const dialog = page.getByRole('dialog', { name: 'Download the case report' });
      await dialog.waitFor();
      // A discharge summary is for closed cases; this one is open.
      expect(await dialog.getByRole('radio', { name: 'Discharge summary' }).isDisabled()).toBe(true);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      const downloading = page.waitForEvent('download');
      await dialog.getByRole('button', { name: 'Download PDF' }).click();
      await dialog.getByRole('status').getByText('Preparing the PDF…').waitFor();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^case-report-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}-en\.pdf$/);
      const file = path.join(ARTIFACTS_DIR, 'case-report-download-en.pdf');
      await download.saveAs(file);
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      await page.getByText('The report has been downloaded.').waitFor();
      await dialog.waitFor({ state: 'detached' });
    } finally {
      await browser.close();
    }
  });

  it('works in Simplified Chinese on a 375 px phone, keyboard only in the dialog', async () => {
    const browser: Browser = await openBrowser({ name: 'case-report-zh', width: 375, height: 812 });
    try {
      const page = browser.page;
      await slowReports(page);
      await signInToDashboard(page, server.url, THERAPIST);
      await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
      await page.getByRole('menuitem', { name: '简体中文' }).click();
      // On a phone the menu is folded away: go to the case by its address, as a bookmark would.
      const api = await ApiSession.signIn(server.url, THERAPIST);
      const cases = await api.get<Array<{ id: string; title: string }>>('/api/cases');
      await page.goto(`${server.url}/#/cases/${cases.find((c) => c.title.startsWith('Chen Jing'))!.id}/show`);
      const open = page.getByRole('button', { name: '下载报告' });
      await open.waitFor();
      await open.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: '下载个案报告' });
      await dialog.waitFor();
      // The report's language follows the page's.
      expect(await dialog.getByRole('combobox', { name: '报告语言' }).innerText()).toContain('简体中文');
      // The dialog fits the phone's width (the case page behind it is wider at 375 px already: its stage stepper).
      const box = (await dialog.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      const downloading = page.waitForEvent('download');
      await dialog.getByRole('button', { name: '下载 PDF' }).focus();
      await page.keyboard.press('Enter');
      await dialog.getByRole('status').getByText('正在生成 PDF…').waitFor();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/-zh\.pdf$/);
      await browser.screenshot('case-report-zh-phone');
    } finally {
      await browser.close();
    }
  });
});
