import { builtInExercise } from '@attune/domain';
import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, type Browser } from '../support/browser.js';
import {
  answersFor,
  answersSection,
  ApiSession,
  assignHomework,
  CASE_TITLE,
  CLIENT,
  demoDirectory,
  fillExerciseForm,
  homeworkGroup,
  pageScrollWidth,
  PHONE,
  portalNavLink,
  signInToPortal,
  signOutOfPortal,
  THERAPIST,
  type StaffAssignment,
} from './portal-helpers.js';

const SHARE = 'Share this answer with my partner';
const hopeQuestions = builtInExercise('hope-questions')!;
const copingList = builtInExercise('coping-list')!;
// Words that can be found again: what Zhao shares, and what he keeps between himself and the therapist.
const sharedAnswers = answersFor(hopeQuestions.fields, 'Zhao shares this');
const privateAnswers = answersFor(copingList.fields, 'Zhao keeps this private');
const sharedText = (sharedAnswers.get(hopeQuestions.fields[0]!) as { text: string }).text;
const privateText = (privateAnswers.get(copingList.fields[1]!) as { text: string }).text;
const privateItem = (privateAnswers.get(copingList.fields[0]!) as { items: string[] }).items[0]!;

/**
 * A couple's privacy, on a phone: Zhao Lei sends one answer shared with his partner and keeps
 * another private; Zhou Ting sees only the shared one under "Shared by my partner", and the API
 * gives her session nothing else.
 */
describe('sharing an answer with a partner, and keeping another private', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let shared: StaffAssignment;
  let kept: StaffAssignment;
  let sharedBefore: string[];

  beforeAll(async () => {
    server = await startAppServer();
    const therapist = await ApiSession.signIn(server.url, THERAPIST);
    const demo = await demoDirectory(therapist);
    const couple = { caseId: demo.caseId(CASE_TITLE.couple), clientId: demo.clientId('Zhao Lei') };
    shared = await assignHomework(therapist, { ...couple, exerciseId: demo.exerciseId('hope-questions') });
    kept = await assignHomework(therapist, { ...couple, exerciseId: demo.exerciseId('coping-list') });
    // what Zhao had already shared in the demo data (his micro-experiment)
    const zhaos = await therapist.get<StaffAssignment[]>('/api/assignments', { filter: { clientId: couple.clientId }, range: [0, 99] });
    sharedBefore = zhaos.filter((a) => a.sharedWithPartner && (a.status === 'submitted' || a.status === 'reviewed')).map((a) => a.id);
    expect(sharedBefore).toHaveLength(1);
    browser = await openBrowser(PHONE);
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openAndFill(assignment: StaffAssignment, title: string, answers: typeof sharedAnswers): Promise<void> {
    await portalNavLink(page, 'My homework').click();
    await homeworkGroup(page, 'To do').locator(`a[href="#/homework/${assignment.id}"]`).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await fillExerciseForm(page, answers);
  }

  it('lets Zhao send his hope questions shared with Zhou, and his coping list private', async () => {
    await signInToPortal(page, server.url, CLIENT.zhao);

    await openAndFill(shared, 'Hope questions', sharedAnswers);
    const share = answersSection(page).getByRole('checkbox', { name: SHARE });
    expect(await share.isChecked()).toBe(false); // private unless he says otherwise
    await share.check();
    await browser.screenshot('portal-partner-sharing');
    await answersSection(page).getByRole('button', { name: 'Submit' }).click();
    await page.getByText('Sent. Thank you: your practitioner will read it.').waitFor();
    await page.getByText('You shared these answers with your partner.').waitFor();

    await openAndFill(kept, 'Coping list', privateAnswers);
    expect(await answersSection(page).getByRole('checkbox', { name: SHARE }).isChecked()).toBe(false);
    await answersSection(page).getByRole('button', { name: 'Submit' }).click();
    await page.getByText('Sent. Thank you: your practitioner will read it.').waitFor();
    await page.getByText('These answers are private to you and your practitioner.').waitFor();

    await page.getByRole('link', { name: 'Back to my homework' }).click();
    // From the moment the list is drawn, both show as sent: none is still "to do" while the list is fetched again.
    await page.getByRole('region', { name: /^(To do|Waiting for your practitioner) \(/ }).first().waitFor();
    for (const id of [shared.id, kept.id]) expect(await homeworkGroup(page, 'To do').locator(`a[href="#/homework/${id}"]`).count()).toBe(0);
    const waiting = homeworkGroup(page, 'Waiting for your practitioner');
    const sharedCard = waiting.getByRole('listitem').filter({ has: page.locator(`a[href="#/homework/${shared.id}"]`) });
    const keptCard = waiting.getByRole('listitem').filter({ has: page.locator(`a[href="#/homework/${kept.id}"]`) });
    await sharedCard.getByText('Shared with your partner').waitFor();
    await keptCard.waitFor();
    expect(await keptCard.getByText('Shared with your partner').count()).toBe(0);
    await signOutOfPortal(page);
  });

  it('shows Zhou only the shared answer under "Shared by my partner", never the private one', async () => {
    await signInToPortal(page, server.url, CLIENT.zhou);
    await portalNavLink(page, 'Shared by my partner').click();
    await page.getByRole('heading', { level: 1, name: 'Shared by my partner' }).waitFor();

    const answers = page.getByRole('main').getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) });
    const hope = answers.filter({ has: page.getByRole('heading', { level: 2, name: 'Hope questions' }) });
    await hope.getByText(sharedText).waitFor();
    await hope.getByText(/^Shared by Zhao Lei · /).waitFor();
    expect(await answers.count()).toBe(sharedBefore.length + 1); // his micro-experiment from before, and this one
    await answers.filter({ has: page.getByRole('heading', { level: 2, name: 'Micro-experiment' }) }).waitFor();

    const everything = await page.locator('body').innerText();
    expect(everything).not.toContain('Coping list');
    expect(everything).not.toContain(privateText);
    expect(everything).not.toContain(privateItem);
    expect(everything).not.toContain('Zhao keeps this private');
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await browser.screenshot('portal-partner-shared-with-zhou');

    // Nor does his private homework open for her by its address: it is simply not there.
    await page.goto(`${server.url}/#/homework/${kept.id}`);
    await page.getByText('This homework could not be found.').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(privateText);
  });

  it("gives Zhou's session only the shared answers through the API", async () => {
    const zhou = await ApiSession.signIn(server.url, CLIENT.zhou);
    const partnerAnswers = await zhou.call<Array<{ id: string; exerciseKey: string | null; partnerName: string; response: Record<string, unknown> }>>('GET', '/api/me/partner-answers');
    expect(partnerAnswers.status).toBe(200);
    expect(partnerAnswers.body.map((a) => a.id).sort()).toEqual([...sharedBefore, shared.id].sort());
    expect(partnerAnswers.body.find((a) => a.id === shared.id)).toMatchObject({ exerciseKey: 'hope-questions', partnerName: 'Zhao Lei', response: { littleBetter: sharedText } });
    const raw = JSON.stringify(partnerAnswers.body);
    expect(raw).not.toContain(kept.id);
    expect(raw).not.toContain(privateText);
    expect(raw).not.toContain(privateItem);

    expect((await zhou.call('GET', `/api/me/assignments/${kept.id}`)).status).toBe(404);
    expect((await zhou.call('GET', `/api/me/assignments/${shared.id}`)).status).toBe(404); // shared to read, not hers to open
  });
});
