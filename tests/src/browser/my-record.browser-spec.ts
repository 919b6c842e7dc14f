import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { ARTIFACTS_DIR, openBrowser, signInToDashboard, type Browser } from '../support/browser.js';
import { CLIENT, pageScrollWidth, PHONE, portalNavLink, signInToPortal } from './portal-helpers.js';

/**
 * Zhou Ting downloads her own record on her phone, sees what is left out and why, and asks to
 * erase her data; the practice owner declines with a reason, and Zhou Ting sees the decision.
 */
describe('the client\'s own record and a request to erase', () => {
  let server: AppServer;

  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('downloads JSON and PDF, shows the notice, sends a request; the admin decides; the client sees it', async () => {
    const phone: Browser = await openBrowser({ name: 'my-record', ...PHONE });
    try {
      const page = phone.page;
      await signInToPortal(page, server.url, CLIENT.zhou);
      await portalNavLink(page, 'My record').click();
      await page.getByRole('heading', { name: 'My record' }).waitFor();
      await page.getByText(/session notes and private working notes are not part of this export/).waitFor();
      expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);

      const json = page.waitForEvent('download');
      await page.getByRole('button', { name: /Download as JSON/ }).click();
      const jsonFile = path.join(ARTIFACTS_DIR, 'my-record-zhou.json');
      await (await json).saveAs(jsonFile);
      const record = JSON.parse(readFileSync(jsonFile, 'utf8'));
      expect(record.people[0].displayName).toBe('Zhou Ting');

      const pdf = page.waitForEvent('download');
      await page.getByRole('button', { name: /Download as PDF/ }).click();
      const pdfFile = path.join(ARTIFACTS_DIR, 'my-record-zhou.pdf');
      await (await pdf).saveAs(pdfFile);
      expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');

      const erase = page.getByRole('region', { name: 'Ask to erase your data' });
      await erase.getByText(/never deleted silently/).waitFor();
      await erase.getByRole('textbox', { name: 'Why (optional)' }).fill('Moving to another city');
      await erase.getByRole('button', { name: 'Send the request' }).click();
      await erase.getByText('Waiting for a decision').waitFor();
      expect(await erase.getByRole('button', { name: 'Send the request' }).count()).toBe(0);

      const desk: Browser = await openBrowser({ name: 'my-record-admin' });
      try {
        const admin = desk.page;
        await signInToDashboard(admin, server.url, 'admin@attune.test');
        await admin.getByRole('menuitem', { name: 'Erasure requests' }).click();
        const row = admin.getByRole('row').filter({ hasText: 'Zhou Ting' });
        await row.getByRole('button', { name: 'Decline' }).click();
        const dialog = admin.getByRole('dialog', { name: 'Decline the request of Zhou Ting' });
        await dialog.getByRole('button', { name: 'Record the decision' }).click();
        await dialog.getByText('Required').waitFor();
        await dialog.getByRole('textbox', { name: /Reason for the decision/ }).fill('Signed notes are kept for 7 years; we will erase your portal account');
        await dialog.getByRole('button', { name: 'Record the decision' }).click();
        await dialog.waitFor({ state: 'detached' });
        await row.getByText(/Mei Lin: Signed notes are kept/).waitFor();
        expect(await seriousAccessibilityProblems(admin)).toEqual([]);
      } finally {
        await desk.close();
      }

      await page.reload();
      await erase.getByText('Declined').waitFor();
      await erase.getByText(/Decision: Signed notes are kept for 7 years/).waitFor();
      await phone.screenshot('my-record-phone');
    } finally {
      await phone.close();
    }
  });
});
