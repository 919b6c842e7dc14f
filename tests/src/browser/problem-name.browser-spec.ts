import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, signInToDashboard, type Browser } from '../support/browser.js';
import { ApiSession, assignHomework, CASE_TITLE, CLIENT, demoDirectory, signInToPortal, THERAPIST, type StaffAssignment } from './portal-helpers.js';

/**
 * Externalising the problem: the therapist names Liu Jia's problem in her words ("the Worry") on
 * the case's edit form, sees the case page work on it, and Liu Jia reads it in the prompt of her
 * exception log in the portal, where the exercise would otherwise speak of "the problem".
 */
describe('the problem named in the client\'s own words', () => {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  let url = '';
  let page: Page;
  let therapist: ApiSession;
  let liuCase = '';
  let homework: StaffAssignment;

  beforeAll(async () => {
    server = await startAppServer();
    url = server.url;
    therapist = await ApiSession.signIn(url, THERAPIST);
    const directory = await demoDirectory(therapist);
    liuCase = directory.caseId(CASE_TITLE.liu);
    homework = await assignHomework(therapist, { caseId: liuCase, clientId: directory.clientId('Liu Jia'), exerciseId: directory.exerciseId('exception-log') });
    browser = await openBrowser({ name: 'problem-name' });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the therapist name the problem on the case, and the case page says what they are working on', async () => {
    await signInToDashboard(page, url, THERAPIST);
    await page.goto(`${url}/#/cases/${liuCase}/show`);
    await page.getByRole('heading', { level: 2, name: CASE_TITLE.liu, exact: true }).waitFor();
    expect(await page.getByText(/^Working on:/).count()).toBe(0);
    await page.getByRole('link', { name: 'Edit' }).click();
    const name = page.getByRole('textbox', { name: 'Name of the problem' });
    await name.fill('x'.repeat(81));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Must be at most 80 characters long', { exact: false }).waitFor();
    await name.fill('the Worry');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Working on: the Worry').waitFor();
    expect((await therapist.get<{ problemName: string | null }>(`/api/cases/${liuCase}`)).problemName).toBe('the Worry');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('shows Liu Jia the name in her exercise\'s prompt, instead of "the problem"', async () => {
    await signInToPortal(page, url, CLIENT.liu);
    await page.goto(`${url}/#/homework/${homework.id}`);
    await page.getByRole('heading', { level: 1, name: 'Exception log' }).waitFor();
    await page.getByText('Each day, note a moment when the Worry was weaker or absent.').waitFor();
    expect(await page.getByText(/the problem/).count()).toBe(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });
});
