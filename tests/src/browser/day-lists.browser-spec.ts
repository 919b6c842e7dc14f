import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { appBar, expectEventually, hasFocus, openBrowser, signInToDashboard, signOut, tabTo, type Browser } from '../support/browser.js';

const FORMULA = '=HYPERLINK("http://evil.test","点我")';
const CHINESE = '王芳 (化名)';

/**
 * A practitioner's and an admin's lists: export a list as CSV and open it as a spreadsheet would
 * (formula cells neutralised, Chinese intact), open list rows with the keyboard, and reassign a
 * case that the new practitioner then works.
 */
describe('the lists of a practitioner and an admin', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: 'day-lists' });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Adds a client through the API from inside the signed-in page (setup, not what is tested). */
  async function addClient(displayName: string): Promise<void> {
    const status = await page.evaluate(async (name) => {
      const token = decodeURIComponent(/(?:^|; )XSRF-TOKEN=([^;]*)/.exec(document.cookie)?.[1] ?? '');
      const res = await fetch('/api/clients', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': token }, body: JSON.stringify({ displayName: name }) });
      return res.status;
    }, displayName);
    expect(status).toBe(201);
  }

  it('exports the clients list as a CSV with every client, the formula cell neutralised and Chinese intact', async () => {
    await signInToDashboard(page, server.url, 'therapist@attune.test');
    await addClient(FORMULA);
    await addClient(CHINESE);
    await page.getByRole('menuitem', { name: 'Clients' }).click();
    // the clients list, not the dashboard's links to Chen Jing's session and homework it replaces
    await page.getByRole('main').getByRole('table').getByRole('link', { name: 'Chen Jing (pseudonym)' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export this list as a CSV file' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^clients-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parse(text.slice(1)) as string[][];
    const name = header!.indexOf('displayName');
    const names = rows.map((row) => row[name]);
    expect(names).toContain(`'${FORMULA}`);
    expect(names).toContain(CHINESE);
    expect(names).toEqual(expect.arrayContaining(['Chen Jing (pseudonym)', 'Liu Jia', 'Zhao Lei', 'Zhou Ting']));
    expect(names).not.toContain('He Yun (pseudonym)');
    expect(rows).toHaveLength(6);
  });

  it('opens a row of the Cases list with the keyboard', async () => {
    await page.getByRole('menuitem', { name: 'Cases' }).click();
    const link = page.getByRole('link', { name: 'Liu Jia: from anxiety to safety', exact: true });
    await link.waitFor();
    await tabTo(page, link);
    expect(await hasFocus(link)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Liu Jia: from anxiety to safety' }).waitFor();
  });

  it('saves a custom exercise with a required field without typing into its preview', async () => {
    await page.getByRole('menuitem', { name: 'Exercises' }).click();
    await page.getByRole('link', { name: 'New exercise' }).click();
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Three good minutes');
    await page.getByRole('textbox', { name: 'Instructions' }).fill('Each evening, write down three minutes that went well.');
    await page.getByRole('textbox', { name: 'Question or label' }).fill('What went well?');
    // the preview shows the field as required, and stays empty
    const preview = page.getByRole('group', { name: "Preview of the client's form" });
    await preview.getByRole('textbox', { name: /What went well\?/ }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Three good minutes').first().waitFor();
    await expectEventually(() => page.getByRole('textbox', { name: 'Instructions' }).count(), 0);
  });

  it('duplicates a built-in exercise into a custom one the practitioner adapts', async () => {
    await page.getByRole('menuitem', { name: 'Exercises' }).click();
    await page.getByRole('link', { name: /^Feedback loop/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Feedback loop' }).waitFor();
    // a built-in has no Edit, only Duplicate
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Duplicate' }).click();
    const title = page.getByRole('textbox', { name: 'Title', exact: true });
    await expectEventually(() => title.inputValue(), 'Feedback loop (copy)');
    expect(await page.getByRole('textbox', { name: 'Instructions' }).inputValue()).toMatch(/^When the week is over, take stock\./);
    const labels = page.getByRole('textbox', { name: 'Question or label' });
    expect(await labels.count()).toBe(4);
    expect(await page.getByRole('combobox', { name: 'Stage' }).innerText()).toMatch(/^5 · /);
    await labels.first().fill('Which small step did you take?');
    await page.getByRole('button', { name: 'Save' }).click();
    // said as a person would, not react-admin's "Element created"
    await page.getByText('Exercise saved').waitFor();
    expect(await page.getByText(/Element (created|updated|deleted)/).count()).toBe(0);
    await page.getByRole('heading', { level: 2, name: 'Feedback loop (copy)' }).waitFor();
    // the copy is the practitioner's own: it can be edited, and the built-in is unchanged
    await page.getByRole('link', { name: 'Edit' }).waitFor();
    await page.getByRole('group', { name: "Preview of the client's form" }).getByRole('textbox', { name: /Which small step did you take\?/ }).waitFor();

    await page.getByRole('menuitem', { name: 'Exercises' }).click();
    const copy = page.getByRole('link', { name: /^Feedback loop \(copy\)/ });
    await copy.waitFor();
    expect(await copy.innerText()).toMatch(/Custom/);
    expect(await page.getByRole('link', { name: /^Feedback loop Built-in/ }).count()).toBe(1);
  });

  it("opens a row of the Clients list with the keyboard: the client's profile", async () => {
    await page.getByRole('menuitem', { name: 'Clients' }).click();
    const link = page.getByRole('link', { name: 'Chen Jing (pseudonym)' });
    await link.waitFor();
    await tabTo(page, link, { maxPresses: 60 });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Chen Jing (pseudonym)' }).waitFor();
  });

  it("shows the client's profile: details, portal account, cases with their stage, sessions, homework, ratings, own words", async () => {
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByText('she/her').waitFor();
    await details.getByText('chen.jing@attune.test').waitFor();
    await details.getByText('Created, never signed in').waitFor();
    const cases = page.getByRole('region', { name: 'Cases' });
    await cases.getByRole('link', { name: 'Chen Jing: between two fears', exact: true }).waitFor();
    expect(await cases.innerText()).toMatch(/Stage 6 · Consolidation and Maintenance/);
    await page.getByRole('region', { name: 'Recent sessions' }).getByRole('listitem').first().waitFor();
    await page.getByRole('region', { name: 'Homework' }).getByRole('listitem').first().waitFor();
    await page.getByRole('region', { name: 'Ratings on the scale' }).getByRole('listitem').first().waitFor();
    await page.getByRole('region', { name: 'In their own words' }).getByRole('listitem').first().waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // reachable from the case too: the client's chip in the case header
    await cases.getByRole('link', { name: 'Chen Jing: between two fears', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Chen Jing: between two fears' }).waitFor();
    await page.getByRole('link', { name: 'Chen Jing (pseudonym)' }).click();
    await page.getByRole('heading', { level: 2, name: 'Chen Jing (pseudonym)' }).waitFor();

    // the domain has no deleting a client record: no Delete on its form
    await page.getByRole('link', { name: 'Edit details' }).click();
    await page.getByRole('textbox', { name: 'Phone' }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await signOut(page);
  });

  it("has an admin reassign Liu Jia's case to the coach, with a reason", async () => {
    await signInToDashboard(page, server.url, 'admin@attune.test');
    await page.getByRole('menuitem', { name: 'Cases' }).click();
    await page.getByRole('link', { name: 'Liu Jia: from anxiety to safety', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Liu Jia: from anxiety to safety' }).waitFor();
    await page.getByRole('button', { name: 'Reassign' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reassign this case' });
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('combobox', { name: 'New practitioner' }).fill('Sun');
    await page.getByRole('option', { name: 'Sun Hao' }).click();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Dr. Wang goes on parental leave');
    await dialog.getByRole('button', { name: 'Reassign' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('The case was reassigned').waitFor();
    // the case form offers no Delete: a case is closed, not deleted
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: /Title/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await signOut(page);
  });

  it('lets the coach work the reassigned case: its client is there and takes homework', async () => {
    await signInToDashboard(page, server.url, 'coach@attune.test');
    await page.getByRole('menuitem', { name: 'Cases' }).click();
    await page.getByRole('link', { name: 'Liu Jia: from anxiety to safety', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Liu Jia: from anxiety to safety' }).waitFor();
    await page.getByRole('tab', { name: 'Homework' }).click();
    const homework = page.getByRole('region', { name: 'Homework' });
    await homework.getByRole('button', { name: 'Assign exercise' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign exercise' });
    await expect(dialog.getByRole('radio', { name: 'Liu Jia' }).isChecked()).resolves.toBe(true);
    await dialog.getByRole('combobox', { name: 'Exercise' }).fill('feedback');
    await page.getByRole('option', { name: '5 · Feedback loop', exact: true }).click();
    // weekly for 4 weeks, the exercise's cadence: due on the last check-in's day, nothing to pick
    await dialog.getByRole('status').getByText(/the day of the last check-in/).waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await homework.getByRole('button', { name: /^Feedback loop/ }).first().waitFor();
    await page.getByRole('menuitem', { name: 'Clients' }).click();
    await page.getByRole('link', { name: 'Liu Jia' }).waitFor();
    await signOut(page);
  });

  it('leaves the therapist without the case and its client', async () => {
    await signInToDashboard(page, server.url, 'therapist@attune.test');
    await page.getByRole('menuitem', { name: 'Cases' }).click();
    await page.getByRole('link', { name: 'Chen Jing: between two fears', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Liu Jia: from anxiety to safety', exact: true }).count()).toBe(0);
    await page.getByRole('menuitem', { name: 'Clients' }).click();
    // the clients list, not the dashboard's links to Chen Jing's session and homework it replaces
    await page.getByRole('main').getByRole('table').getByRole('link', { name: 'Chen Jing (pseudonym)' }).waitFor();
    expect(await page.getByRole('link', { name: 'Liu Jia', exact: true }).count()).toBe(0);
  });

  it('has no serious accessibility problem on the cases list, in English and in Chinese', async () => {
    await page.getByRole('menuitem', { name: 'Cases' }).click();
    await page.getByRole('link', { name: 'Chen Jing: between two fears', exact: true }).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    // with a search typed, its clear button shows: it has a name too
    await page.getByRole('textbox', { name: 'Search' }).fill('Chen');
    await expectEventually(() => page.getByRole('link', { name: 'Liu Jia: from anxiety to safety', exact: true }).count(), 0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    const unnamed = await page.getByRole('main').getByRole('button').evaluateAll((buttons) =>
      buttons.filter((b) => !(b.getAttribute('aria-label') || b.textContent?.trim() || b.getAttribute('title') || b.getAttribute('aria-labelledby'))).length);
    expect(unnamed).toBe(0);
    await page.getByRole('textbox', { name: 'Search' }).fill('');
    await (await appBar(page)).getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('button', { name: '将此列表导出为 CSV 文件' }).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: 'Chen Jing: between two fears', exact: true }).click();
    // the merge kept the corrections branch's Close case (with a reason) over the lists branch's minimal one
    await page.getByRole('button', { name: '结束个案' }).click();
    await page.getByRole('dialog', { name: '结束这个个案？' }).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: '取消' }).click();
    // the client's profile in Chinese
    await page.getByRole('link', { name: 'Chen Jing (pseudonym)' }).click();
    await page.getByRole('region', { name: '个案' }).getByRole('link', { name: 'Chen Jing: between two fears', exact: true }).waitFor();
    await page.getByRole('region', { name: '基本信息' }).getByText('已创建，从未登录').waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });
});
