import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { DEMO_PASSWORD, startAppServer, type AppServer } from '../support/app-server.js';
import { hasFocus, openBrowser, signIn, signInToDashboard, tabTo, type Browser } from '../support/browser.js';
import { signInOn } from '../security/harness.js';

/**
 * An admin helps colleagues back in from the Users page: one whose sign-in someone slowed down with
 * wrong passwords, one who lost the phone with their authenticator app. Each action asks for a
 * reason in a dialog that works from the keyboard.
 */
describe('an admin helping someone back in', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // the per-address sign-in limit (10 a minute) is not what this file is about: every request here comes from 127.0.0.1
    server = await startAppServer({ LOGIN_THROTTLE_LIMIT: '1000' });
    browser = await openBrowser({ name: 'account-recovery' });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const login = (email: string, password = DEMO_PASSWORD) => request(server.url).post('/api/auth/login').send({ email, password });

  async function openUser(email: string): Promise<void> {
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) }).click();
    await page.getByRole('button', { name: 'Unlock sign-in' }).waitFor();
  }

  it('unlocks the therapist after someone tried wrong passwords, with a reason typed and sent from the keyboard', async () => {
    for (let i = 0; i < 5; i++) expect((await login('therapist@attune.test', `someone guessing ${i}`)).status).toBe(401);
    // the wait after the fifth failure is one second, doubling with each failure after it; a loaded
    // machine can take longer than one second to check a password, so the guesser goes on (waiting
    // when told to) until the wait is four seconds, and the right password comes within it
    for (let failures = 5; failures < 7; ) {
      const guess = await login('therapist@attune.test', `someone guessing ${failures}`);
      expect([401, 429]).toContain(guess.status);
      if (guess.status === 401) failures++;
      else await new Promise((resolve) => setTimeout(resolve, Number(guess.headers['retry-after']) * 1000));
    }
    expect((await login('therapist@attune.test')).status).toBe(429);

    await signInToDashboard(page, server.url, 'admin@attune.test');
    await openUser('therapist@attune.test');
    // no two-step sign-in to reset for this account
    expect(await page.getByRole('button', { name: 'Reset two-step sign-in' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Unlock sign-in' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Unlock sign-in' });
    await dialog.waitFor();
    const reason = dialog.getByLabel('Reason');
    expect(await hasFocus(reason)).toBe(true);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // a reason is required
    const save = dialog.getByRole('button', { name: 'Unlock sign-in' });
    await tabTo(page, save);
    await page.keyboard.press('Enter');
    await dialog.getByText('Required').waitFor();

    await reason.fill('Dr. Wang called; identity checked by phone');
    await tabTo(page, save);
    await page.keyboard.press('Enter');
    await page.getByText('Sign-in unlocked').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect((await login('therapist@attune.test')).status).toBe(200);
    await browser.screenshot('admin-unlock-done');
  });

  it('resets the coach’s two-step sign-in after a lost phone, signing the coach out everywhere', async () => {
    // the coach had set it up (through the API, as the account page would)
    const coach = await signInOn(server.url, 'coach@attune.test');
    const { secret } = (await coach.req('post', '/api/auth/totp/enrol')).body as { secret: string };
    const confirm = await coach.req('post', '/api/auth/totp/confirm').send({ code: await generate({ secret }), password: DEMO_PASSWORD });
    expect(confirm.status).toBe(200);
    expect((await login('coach@attune.test')).body.code).toBe('TOTP_REQUIRED');

    await openUser('coach@attune.test');
    await page.getByRole('button', { name: 'Reset two-step sign-in' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset two-step sign-in' });
    await dialog.getByText('signs them out everywhere', { exact: false }).waitFor();
    await dialog.getByLabel('Reason').fill('Lost phone; seen in person at the practice');
    await browser.screenshot('admin-reset-two-step');
    await dialog.getByRole('button', { name: 'Reset two-step sign-in' }).click();
    await page.getByText('Two-step sign-in is off for this account', { exact: false }).waitFor();

    expect((await coach.req('get', '/api/auth/me')).status).toBe(401);
    const after = await login('coach@attune.test');
    expect(after.status).toBe(200);
    expect(after.body.totpEnabled).toBe(false);
    // nothing left to reset: the page no longer offers it
    await page.reload();
    await page.getByRole('button', { name: 'Unlock sign-in' }).waitFor();
    expect(await page.getByRole('button', { name: 'Reset two-step sign-in' }).count()).toBe(0);
  });

  it('forces the therapist to choose a new password: signed out, then only the password change until it is done', async () => {
    const therapist = await signInOn(server.url, 'therapist@attune.test');
    await openUser('therapist@attune.test');
    await page.getByRole('button', { name: 'Force a password change' }).click();
    const dialog = page.getByRole('dialog', { name: 'Force a password change' });
    await dialog.getByText('must choose a new one before anything else', { exact: false }).waitFor();
    await dialog.getByLabel('Reason').fill('Password written on a shared screen');
    await dialog.getByRole('button', { name: 'Force a password change' }).click();
    await page.getByText('They have been signed out and must choose a new password at the next sign-in').waitFor();
    await page.getByText('Must choose a new password at the next sign-in', { exact: true }).waitFor();
    expect((await therapist.req('get', '/api/auth/me')).status).toBe(401);

    await signIn(page, server.url, 'therapist@attune.test');
    await page.getByText('An administrator of your practice asked you to choose a new password.', { exact: false }).waitFor();
    expect(await page.getByRole('heading', { name: 'Needs attention' }).count()).toBe(0);
    await page.getByLabel(/^Current password/).fill(DEMO_PASSWORD);
    await page.getByLabel(/^New password/).fill('a quiet harbour at dusk');
    await page.getByLabel(/^Confirm new password/).fill('a quiet harbour at dusk');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
    await browser.screenshot('forced-password-change-done');
  });
});
