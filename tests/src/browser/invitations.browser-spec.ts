import type { Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, signIn, signInToDashboard, signOut, type Browser } from '../support/browser.js';
import { SmtpSink } from '@attune/api/testing';

/** The links of the mails point at PUBLIC_URL; the server's port is only known once it runs, so the test opens them there. */
const PUBLIC_URL = 'http://attune.invalid';
const PRACTITIONER_PASSWORD = 'lanterns over the harbour';

/**
 * A new colleague and a new client get in by e-mail alone: an admin invites a practitioner, who
 * follows the link in the mail received over SMTP, chooses a password and signs in; someone who
 * forgot their password gets back in through the sign-in page's link.
 */
describe('invitations and forgotten passwords, with the mails really received', () => {
  const smtp = new SmtpSink();
  let server: AppServer;
  let browser: Browser;
  let page: Page;

  const openLinkOf = async (address: string, subject: RegExp) => {
    await smtp.waitFor(() => smtp.to(address).some((m) => subject.test(m.subject)), 30_000);
    const mail = smtp.to(address).filter((m) => subject.test(m.subject)).at(-1)!;
    const link = mail.links.find((l) => l.startsWith(PUBLIC_URL))!;
    await page.context().clearCookies();
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
    browser = await openBrowser({ name: 'invitations' });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp.stop();
  });

  it('an admin invites a practitioner, who activates from the e-mail and signs in', async () => {
    await signInToDashboard(page, server.url, 'admin@attune.test');
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill('xu.ming@attune.test');
    await page.getByRole('textbox', { name: 'Name' }).fill('Dr. Xu Ming');
    await page.getByText('The person gets an e-mail with a link to choose their own password.').waitFor();
    // no bare client account here (it would open no portal): the form points to the client's profile
    await page.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Admin' }).waitFor();
    expect(await page.getByRole('option').allInnerTexts()).toEqual(['Admin', 'Practitioner']);
    await page.getByRole('option', { name: 'Practitioner' }).click();
    await page.getByText(/A client's portal account is opened from their profile/).waitFor();
    await page.getByRole('link', { name: 'Open the clients list' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Account created; the invitation e-mail was sent').waitFor();
    // no password on the screen: the row is there, with nothing to copy
    await page.getByRole('row', { name: /xu\.ming@attune\.test/ }).waitFor();
    expect(await page.getByText(/temporary password/i).count()).toBe(0);
    await signOut(page);

    await openLinkOf('xu.ming@attune.test', /You are invited/);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await choosePassword(PRACTITIONER_PASSWORD);
    await signIn(page, server.url, 'xu.ming@attune.test', PRACTITIONER_PASSWORD);
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
  });

  it('the practitioner gives a new client a portal account from the client\'s page; the client activates and sees the portal', async () => {
    await signIn(page, server.url, 'xu.ming@attune.test', PRACTITIONER_PASSWORD);
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
    await page.getByRole('menuitem', { name: 'Clients' }).click();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByRole('textbox', { name: 'Display name' }).fill('Gao Yan');
    await page.getByRole('textbox', { name: 'Email' }).fill('gao.yan@attune.test');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row', { name: /Gao Yan/ }).click();
    await page.getByRole('button', { name: 'Invite to the portal' }).click();
    await page.getByText('Invitation sent. The link works for 72 hours.').waitFor();
    // the profile says the client is invited, and until when the link works
    await page.getByText(/^Invited, the link works until /).waitFor();
    await signOut(page);

    await openLinkOf('gao.yan@attune.test', /You are invited/);
    await choosePassword('morning tea by the window');
    await signIn(page, server.url, 'gao.yan@attune.test', 'morning tea by the window');
    await page.getByRole('banner').getByRole('button', { name: 'Notifications' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'My homework' }).waitFor();
  });

  it('someone who forgot their password asks for a link on the sign-in page and gets back in', async () => {
    await page.context().clearCookies();
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill('coach@attune.test');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('If that address has an account, a link is on its way.').waitFor();

    await openLinkOf('coach@attune.test', /Reset your Attune password/);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await choosePassword('a new spring in the valley');
    await signIn(page, server.url, 'coach@attune.test', 'a new spring in the valley');
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
  });
});
