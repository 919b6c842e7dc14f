import { startAppServer, type AppServer } from '../support/app-server.js';
import { expectEventually, openBrowser, type Browser } from '../support/browser.js';
import { ApiSession, CASE_TITLE, CLIENT, demoDirectory, pageScrollWidth, PHONE, portalNavLink, signInToPortal, THERAPIST, type CaseExceptionRecord, type ScaleScoreRecord } from './portal-helpers.js';

/**
 * Outside homework, on a phone: Liu Jia logs a good moment and rates herself; her therapist finds
 * both in the case, as an exception from the client and a self-rating.
 */
describe('a client adds a good moment and a self-rating at any time', () => {
  let server: AppServer;
  let browser: Browser;
  let therapist: ApiSession;
  let liuCase: string;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await openBrowser({ ...PHONE, name: 'portal-entries' });
    therapist = await ApiSession.signIn(server.url, THERAPIST);
    liuCase = (await demoDirectory(therapist)).caseId(CASE_TITLE.liu);
    await signInToPortal(browser.page, server.url, CLIENT.liu);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('names the missing answer at its field, then saves the moment into the case as the client\'s own', async () => {
    const { page } = browser;
    await portalNavLink(page, 'Log a good moment').click();
    await page.getByRole('heading', { name: 'Log a good moment' }).waitFor();
    await page.getByRole('button', { name: 'Save this moment' }).click();
    await expectEventually(() => page.getByRole('textbox', { name: /What was going on\?/ }).evaluate((el) => el === document.activeElement), true);

    await page.getByRole('textbox', { name: /What was going on\?/ }).fill('He texted before his meeting that he would call at six');
    await page.getByRole('textbox', { name: /What did you do differently\?/ }).fill('Went on with my afternoon');
    await page.getByRole('button', { name: 'Save this moment' }).click();
    await page.getByText('Saved. Thank you for noticing it.').waitFor();
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await browser.screenshot('portal-log-moment');

    const exceptions = await therapist.get<CaseExceptionRecord[]>('/api/exceptions', { filter: { caseId: liuCase }, sort: ['occurredAt', 'DESC'], range: [0, 49] });
    const mine = exceptions.filter((e) => e.context === 'He texted before his meeting that he would call at six');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ source: 'client', clientId: expect.any(String) });
  });

  it('saves a self-rating that the therapist sees as the client\'s', async () => {
    const { page } = browser;
    await portalNavLink(page, 'Rate myself').click();
    await page.getByRole('heading', { name: 'Rate myself' }).waitFor();
    // until a number is chosen, nothing reads as chosen; a number off the scale is named as such
    await page.getByText('Not chosen yet').first().waitFor();
    await page.getByRole('spinbutton', { name: /Or type the number/ }).fill('11');
    await page.getByText('Choose a number from 1 to 10, in steps of 0.5.').waitFor();
    expect(await page.getByText('Please answer this one.').count()).toBe(0);
    await page.getByRole('spinbutton', { name: /Or type the number/ }).fill('4.5');
    expect(await page.getByText('Choose a number from 1 to 10, in steps of 0.5.').count()).toBe(0);
    await page.getByRole('textbox', { name: /What keeps you from being lower\?/ }).fill('The message ritual');
    await page.getByRole('button', { name: 'Save my rating' }).click();
    await page.getByText('Saved. Your rating is in your progress chart.').waitFor();
    await browser.screenshot('portal-rate-myself');

    const scores = await therapist.get<ScaleScoreRecord[]>('/api/scale-scores', { filter: { caseId: liuCase }, sort: ['recordedAt', 'DESC'], range: [0, 0] });
    expect(scores[0]).toMatchObject({ score: 4.5, source: 'client', keepsFromLower: 'The message ritual' });
  });
});
