import type { Locator, Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { appBar, appDate, expectEventually, isoDateInDays, openBrowser, signInToDashboard, type Browser } from '../support/browser.js';

/**
 * A therapist's day in the real app, against the real API and a fresh database with the demo
 * data: what needs attention, a case prepared for a session, a note signed, homework given and
 * reviewed, a case moved on, and the app read in Chinese. The steps run in order on one page, as
 * the day does; each one states what the therapist checks.
 */
describe("a therapist's day", () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: 'therapist-day' });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const attentionItems = () => page.getByRole('list', { name: 'Needs attention' }).getByRole('listitem');
  const tab = (name: string) => page.getByRole('tab', { name });
  const caseHeader = (title: string) => page.getByRole('region', { name: title });
  const currentStage = (header: Locator) => header.getByRole('list', { name: 'Stages of the case' }).locator('[aria-current="step"]');

  async function openCaseFromList(search: string, title: string): Promise<void> {
    await page.getByRole('menuitem', { name: 'Cases' }).click();
    const searchBox = page.getByRole('textbox', { name: 'Search' });
    await searchBox.fill(search);
    const rows = page.getByRole('table').getByRole('row', { name: new RegExp(title) });
    await rows.first().waitFor();
    // the search narrows the list to the one case
    await expectEventually(() => page.getByRole('table').getByRole('row').count(), 2);
    await rows.first().click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
  }

  it('starts on the dashboard with what needs attention and why, and the caseload by stage drawn', async () => {
    await signInToDashboard(page, server.url, 'therapist@attune.test');

    const items = attentionItems();
    await items.first().waitFor();
    // the list opens on the ten most urgent items; every one of them is read here
    await page.getByRole('button', { name: /^Show all \d+$/ }).click();
    await page.getByRole('button', { name: 'Show fewer' }).waitFor();
    const texts = await items.allInnerTexts();
    const has = (...parts: string[]) => texts.some((text) => parts.every((part) => text.includes(part)));
    expect(has('Chen Jing: between two fears', 'Progress narrative', 'waiting for your review')).toBe(true);
    // both partners' action menus are overdue: two items of the couple's case
    expect(texts.filter((t) => t.includes('Zhao Lei and Zhou Ting') && t.includes('Action menu') && t.includes('overdue'))).toHaveLength(2);
    expect(has('Liu Jia: from anxiety to safety', 'Setback', 'latest 3.5 is 2 below best 5.5')).toBe(true);
    expect(has('Chen Jing: between two fears', 'Session note not signed')).toBe(true);

    const caseload = page.getByRole('region', { name: 'Open cases by stage' });
    await caseload.getByText('3 open cases').waitFor();
    // one bar per stage that has open cases (4, 5 and 6), drawn in an svg
    await expectEventually(() => caseload.locator('svg path').count(), 3);
    // the text alternative says the same
    const table = caseload.getByRole('table', { name: 'Open cases by stage' });
    expect(await table.getByRole('row', { name: '4 · Exception Amplification 1' }).count()).toBe(1);
    expect(await table.getByRole('row', { name: '1 · Collaborative Establishment 0' }).count()).toBe(1);
    // a practitioner has no admin menus
    expect(await page.getByRole('menuitem', { name: 'Users' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Audit log' }).count()).toBe(0);
    await browser.screenshot('day-1-dashboard');
  });

  it("finds Chen Jing's case by searching the cases list, in stage 6 on day 42, with her progress drawn from her ratings", async () => {
    await openCaseFromList('Chen', 'Chen Jing: between two fears');

    const header = caseHeader('Chen Jing: between two fears');
    await expect(currentStage(header).innerText()).resolves.toContain('Consolidation and Maintenance');
    await header.getByText(/Day 42 · stage 6/).waitFor();

    const progress = page.getByRole('region', { name: 'Progress on the scale' });
    await progress.getByText('Chen Jing (pseudonym): 2.5 → 6.5').waitFor();
    const ratings = progress.getByRole('table', { name: 'Ratings on the scale' }).getByRole('row');
    const count = (await ratings.count()) - 1; // minus the header row
    expect(count).toBe(10);
    expect(await ratings.nth(1).getByRole('cell').nth(2).innerText()).toBe('2.5');
    // the records branch marks a rating that beats every earlier one
    expect(await ratings.nth(count).getByRole('cell').nth(2).innerText()).toBe('6.5 (new best)');

    // the chart's line has a point for every rating, and rises from the first to the last
    const line = await longestPolyline(progress);
    expect(line.points).toBe(count);
    expect(line.lastY).toBeLessThan(line.firstY); // svg y grows downwards: the line ends higher
    await browser.screenshot('day-2-chen-jing-workspace');
  });

  it("signs the unsigned note of Chen Jing's last session; the note is then locked and takes an addendum", async () => {
    await tab('Sessions').click();
    const sessions = page.getByRole('region', { name: 'Sessions' });
    const unsigned = sessions.getByRole('row', { name: /Not signed/ });
    await unsigned.waitFor();
    expect(await unsigned.count()).toBe(1);
    expect(await unsigned.innerText()).toContain('6 · Consolidation and Maintenance');
    await unsigned.click();

    await page.getByRole('region', { name: 'Session note' }).getByText('Two weekly check-ins held; she started one herself.').waitFor();
    await page.getByRole('button', { name: 'Sign note' }).click();
    const confirm = page.getByRole('dialog', { name: 'Sign this note?' });
    await confirm.getByText(/locked/).waitFor();
    await confirm.getByRole('button', { name: 'Sign note' }).click();

    await page.getByText(/Signed by Dr\. Wang Fang on/).waitFor();
    expect(await page.getByRole('button', { name: 'Sign note' }).count()).toBe(0);
    expect(await page.getByRole('main').getByRole('link', { name: 'Edit' }).count()).toBe(0);

    const addenda = page.getByRole('region', { name: 'Addenda' });
    await addenda.getByText('No addenda').waitFor();
    const addendum = 'She phoned on Friday: the Sunday check-ins continue without reminders.';
    await addenda.getByRole('textbox', { name: 'Text of the addendum' }).fill(addendum);
    await addenda.getByRole('button', { name: 'Add addendum' }).click();
    await addenda.getByText(addendum).waitFor();
    await browser.screenshot('day-3-signed-note-with-addendum');

    // the edit page of a signed note offers no form, only the way to the addendum
    const editUrl = page.url().replace(/\/show$/, '');
    await page.goto(editUrl);
    await page.getByText('This note is signed and cannot be edited.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Better since last time' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);

    // and the case's session list shows it signed
    await page.goBack();
    await page.getByRole('button', { name: 'Back to the case' }).click();
    await page.getByRole('region', { name: 'Sessions' }).getByRole('row', { name: /Signed/ }).first().waitFor();
    await expectEventually(() => page.getByRole('region', { name: 'Sessions' }).getByRole('row', { name: /Not signed/ }).count(), 0);
  });

  it('assigns Chen Jing the feedback loop weekly × 4; it is due on the last check-in\'s day, with four weeks of check-ins', async () => {
    await tab('Homework').click();
    const homework = page.getByRole('region', { name: 'Homework' });
    await homework.getByRole('button', { name: 'Assign exercise' }).click();

    const dialog = page.getByRole('dialog', { name: 'Assign exercise' });
    await expect(dialog.getByRole('radio', { name: 'Chen Jing (pseudonym)' }).isChecked()).resolves.toBe(true);
    await dialog.getByRole('combobox', { name: 'Exercise' }).fill('feedback');
    await page.getByRole('option', { name: '5 · Feedback loop' }).click();
    // the exercise's cadence is offered; first chosen as once (a due date to pick), then weekly for 4 weeks
    const howOften = dialog.getByRole('combobox', { name: 'How often' });
    await expectEventually(() => howOften.innerText(), 'Weekly');
    await expect(dialog.getByRole('spinbutton', { name: 'Weeks' }).inputValue()).resolves.toBe('4');
    await expect(dialog.getByRole('textbox', { name: 'Due date' }).count()).resolves.toBe(0);
    await howOften.click();
    await page.getByRole('option', { name: 'Once' }).click();
    await dialog.getByRole('textbox', { name: 'Due date' }).waitFor();
    await howOften.click();
    await page.getByRole('option', { name: 'Weekly' }).click();
    await dialog.getByRole('spinbutton', { name: 'Weeks' }).fill('4');
    const due = isoDateInDays(27);
    await dialog.getByRole('status').getByText(`Due ${appDate(due)}, the day of the last check-in`).waitFor();
    await dialog.getByRole('textbox', { name: 'Note for the client' }).fill('Notice one thing he does that helps, each day.');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const assigned = homework.getByRole('button', { name: /^Feedback loop/ });
    await assigned.waitFor();
    const summary = await assigned.innerText();
    expect(summary).toContain('Chen Jing (pseudonym)');
    expect(summary).toContain('Assigned');
    expect(summary).toContain('Weekly for 4 weeks');
    expect(summary).toContain(`Due ${appDate(due)}`);
    expect(summary).not.toContain('Overdue');
    await assigned.click();
    await homework.getByText('Notice one thing he does that helps, each day.').waitFor();
    const checkIns = homework.getByRole('list', { name: 'Check-in calendar' });
    const weeks = await checkIns.getByRole('listitem').allInnerTexts();
    expect(weeks).toEqual([
      `Week of ${appDate(isoDateInDays(0))}: now`,
      `Week of ${appDate(isoDateInDays(7))}: coming up`,
      `Week of ${appDate(isoDateInDays(14))}: coming up`,
      `Week of ${appDate(isoDateInDays(21))}: coming up`,
    ]);
    await homework.getByText('0 of 4 check-ins done').waitFor();
    await browser.screenshot('day-4-feedback-loop-assigned');
  });

  it("reviews Chen Jing's submitted progress narrative: her answers under their questions, feedback sent, marked reviewed", async () => {
    const homework = page.getByRole('region', { name: 'Homework' });
    await homework.getByText('1 answer is waiting for your review').waitFor();
    const summary = homework.getByRole('button', { name: /^Progress narrative/ });
    expect(await summary.innerText()).toContain('Submitted');

    // the submitted answers are open for reading, each under the question it answers
    const answers = homework.getByRole('region', { name: /^Progress narrative/ });
    await answers.waitFor();
    const questions = await answers.getByRole('term').allInnerTexts();
    const replies = await answers.getByRole('definition').allInnerTexts();
    const answerTo = (question: string) => replies[questions.indexOf(question)]?.trim();
    expect(questions).toHaveLength(replies.length);
    expect(answerTo('Where did you start?')).toBe('On thin ice, at 2 or 3.');
    expect(answerTo('What are you proud of?')).toBe('Starting the Sunday check-in myself.');
    expect(answerTo('Where are you now?')).toBe('Around 6 or 7, most days.');

    const feedback = 'Starting the check-in yourself was the turning point: keep it on Sundays.';
    await answers.getByRole('textbox', { name: 'Feedback' }).fill(feedback);
    await answers.getByRole('button', { name: 'Send review' }).click();
    await page.getByText('Review sent').waitFor();

    await expectEventually(async () => (await summary.innerText()).includes('Reviewed'), true);
    expect(await homework.getByText('1 answer is waiting for your review').count()).toBe(0);
    if ((await summary.getAttribute('aria-expanded')) !== 'true') await summary.click();
    await homework.getByText(feedback).waitFor();
    await browser.screenshot('day-5-homework-reviewed');

    // the dashboard no longer asks for this review
    await page.getByRole('menuitem', { name: 'Dashboard' }).click();
    await attentionItems().first().waitFor();
    const reviewAsked = async () => (await attentionItems().allInnerTexts()).some((t) => t.includes('Chen Jing') && t.includes('Progress narrative'));
    await expectEventually(reviewAsked, false);
  });

  it('moves Liu Jia from stage 4 to stage 5 with a reason; the stepper and the stage history show the move', async () => {
    await openCaseFromList('Liu', 'Liu Jia: from anxiety to safety');
    const header = caseHeader('Liu Jia: from anxiety to safety');
    await expect(currentStage(header).innerText()).resolves.toContain('Exception Amplification');

    await header.getByRole('button', { name: 'Move stage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move the case to another stage' });
    await dialog.getByRole('combobox', { name: /To stage/ }).click();
    await page.getByRole('option', { name: '5 · Action Construction' }).click();
    const reason = 'Exceptions are steady (plans shared in advance); ready to build small actions on them.';
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await dialog.getByRole('button', { name: 'Move' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expectEventually(async () => (await currentStage(header).innerText()).includes('Action Construction'), true);
    await header.getByText(/stage 5/).waitFor();
    await tab('Stage history').click();
    const newest = page.getByRole('region', { name: 'Stage history' }).getByRole('row').nth(1);
    await expectEventually(async () => (await newest.innerText()).includes(reason), true);
    expect(await newest.innerText()).toContain('Stage 4 → 5 · forward');
    await browser.screenshot('day-6-liu-jia-moved');
  });

  it('reads the menu and the dashboard in Simplified Chinese, then switches back to English', async () => {
    await page.getByRole('menuitem', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
    await (await appBar(page)).getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();

    await page.getByRole('heading', { name: '需要关注' }).waitFor();
    for (const entry of ['概览', '个案', '来访者', '练习']) {
      await page.getByRole('menuitem', { name: entry }).waitFor();
    }
    await page.getByRole('heading', { name: '各阶段进行中的个案' }).waitFor();
    // the alerts and the exercise titles of the list in Chinese too
    const zhItems = page.getByRole('list', { name: '需要关注' }).getByRole('listitem');
    await zhItems.first().waitFor();
    await page.getByRole('button', { name: /^显示全部/ }).click();
    await page.getByRole('button', { name: '收起' }).waitFor();
    const zhTexts = await zhItems.allInnerTexts();
    expect(zhTexts.some((t) => t.includes('倒退') && t.includes('Liu Jia：最近评分 3.5，比最佳的 5.5 低 2 分'))).toBe(true);
    expect(zhTexts.some((t) => t.includes('Zhou Ting') && t.includes('行动菜单'))).toBe(true);
    expect(zhTexts.some((t) => t.includes('Action menu'))).toBe(false);
    expect(zhTexts.some((t) => t.includes('below best'))).toBe(false);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByRole('menuitem', { name: 'Cases' }).count()).toBe(0);
    await browser.screenshot('day-7-dashboard-zh');

    await (await appBar(page)).getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
    await page.getByRole('menuitem', { name: 'Cases' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});

/**
 * The chart's longest drawn line inside `container`: how many points it joins, and the height of
 * its first and last point. It reads the svg the user sees, not the chart library's markup.
 */
async function longestPolyline(container: Locator): Promise<{ points: number; firstY: number; lastY: number }> {
  const read = async () => {
    const lines = await container.locator('svg path').evaluateAll((elements) =>
      elements
        .filter((el) => el.getAttribute('fill') === 'none')
        .map((el) => [...(el.getAttribute('d') ?? '').matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }))),
    );
    return lines.reduce<{ x: number; y: number }[]>((best, line) => (line.length > best.length ? line : best), []);
  };
  // the chart loads lazily: wait until a line of two points or more is drawn
  const deadline = Date.now() + 10_000;
  let longest = await read();
  while (longest.length < 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    longest = await read();
  }
  return { points: longest.length, firstY: longest[0]?.y ?? NaN, lastY: longest[longest.length - 1]?.y ?? NaN };
}
