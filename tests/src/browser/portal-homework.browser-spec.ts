import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import type { AppServer } from '../support/app-server.js';
import type { Browser } from '../support/browser.js';
import {
  answersSection,
  autosaveStatus,
  chenOnPhoneWithHomework,
  CLIENT,
  homeworkGroup,
  isFocused,
  isUncovered,
  pageScrollWidth,
  PHONE,
  pressTabUntilFocused,
  signInToPortal,
  type StaffAssignment,
} from './portal-helpers.js';

const LITTLE_BETTER = 'We would have breakfast together without checking our phones';
const FIRST_SIGN = 'He asks how I slept, and I tell him honestly';

/**
 * Chen Jing's homework on a phone, by keyboard alone: the therapist gives her the hope questions,
 * she answers them with Tab and typing, sees the draft saved, finds it again after a reload, sends
 * it and finds it waiting for her practitioner. Nothing scrolls sideways, axe finds nothing serious,
 * and the portal speaks Chinese when she asks it to.
 */
describe("a client's homework on a phone, by keyboard", () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let homework: StaffAssignment;

  beforeAll(async () => {
    ({ server, browser, homework } = await chenOnPhoneWithHomework('hope-questions', { dueInDays: 5, note: 'Small steps: one little thing is enough.' }));
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const homeworkLink = () => page.locator(`a[href="#/homework/${homework.id}"]`);
  const littleBetter = () => answersSection(page).getByRole('textbox', { name: 'If things were a little better today, what would be different?' });
  const firstSign = () => answersSection(page).getByRole('textbox', { name: 'What would be the first small sign of it?' });

  it('shows Chen her new homework under "To do", fitting the phone, with nothing serious for axe', async () => {
    await signInToPortal(page, server.url, CLIENT.chen);
    const toDo = homeworkGroup(page, 'To do');
    await toDo.getByRole('link', { name: 'Hope questions' }).waitFor();
    expect(await toDo.locator(`a[href="#/homework/${homework.id}"]`).count()).toBe(1);
    await toDo.getByText('“Small steps: one little thing is enough.”').waitFor();

    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await browser.screenshot('portal-homework-list');
  });

  it('lets her answer by keyboard alone: Tab to the question, type, Tab on; the draft is saved', async () => {
    await homeworkLink().click();
    await page.getByRole('heading', { level: 1, name: 'Hope questions' }).waitFor();
    await page.getByRole('region', { name: 'A note from your practitioner' }).getByText('Small steps: one little thing is enough.').waitFor();
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // The page opens with the focus on its title; the first question is reached with Tab.
    await pressTabUntilFocused(page, littleBetter());
    await page.keyboard.type(LITTLE_BETTER);
    await page.keyboard.press('Tab');
    expect(await isFocused(firstSign())).toBe(true);
    await page.keyboard.type(FIRST_SIGN);
    await page.keyboard.press('Tab');
    const submit = answersSection(page).getByRole('button', { name: 'Submit' });
    expect(await isFocused(submit)).toBe(true);
    // the focused button is in sight, not hidden under the autosave line stuck to the bottom of the screen
    expect(await isUncovered(submit)).toBe(true);

    await autosaveStatus(page).filter({ hasText: /^Saved at \d{1,2}:\d{2}/ }).waitFor();
    expect(await littleBetter().inputValue()).toBe(LITTLE_BETTER);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await browser.screenshot('portal-homework-draft-saved');
  });

  it('still has the draft after a reload, from the server', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Hope questions' }).waitFor();
    await littleBetter().waitFor();
    expect(await littleBetter().inputValue()).toBe(LITTLE_BETTER);
    expect(await firstSign().inputValue()).toBe(FIRST_SIGN);
    // Restored from the server's draft, not from a copy left on the device.
    expect(await page.getByText('We restored answers you typed on this device').count()).toBe(0);
    expect(await page.getByText('In progress', { exact: true }).count()).toBe(1);
    // axe on the page with answers in it (the focus is back on the title, so no focus ripple is running)
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('sends it by keyboard, and lists it as waiting for her practitioner', async () => {
    await pressTabUntilFocused(page, answersSection(page).getByRole('button', { name: 'Submit' }));
    await page.keyboard.press('Enter');
    const sent = page.getByRole('alert').filter({ hasText: 'Sent. Thank you: your practitioner will read it.' });
    await sent.waitFor();
    expect(await isFocused(sent)).toBe(true); // a screen reader hears it at once
    await page.getByRole('region', { name: 'What you sent' }).getByText(LITTLE_BETTER).waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0); // sent answers can no longer change
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await browser.screenshot('portal-homework-sent');

    await page.getByRole('link', { name: 'Back to my homework' }).click();
    // From the moment the list is drawn it shows the homework as sent, never for a while still "to do".
    await page.getByRole('region', { name: /^(To do|Waiting for your practitioner) \(/ }).first().waitFor();
    expect(await homeworkGroup(page, 'To do').locator(`a[href="#/homework/${homework.id}"]`).count()).toBe(0);
    expect(await homeworkGroup(page, 'Waiting for your practitioner').locator(`a[href="#/homework/${homework.id}"]`).count()).toBe(1);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('speaks Chinese after she picks 简体中文: the homework headings, and an exercise page', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('heading', { level: 1, name: '我的作业' }).waitFor();
    for (const heading of ['待完成', '等待咨询师查看', '咨询师已回复']) {
      await page.getByRole('heading', { level: 2, name: new RegExp(`^${heading} \\(\\d+\\)$`) }).waitFor();
    }
    await page.getByRole('navigation', { name: '门户栏目' }).getByRole('link', { name: '我的作业' }).waitFor();
    expect(await page.getByRole('heading', { name: /My homework|To do|Waiting for your practitioner/ }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await browser.screenshot('portal-homework-zh');

    // the homework she sent, in Chinese too: its title, and what she wrote as she wrote it
    await homeworkGroup(page, '等待咨询师查看').locator(`a[href="#/homework/${homework.id}"]`).click();
    await page.getByRole('heading', { level: 1, name: '希望提问' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '怎么做' }).waitFor();
    await page.getByRole('region', { name: '您提交的内容' }).getByText(LITTLE_BETTER).waitFor();
    // the built-in exercise's own words in Chinese: its summary and the question above her answer
    await page.getByText('想象情况只是好了一点点，而不是全部解决。').waitFor();
    await page.getByRole('region', { name: '您提交的内容' }).getByText('如果今天情况好了一点，会有什么不同？').waitFor();
    expect(await page.getByText('Imagine things being just a little better, not solved.').count()).toBe(0);
    await page.getByRole('link', { name: '返回我的作业' }).waitFor();
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
  });
});
