import { generate } from 'otplib';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { appBar, hasFocus, openBrowser, signIn, signInToDashboard, signOut, type Browser } from '../support/browser.js';

const STEP_SECONDS = 30;
const NEW_PASSWORD = 'quiet river lantern 42';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * "My account": the coach sets up two-step sign-in from the page (QR code, key, code, recovery
 * codes), is asked for a code at the next sign-in, then changes the password and signs in with it.
 */
describe('my account', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let secret = '';
  /** The API accepts each time step's code once, so every sign-in needs a code of a later step. */
  let lastStep = -1;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ name: 'account' });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A code of a step later than the last one used, at most one step ahead of now (within the API's tolerance). */
  async function freshCode(): Promise<string> {
    const currentStep = () => Math.floor(Date.now() / 1000 / STEP_SECONDS);
    const target = Math.max(currentStep(), lastStep + 1);
    while (target > currentStep() + 1) await sleep(500);
    lastStep = target;
    return generate({ secret, epoch: target * STEP_SECONDS });
  }

  async function openMyAccount(): Promise<void> {
    await (await appBar(page)).getByRole('button', { name: /profile/i }).click();
    await page.getByRole('menuitem', { name: 'My account' }).click();
    await page.getByRole('heading', { name: 'Two-step sign-in', level: 2 }).waitFor();
  }

  async function expectNoSeriousProblems(): Promise<void> {
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  }

  it('opens My account from the user menu, accessible, with two-step sign-in off', async () => {
    await signInToDashboard(page, server.url, 'coach@attune.test');
    await openMyAccount();
    expect(page.url()).toMatch(/#\/account$/);
    await page.getByText('Two-step sign-in is off.', { exact: false }).waitFor();
    await expectNoSeriousProblems();
  });

  it('sets up two-step sign-in: QR code, key, code, then 10 recovery codes shown once', async () => {
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectNoSeriousProblems();

    // a wrong code is refused at the input
    await page.getByLabel('6-digit code').fill('12345');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Enter the 6 digits your authenticator app shows').waitFor();

    // the password confirms it is the account's owner: a wrong one is refused at its input (the code is not used up)
    const code = await freshCode();
    await page.getByLabel('6-digit code').fill(code);
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('not-my-password');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('This is not your current password').waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await hasFocus(password)).toBe(true);

    await page.getByLabel('6-digit code').fill(code);
    await password.fill('attune-demo');
    await page.getByRole('button', { name: 'Confirm' }).click();
    const codes = page.getByRole('region', { name: 'Your recovery codes' });
    await codes.waitFor();
    expect(await hasFocus(codes)).toBe(true);
    expect(await codes.getByRole('listitem').count()).toBe(10);
    for (const code of await codes.getByRole('listitem').allTextContents()) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
    await expectNoSeriousProblems();
    await browser.screenshot('account-recovery-codes');

    const done = page.getByRole('button', { name: 'Done' });
    expect(await done.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'I have saved these codes' }).check();
    await done.click();
    await page.getByRole('heading', { name: 'Turn off two-step sign-in' }).waitFor();
    expect(await page.getByRole('region', { name: 'Your recovery codes' }).count()).toBe(0);
  });

  it('asks for the code at the next sign-in and reaches the dashboard with a fresh one', async () => {
    await signOut(page);
    await signIn(page, server.url, 'coach@attune.test');
    const code = page.getByLabel('Authentication code');
    await code.waitFor();
    await code.fill(await freshCode());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
  });

  it('changes the password, with the policy’s and the API’s errors at the inputs, then signs in with the new one', async () => {
    await openMyAccount();
    const current = page.getByLabel(/^Current password/);
    const fresh = page.getByLabel(/^New password/);
    const repeat = page.getByLabel(/^Confirm new password/);
    const submit = page.getByRole('button', { name: 'Change password' });

    // the shared policy, checked before anything is sent
    await current.fill('attune-demo');
    await fresh.fill('password123');
    await repeat.fill('password123');
    await submit.click();
    await page.getByText('This is one of the most commonly used passwords', { exact: false }).waitFor();

    // the API's answer, at the input it concerns
    await current.fill('not-my-password');
    await fresh.fill(NEW_PASSWORD);
    await repeat.fill(NEW_PASSWORD);
    await submit.click();
    await page.getByText('This is not your current password').waitFor();
    expect(await current.getAttribute('aria-invalid')).toBe('true');

    await current.fill('attune-demo');
    await submit.click();
    await page.getByText('Your password has been changed', { exact: false }).waitFor();
    expect(await fresh.inputValue()).toBe('');

    await signOut(page);
    await signIn(page, server.url, 'coach@attune.test', NEW_PASSWORD);
    await page.getByLabel('Authentication code').fill(await freshCode());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Needs attention' }).waitFor();
  }, 180_000);

  it('sends staff whose practice requires two-step sign-in to My account, with the reason', async () => {
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE practices SET totp_required_for_staff = true`);
    } finally {
      await db.end();
    }
    await signIn(page, server.url, 'therapist@attune.test');
    await page.getByText('Your practice asks everyone on its staff to use two-step sign-in', { exact: false }).waitFor();
    expect(page.url()).toMatch(/#\/account$/);
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).waitFor();
  });

  it('is in the client portal’s user menu too', async () => {
    await signIn(page, server.url, 'chen.jing@attune.test');
    await (await appBar(page)).getByRole('button', { name: /profile/i }).click();
    await page.getByRole('menuitem', { name: 'My account' }).click();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Change password', level: 2 }).waitFor();
    await expectNoSeriousProblems();
  });
});
