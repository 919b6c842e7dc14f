import type { Page } from 'playwright-core';
import { JOB_QUEUES, sendJobNow, SmtpSink } from '@attune/api/testing';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { isoDateInDays, openBrowser, signIn, signInToDashboard, signOut, type Browser } from '../support/browser.js';
import { answersSection, homeworkGroup, signOutOfPortal } from './portal-helpers.js';

/** The links of the mails point at PUBLIC_URL; the server's port is only known once it runs, so the test opens them there. */
const PUBLIC_URL = 'http://attune.invalid';
const PRACTITIONER = { email: 'xu.ming@attune.test', name: 'Dr. Xu Ming', password: 'lanterns over the harbour' };
const CLIENT = { email: 'gao.yan@attune.test', name: 'Gao Yan', password: 'morning tea by the window' };
const CASE_TITLE = 'Gao Yan: finding calm';
const LITTLE_BETTER = 'Taking the long way home by the river, together.';
const FEEDBACK = 'The river walk is a lovely first sign: notice when it happens.';

/**
 * The "done when", as one walk in Chromium with every mail really received over SMTP: an
 * admin invites a practitioner, who activates, creates a client and invites them to the portal; the
 * client activates, gets homework, is reminded the day before it is due, submits; the practitioner
 * hears of it on the bell and reviews; the client is told. The one step not taken in a browser is
 * the clock: the reminder job is run at once through the queue (as its cron would run it).
 */
