import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { expectEventually, openBrowser, signInToDashboard, signOut, type Browser } from '../support/browser.js';

/**
 * The practice owner's view: the accounts of the practice, every case, and the audit log that
 * answers "who opened Chen Jing's case?" without knowing any record id.
 */
describe('an admin', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: 'admin' });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("has a therapist open Chen Jing's case first (what the audit log will show)", async () => {
    await signInToDashboard(page, server.url, 'therapist@attune.test');
    await page.getByRole('menuitem', { name: 'Cases' }).click();
    await page.getByRole('row', { name: /Chen Jing: between two fears/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Chen Jing: between two fears' }).waitFor();
    await signOut(page);
  });

  it('sees the Users and Audit log menus, and the practice’s accounts with their role and whether they are active', async () => {
    await signInToDashboard(page, server.url, 'admin@attune.test');
    await page.getByRole('menuitem', { name: 'Audit log' }).waitFor();
    await page.getByRole('menuitem', { name: 'Users' }).click();

    const therapist = page.getByRole('row', { name: /therapist@attune\.test/ });
    await therapist.waitFor();
    const cells = await therapist.getByRole('cell').allInnerTexts();
    expect(cells).toEqual(expect.arrayContaining(['Dr. Wang Fang', 'therapist@attune.test', 'Practitioner', 'Yes']));
    for (const email of ['admin@attune.test', 'coach@attune.test', 'chen.jing@attune.test']) {
      await page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) }).waitFor();
    }
    await browser.screenshot('admin-users');
  });

  it('reads every case of the practice, the coach’s too', async () => {
    await page.getByRole('menuitem', { name: 'Cases' }).click();
    await page.getByRole('row', { name: /He Yun: rebuilding trust after a move/ }).waitFor();
    await page.getByRole('row', { name: /Chen Jing: between two fears/ }).waitFor();
  });

  it("filters the audit log by case to see who opened Chen Jing's case", async () => {
    await page.getByRole('menuitem', { name: 'Audit log' }).click();
    await page.getByRole('table').getByRole('row').nth(1).waitFor();

    const caseFilter = page.getByRole('combobox', { name: 'Case' });
    await caseFilter.fill('Chen');
    await page.getByRole('option', { name: 'Chen Jing: between two fears' }).click();

    // every event left is about Chen Jing's case, and it says the therapist read the case
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row');
    const everyRowIsChenJing = async () => {
      const texts = await rows.allInnerTexts();
      return texts.length > 0 && texts.every((text) => text.includes('Chen Jing: between two fears'));
    };
    await expectEventually(everyRowIsChenJing, true);
    const headers = (await page.getByRole('table').getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
    const events = (await rows.allInnerTexts()).map((row) => {
      const cells = row.split('\t').map((cell) => cell.trim());
      return { who: cells[headers.indexOf('Who')], action: cells[headers.indexOf('Action')], recordType: cells[headers.indexOf('Record type')] };
    });
    expect(events).toContainEqual({ who: 'Dr. Wang Fang', action: 'read', recordType: 'cases' });
    // the therapist's list of cases showed Chen Jing's case too: that read is tied to it
    expect(events).toContainEqual({ who: 'Dr. Wang Fang', action: 'list', recordType: 'cases' });
    // the coach never opened it (the admin's own reads, if any, are fine: every read is audited)
    expect(events.filter((event) => event.who === 'Sun Hao')).toEqual([]);
    await browser.screenshot('admin-audit-log-chen-jing');
  });

  it('narrows the case\'s events to list reads with the action filter', async () => {
    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Listed records (list)' }).click();
    const rows = page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row');
    const onlyListsOfChenJing = async () => {
      const texts = await rows.allInnerTexts();
      return texts.length > 0 && texts.every((text) => text.includes('Chen Jing: between two fears') && /\blist\b/.test(text) && !/\bread\b/.test(text));
    };
    await expectEventually(onlyListsOfChenJing, true);
    expect((await rows.allInnerTexts()).some((text) => text.includes('Dr. Wang Fang') && text.includes('cases'))).toBe(true);
  });
});
