import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { expectEventually, isoDateInDays, openBrowser, signInToDashboard, tabTo, type Browser } from '../support/browser.js';
import { ApiSession, CASE_TITLE, demoDirectory, THERAPIST } from './portal-helpers.js';

/**
 * The corrections a practice needs, made in the case page as a therapist would: a stage move from
 * 6 back to 1 asks first, a mistaken rating is removed and unsent homework is re-dated and withdrawn,
 * each with the reason for the change (read back in the case's history), and a case is closed and
 * reopened with a reason. Each is checked through the API afterwards.
 */
describe('corrections in the case page', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let therapist: ApiSession;
  let chenCase = '';
  let liuCase = '';

  beforeAll(async () => {
    server = await startAppServer();
    therapist = await ApiSession.signIn(server.url, THERAPIST);
    const directory = await demoDirectory(therapist);
    chenCase = directory.caseId(CASE_TITLE.chen);
    liuCase = directory.caseId(CASE_TITLE.liu);
    browser = await openBrowser({ name: 'corrections' });
    page = browser.page;
    await signInToDashboard(page, server.url, THERAPIST);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const workspace = (caseId: string, tab = '') => `${server.url}/#/cases/${caseId}/show${tab}`;

  it('asks before a move from stage 6 back to 1 that is not a new cycle', async () => {
    await page.goto(workspace(chenCase));
    await page.getByRole('button', { name: 'Move stage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move the case to another stage' });
    await dialog.getByRole('textbox', { name: /Reason/ }).fill('Starting over with the basics');
    await dialog.getByRole('button', { name: 'Move' }).click();
    await dialog.getByText('Tick "Start a new cycle", or confirm that this is a move back').waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const stage = await therapist.get<{ stage: number }>(`/api/cases/${chenCase}`);
    expect(stage.stage).toBe(6);
  });

  it('removes a rating the therapist entered by mistake, after a confirmation', async () => {
    const created = await therapist.call<{ id: string }>('POST', '/api/scale-scores', {
      caseId: chenCase, clientId: (await therapist.get<{ clientIds: string[] }>(`/api/cases/${chenCase}`)).clientIds[0], score: 1.5,
    });
    expect(created.status).toBe(201);
    await page.goto(workspace(chenCase));
    // the same address only changes the hash: reload so the list is read again with the new rating
    await page.reload();
    const ratings = page.getByRole('region', { name: 'Ratings' });
    // the mistaken 1.5 is the only rating of that value in Chen Jing's case
    const row = ratings.getByRole('row').filter({ has: page.getByRole('cell', { name: '1.5', exact: true }) });
    await row.waitFor();
    const remove = row.getByRole('button', { name: /^Remove the entry of / });
    await remove.click();
    const confirm = page.getByRole('dialog', { name: /^Remove the rating of / });
    await confirm.getByText('Only for an entry made by mistake.', { exact: false }).waitFor();
    // the reason is asked for at its field before anything is removed
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await confirm.getByText('Required', { exact: true }).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect((await therapist.call('GET', `/api/scale-scores/${created.body.id}`)).status).toBe(200);
    // by keyboard: type the reason, Tab to "Remove", Enter
    await confirm.getByRole('textbox', { name: /Reason for the change/ }).focus();
    await page.keyboard.type('Entered for the wrong client');
    await tabTo(page, confirm.getByRole('button', { name: 'Remove', exact: true }));
    await page.keyboard.press('Enter');
    await page.getByText('Entry removed').waitFor();
    expect((await therapist.call('GET', `/api/scale-scores/${created.body.id}`)).status).toBe(404);
    await expectEventually(() => row.count(), 0);
    const corrections = await therapist.get<Array<{ entityId: string; kind: string; reason: string }>>(`/api/cases/${chenCase}/corrections`);
    expect(corrections.filter((c) => c.entityId === created.body.id).map((c) => [c.kind, c.reason])).toEqual([['delete', 'Entered for the wrong client']]);
  });

  it('changes the due date of unsent homework, then withdraws it', async () => {
    await page.goto(workspace(liuCase, '/homework'));
    const homework = page.getByRole('region', { name: 'Homework' });
    await homework.getByRole('button', { name: /Strength exploration/ }).click();
    await homework.getByRole('button', { name: 'Change the due date of Strength exploration' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the due date' });
    const newDue = isoDateInDays(10);
    await dialog.getByLabel(/Due/).fill(newDue);
    await dialog.getByRole('textbox', { name: /Reason for the change/ }).fill('She is travelling next week');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Due date changed').waitFor();
    const list = await therapist.get<Array<{ id: string; dueAt: string; exercise: { key: string } }>>('/api/assignments', { filter: { caseId: liuCase }, range: [0, 49] });
    const strength = list.find((a) => a.exercise.key === 'strength-exploration')!;
    expect(new Date(strength.dueAt).getDate()).toBe(new Date(`${newDue}T12:00:00`).getDate());

    await homework.getByRole('button', { name: 'Withdraw Strength exploration' }).click();
    const withdraw = page.getByRole('dialog', { name: 'Withdraw this homework?' });
    await withdraw.getByRole('textbox', { name: /Reason for the change/ }).fill('We agreed to pause this exercise');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await withdraw.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await page.getByText('Homework withdrawn').waitFor();
    expect((await therapist.call('GET', `/api/assignments/${strength.id}`)).status).toBe(404);
    await expectEventually(() => homework.getByRole('button', { name: /Strength exploration/ }).count(), 0);
  });

  it('shows each correction in the case history: what, by whom, when and why', async () => {
    await page.goto(workspace(chenCase, '/history'));
    await page.reload();
    const chenCorrections = page.getByRole('region', { name: 'Corrections' });
    const removal = chenCorrections.getByRole('row').filter({ hasText: 'Entered for the wrong client' });
    await removal.waitFor();
    expect(await removal.getByRole('cell').allInnerTexts()).toEqual([
      expect.any(String), expect.stringMatching(/^Rating of .+ · removed$/), 'Dr. Wang Fang', 'Entered for the wrong client',
    ]);

    await page.goto(workspace(liuCase, '/history'));
    await page.reload();
    const liuCorrections = page.getByRole('region', { name: 'Corrections' });
    const withdrawal = liuCorrections.getByRole('row').filter({ hasText: 'We agreed to pause this exercise' });
    await withdrawal.waitFor();
    expect(await withdrawal.getByRole('cell').allInnerTexts()).toEqual([
      expect.any(String), expect.stringMatching(/^Homework due .+ · withdrawn$/), 'Dr. Wang Fang', 'We agreed to pause this exercise',
    ]);
    const redating = liuCorrections.getByRole('row').filter({ hasText: 'She is travelling next week' });
    expect(await redating.getByRole('cell').nth(1).innerText()).toMatch(/^Homework due .+ · given a new due date$/);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('closes the case with a reason and reopens it', async () => {
    await page.goto(workspace(liuCase));
    await page.getByRole('button', { name: 'Close case' }).click();
    const close = page.getByRole('dialog', { name: 'Close this case?' });
    await close.getByRole('button', { name: 'Close case' }).click();
    // the reason is asked for at its field
    await close.getByText(/required/i).first().waitFor();
    await close.getByRole('textbox', { name: /Reason/ }).fill('Goals reached; she asked to pause here');
    await close.getByRole('button', { name: 'Close case' }).click();
    await page.getByText('Case closed').waitFor();
    await page.getByRole('button', { name: 'Reopen case' }).waitFor();
    expect(await page.getByRole('button', { name: 'Move stage' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Reopen case' }).click();
    const reopen = page.getByRole('dialog', { name: 'Reopen this case?' });
    await reopen.getByRole('textbox', { name: /Reason/ }).fill('She came back after a setback');
    await reopen.getByRole('button', { name: 'Reopen case' }).click();
    await page.getByText('Case reopened').waitFor();
    const changes = await therapist.get<Array<{ toStatus: string; reason: string }>>(`/api/cases/${liuCase}/status-changes`);
    expect(changes.map((c) => [c.toStatus, c.reason])).toEqual([
      ['closed', 'Goals reached; she asked to pause here'],
      ['open', 'She came back after a setback'],
    ]);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('gives the same exercise to both partners of a couple case at once', async () => {
    const coupleCase = (await demoDirectory(therapist)).caseId(CASE_TITLE.couple);
    await page.goto(workspace(coupleCase, '/homework'));
    const homework = page.getByRole('region', { name: 'Homework' });
    await homework.getByRole('button', { name: 'Assign exercise' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign exercise' });
    await dialog.getByRole('radio', { name: 'Both partners (one assignment each)' }).check();
    await dialog.getByRole('combobox', { name: 'Exercise' }).fill('feedback');
    await page.getByRole('option', { name: '5 · Feedback loop', exact: true }).click();
    // weekly for 4 weeks, the exercise's cadence: due on the last check-in's day, nothing to pick
    await dialog.getByRole('status').getByText(/the day of the last check-in/).waitFor();
    await dialog.getByRole('textbox', { name: /Note/ }).fill('Each of you on your own, then compare');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const given = await therapist.get<Array<{ clientId: string; note: string | null }>>('/api/assignments', { filter: { caseId: coupleCase }, range: [0, 99] });
    const both = given.filter((a) => a.note === 'Each of you on your own, then compare').map((a) => a.clientId).sort();
    const clients = (await therapist.get<{ clientIds: string[] }>(`/api/cases/${coupleCase}`)).clientIds;
    expect(both).toEqual([...clients].sort());
  });
});