describe('a new practice run from the browser alone, with the mails received', () => {
  const smtp = new SmtpSink();
  let server: AppServer;
  let browser: Browser;
  let page: Page;

  const mailTo = async (address: string, subject: RegExp) => {
    await smtp.waitFor(() => smtp.to(address).some((m) => subject.test(m.subject)), 60_000);
    return smtp.to(address).filter((m) => subject.test(m.subject)).at(-1)!;
  };
  const openLinkOf = async (address: string, subject: RegExp) => {
    const link = (await mailTo(address, subject)).links.find((l) => l.startsWith(PUBLIC_URL))!;
    await page.context().clearCookies();
    // a page load of its own: a hash change inside the signed-out app may re-render the form under the typing
    await page.goto('about:blank');
    await page.goto(link.replace(PUBLIC_URL, server.url));
  };
  const choosePassword = async (password: string) => {
    await page.getByRole('textbox', { name: 'New password' }).fill(password);
    await page.getByRole('textbox', { name: 'Repeat the password' }).fill(password);
    await page.getByRole('button', { name: 'Save the password' }).click();
    await page.getByText('Your password is set. You can sign in now.').waitFor();
  };
  beforeAll(async () => {
    await smtp.start(0);
    server = await startAppServer({ LOGIN_THROTTLE_LIMIT: '1000', SMTP_URL: smtp.url, PUBLIC_URL, MAIL_FROM: 'Attune <no-reply@attune.test>', JOB_POLLING_SECONDS: '0.5' });
    browser = await openBrowser({ name: 'new-practice' });
    page = browser.page;
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
    await smtp.stop();
  });

  it('invites, activates, assigns, reminds, submits, notifies, reviews and tells', async () => {
    // the admin invites a practitioner by e-mail; the practitioner activates from the mail
    await signInToDashboard(page, server.url, 'admin@attune.test');
    // the practice's overdue notice: a day after the due date (Admin → Outbox)
    await page.getByRole('menuitem', { name: 'Outbox' }).click();
    const reminders = page.getByRole('region', { name: 'Reminders to clients' });
    await reminders.getByRole('checkbox', { name: 'Send an overdue notice' }).waitFor();
    expect(await reminders.getByRole('checkbox', { name: 'Send an overdue notice' }).isChecked()).toBe(true);
    await reminders.getByRole('spinbutton', { name: 'Days after the due date' }).fill('1');
    await reminders.getByRole('button', { name: 'Save reminder settings' }).click();
    await reminders.getByText('Reminder settings saved.').waitFor();
    await page.reload();
    await expect(page.getByRole('region', { name: 'Reminders to clients' }).getByRole('spinbutton', { name: 'Days after the due date' }).inputValue()).resolves.toBe('1');
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill(PRACTITIONER.email);
    await page.getByRole('textbox', { name: 'Name' }).fill(PRACTITIONER.name);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row', { name: /xu\.ming@attune\.test/ }).waitFor();
    await signOut(page);
    await openLinkOf(PRACTITIONER.email, /You are invited/);
    await choosePassword(PRACTITIONER.password);

    // the practitioner creates a client, invites them to the portal and opens a case
    await signIn(page, server.url, PRACTITIONER.email, PRACTITIONER.password);
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
    await page.getByRole('menuitem', { name: 'Clients' }).click();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByRole('textbox', { name: 'Display name' }).fill(CLIENT.name);
    await page.getByRole('textbox', { name: 'Email' }).fill(CLIENT.email);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row', { name: /Gao Yan/ }).click();
    await page.getByRole('button', { name: 'Invite to the portal' }).click();
    await page.getByText('Invitation sent. The link works for 72 hours.').waitFor();

    await page.getByRole('menuitem', { name: 'Cases' }).click();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill(CASE_TITLE);
    await page.getByRole('radio', { name: 'Individual' }).check();
    await page.getByRole('combobox', { name: 'Clients' }).fill('Gao');
    await page.getByRole('option', { name: CLIENT.name }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 2, name: CASE_TITLE }).waitFor();
    const caseUrl = page.url();
    await signOut(page);

    // the client activates, and chooses no quiet hours (the walk may run in the evening)
    await openLinkOf(CLIENT.email, /You are invited/);
    await choosePassword(CLIENT.password);
    await signIn(page, server.url, CLIENT.email, CLIENT.password);
    await page.getByRole('heading', { level: 1, name: 'My homework' }).waitFor();
    await page.goto(`${server.url}/#/account`);
    await page.getByLabel('Quiet hours from').fill('00:00');
    await page.getByLabel('Quiet hours until').fill('00:00');
    await page.getByRole('button', { name: 'Save notification settings' }).click();
    await page.getByText('Notification settings saved.').waitFor();
    await signOutOfPortal(page);

    // the practitioner gives homework due tomorrow; the client hears of it, then is reminded
    await signIn(page, server.url, PRACTITIONER.email, PRACTITIONER.password);
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
    await page.goto(caseUrl);
    await page.getByRole('tab', { name: 'Homework' }).click();
    const homework = page.getByRole('region', { name: 'Homework' });
    await homework.getByRole('button', { name: 'Assign exercise' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign exercise' });
    await dialog.getByRole('combobox', { name: 'Exercise' }).fill('narrative');
    await page.getByRole('option', { name: '1 · Relationship narrative' }).click();
    await dialog.getByRole('textbox', { name: 'Due date' }).fill(isoDateInDays(1));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await homework.getByRole('button', { name: /^Relationship narrative/ }).waitFor();
    await signOut(page);

    const assigned = await mailTo(CLIENT.email, /^You have new homework from Dr\. Xu Ming$/);
    expect(assigned.text).not.toContain('Relationship narrative');
    // the reminder job, run now through the queue instead of at the next quarter hour
    await sendJobNow(server.databaseUrl, JOB_QUEUES.homeworkReminders);
    const reminder = await mailTo(CLIENT.email, /^Your homework is due tomorrow$/);
    const homeworkLink = reminder.links.find((l) => l.startsWith(PUBLIC_URL))!;

    // the client follows the reminder's link and submits
    await signIn(page, server.url, CLIENT.email, CLIENT.password);
    await page.getByRole('heading', { level: 1, name: 'My homework' }).waitFor();
    await homeworkGroup(page, 'To do').getByRole('link', { name: 'Relationship narrative' }).waitFor();
    await page.goto(homeworkLink.replace(PUBLIC_URL, server.url));
    await page.getByRole('heading', { level: 1, name: 'Relationship narrative' }).waitFor();
    const form = answersSection(page);
    await form.getByRole('textbox', { name: 'What matters most to you in this relationship?' }).fill(LITTLE_BETTER);
    await form.getByRole('textbox', { name: 'What are you struggling with right now?' }).fill('Evenings when we both come home tired.');
    await form.getByRole('textbox', { name: 'What do you long for?' }).fill('Humming while we cook together.');
    await form.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('alert').filter({ hasText: 'Sent. Thank you: your practitioner will read it.' }).waitFor();
    await signOutOfPortal(page);

    // the practitioner is told on the bell (and by e-mail), opens the case from it and reviews
    await mailTo(PRACTITIONER.email, /^Homework was submitted$/);
    await signIn(page, server.url, PRACTITIONER.email, PRACTITIONER.password);
    const bell = page.getByRole('banner').getByRole('button', { name: /^Notifications, \d+ unread$/ });
    await bell.click();
    await page.getByRole('button', { name: /A client submitted homework/ }).click();
    await page.getByRole('heading', { level: 2, name: CASE_TITLE }).waitFor();
    await page.getByRole('tab', { name: 'Homework' }).click();
    const answers = homework.getByRole('region', { name: /^Relationship narrative/ });
    await answers.getByText(LITTLE_BETTER).waitFor();
    await answers.getByRole('textbox', { name: 'Feedback' }).fill(FEEDBACK);
    await answers.getByRole('button', { name: 'Send review' }).click();
    await page.getByText('Review sent').waitFor();
    await signOut(page);

    // the client is told: an e-mail without the feedback's words, and the bell in the portal
    const told = await mailTo(CLIENT.email, /^Dr\. Xu Ming replied to your homework$/);
    expect(`${told.subject}\n${told.text}\n${told.html}`).not.toContain(FEEDBACK);
    await signIn(page, server.url, CLIENT.email, CLIENT.password);
    await page.getByRole('banner').getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    await page.getByRole('button', { name: /Dr\. Xu Ming replied to your homework/ }).waitFor();

    // no mail of the walk carries the client's name or what they wrote
    const mails = smtp.received.map((m) => `${m.subject}\n${m.text}\n${m.html}`);
    expect(mails.filter((m) => m.includes(LITTLE_BETTER) || m.includes(FEEDBACK) || m.includes(CLIENT.name))).toEqual([]);
  });
});
