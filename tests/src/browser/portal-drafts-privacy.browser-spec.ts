import type { Page } from 'playwright-core';
import type { AppServer } from '../support/app-server.js';
import type { Browser } from '../support/browser.js';
import {
  answersSection,
  ApiSession,
  chenOnPhoneWithHomework,
  CLIENT,
  signInToPortal,
  signOutOfPortal,
  type StaffAssignment,
} from './portal-helpers.js';

const PRIVATE_ANSWER = 'I did not tell him about the argument with my sister';
const AFTER_TIMEOUT = 'Typed as the session ran out';

/**
 * A shared device: what a client types into homework is kept in the browser only while they are
 * signed in. Signing out, or the session ending (the API answers 401 and the portal returns to
 * the sign-in page), leaves nothing of it in localStorage; and whoever signs in next on the same
 * browser profile finds none of it.
 */
describe('portal drafts on a shared device', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let homework: StaffAssignment;
  let chenUserId: string;

  beforeAll(async () => {
    ({ server, browser, homework } = await chenOnPhoneWithHomework('hope-questions'));
    chenUserId = (await (await ApiSession.signIn(server.url, CLIENT.chen)).call<{ id: string }>('GET', '/api/auth/me')).body.id;
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Everything the browser keeps in localStorage, as someone at the keyboard could read it. */
  const storage = (): Promise<Record<string, string>> => page.evaluate(() => ({ ...window.localStorage }));
  const draftKeys = async () => Object.keys(await storage()).filter((k) => k.startsWith('attune.portal.draft.'));
  const answerBox = () => answersSection(page).getByRole('textbox', { name: 'If things were a little better today, what would be different?' });

  async function openHomeworkAndType(text: string): Promise<void> {
    await page.locator(`a[href="#/homework/${homework.id}"]`).click();
    await page.getByRole('heading', { level: 1, name: 'Hope questions' }).waitFor();
    await answerBox().click();
    await page.keyboard.type(text);
  }

  it('keeps the copy under a key naming the client while she types, and removes it when she signs out', async () => {
    await signInToPortal(page, server.url, CLIENT.chen);
    await openHomeworkAndType(PRIVATE_ANSWER);
    // the device copy is written on every change: it is there, under her own key
    const key = `attune.portal.draft.${chenUserId}.${homework.id}`;
    expect((await storage())[key]).toContain(PRIVATE_ANSWER);

    await signOutOfPortal(page);
    expect(await draftKeys()).toEqual([]);
    expect(JSON.stringify(await storage())).not.toContain(PRIVATE_ANSWER);
  });

  it('removes it when the session ends and the portal returns to the sign-in page', async () => {
    await signInToPortal(page, server.url, CLIENT.chen);
    await openHomeworkAndType(' more');
    // the session ends on the server side: the next autosave is answered 401
    await page.context().clearCookies();
    await page.keyboard.type(AFTER_TIMEOUT);
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    expect(await draftKeys()).toEqual([]);
    expect(JSON.stringify(await storage())).not.toContain(AFTER_TIMEOUT);
  });

  it('shows another client signing in on the same browser none of a draft left behind', async () => {
    // as a crash or an older version of the portal might have left them: under her key, and under the old one
    await page.evaluate(([chenKey, oldKey, text]) => {
      const draft = JSON.stringify({ v: 1, userId: 'chen', values: { littleBetter: text }, changedAt: Date.now() });
      window.localStorage.setItem(chenKey!, draft);
      window.localStorage.setItem(oldKey!, draft);
    }, [`attune.portal.draft.${chenUserId}.${homework.id}`, `attune.portal.draft.${homework.id}`, PRIVATE_ANSWER]);
    expect(await draftKeys()).toHaveLength(2);

    await signInToPortal(page, server.url, CLIENT.liu);
    expect(await draftKeys()).toEqual([]);
    expect(JSON.stringify(await storage())).not.toContain(PRIVATE_ANSWER);
    expect(await page.getByText(PRIVATE_ANSWER).count()).toBe(0);
  });
});
