import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, type Browser } from '../support/browser.js';
import {
  answersSection,
  ApiSession,
  assignHomework,
  CASE_TITLE,
  CLIENT,
  demoDirectory,
  pageScrollWidth,
  PHONE,
  signInToPortal,
  THERAPIST,
  type StaffAssignment,
} from './portal-helpers.js';

const MENU = [
  'A thirty-second hug when we get home',
  'Cook together on Saturdays',
  'A message before I leave',
  'Ask about his day before mine',
  'Tea for two after dinner',
  'A walk on Sunday morning',
  'Say thank you for one small thing',
  'Phones away at breakfast',
  'Plan one outing a month',
  'A note in his coat pocket',
];
const OWN_WORDS = 'Tell him one thing I liked about the day';

/**
 * Chen Jing has sent her action menu; the therapist gives her the commitment experiment. In the
 * portal the commitment offers her own menu to choose from: she ticks one item, writes a second
 * action in her own words, and sends both. The therapist reads exactly those two.
 */
describe('the commitment picks from her own action menu', () => {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let therapist: ApiSession;
  let commitment: StaffAssignment;

  beforeAll(async () => {
    const started = await startAppServer();
    server = started;
    therapist = await ApiSession.signIn(started.url, THERAPIST);
    const demo = await demoDirectory(therapist);
    const given = { caseId: demo.caseId(CASE_TITLE.chen), clientId: demo.clientId('Chen Jing (pseudonym)') };
    const menu = await assignHomework(therapist, { ...given, exerciseId: demo.exerciseId('action-menu') });
    const chen = await ApiSession.signIn(started.url, CLIENT.chen);
    const sent = await chen.call('POST', `/api/me/assignments/${menu.id}/submit`, { response: { actions: MENU } });
    expect(sent.status).toBe(200);
    commitment = await assignHomework(therapist, { ...given, exerciseId: demo.exerciseId('commitment-experiment') });
    const opened = await openBrowser({ ...PHONE, name: 'portal-commitment' });
    browser = opened;
    page = opened.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('offers her menu, takes one item from it and one in her own words, and sends both', async () => {
    await signInToPortal(page, server!.url, CLIENT.chen);
    await page.locator(`a[href="#/homework/${commitment.id}"]`).first().click();
    await page.getByRole('heading', { level: 1, name: 'Commitment and experiment' }).waitFor();
    const picks = answersSection(page).getByRole('group', { name: 'Choose from your action menu' });
    await picks.waitFor();
    const offered = await picks.getByRole('checkbox').count();
    expect(offered).toBe(MENU.length);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await picks.getByRole('checkbox', { name: 'Cook together on Saturdays' }).check();
    const first = answersSection(page).getByRole('textbox', { name: 'Action from your menu 1' });
    expect(await first.inputValue()).toBe('Cook together on Saturdays');
    await answersSection(page).getByRole('button', { name: 'Add: Action from your menu' }).click();
    await answersSection(page).getByRole('textbox', { name: 'Action from your menu 2' }).fill(OWN_WORDS);
    // two of at most two: the rest of the menu cannot be ticked any more; unticking frees a place
    expect(await picks.getByRole('checkbox', { name: 'Tea for two after dinner' }).isDisabled()).toBe(true);
    await answersSection(page).getByRole('textbox', { name: 'What do you hope to learn?' }).fill('Whether cooking together keeps us close.');
    await answersSection(page).getByRole('textbox', { name: 'How will you know you have learned something?' }).fill('Saturdays feel easy.');
    await answersSection(page).getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('alert').filter({ hasText: 'Sent. Thank you: your practitioner will read it.' }).waitFor();

    const read = await therapist.get<StaffAssignment & { response: { actions: string[] } }>(`/api/assignments/${commitment.id}`);
    expect(read.response.actions).toEqual(['Cook together on Saturdays', OWN_WORDS]);
  });
});
