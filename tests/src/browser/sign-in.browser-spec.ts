import { startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, signIn, type Browser } from '../support/browser.js';

describe('signing in', () => {
  let server: AppServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the sign-in page with Email, Password and a Sign in button', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByLabel('Email').isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Password' }).isVisible()).toBe(true);
    await browser.screenshot('sign-in-page');
  });

  it('tells a person whose password is wrong, in words', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'therapist@attune.test', 'not-the-password');
    await page.getByText(/email or password is incorrect/i).waitFor();
  });

  it('lists the three seed cases after the therapist signs in', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'therapist@attune.test');
    await page.getByRole('link', { name: /cases/i }).first().click();
    for (const title of ['Chen Jing: between two fears', 'Zhao Lei and Zhou Ting: from silence to dialogue', 'Liu Jia: from anxiety to safety']) {
      await page.getByText(title).first().waitFor();
    }
    expect(await page.getByText('He Yun: rebuilding trust after a move').count()).toBe(0);
    await browser.screenshot('therapist-cases');
  });
});
