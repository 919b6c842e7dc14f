import { builtInExercise } from '@attune/domain';
import type { Page, Request } from 'playwright-core';
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
  PHONE,
  signInToPortal,
  THERAPIST,
  type CaseExceptionRecord,
  type StaffAssignment,
} from './portal-helpers.js';

const exceptionLog = builtInExercise('exception-log')!;
const contextField = exceptionLog.fields.find((f) => f.name === 'context')!;

/**
 * Sending homework once, whatever the hands or the network do: a double click on Submit, and a
 * Submit pressed again after the answer to the first one was lost on the way back, each leave
 * exactly one submission and, for an exception log, exactly one new exception in the case.
 */
describe('sending homework exactly once from the browser', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let therapist: ApiSession;
  let chenCaseId: string;
  let exerciseId: string;
  let assign: () => Promise<StaffAssignment>;
  const submitRequests: Request[] = [];

  beforeAll(async () => {
    server = await startAppServer();
    therapist = await ApiSession.signIn(server.url, THERAPIST);
    const demo = await demoDirectory(therapist);
    chenCaseId = demo.caseId(CASE_TITLE.chen);
    exerciseId = demo.exerciseId('exception-log');
    const clientId = demo.clientId('Chen Jing (pseudonym)');
    assign = () => assignHomework(therapist, { caseId: chenCaseId, clientId, exerciseId });
    browser = await openBrowser(PHONE);
    page = browser.page;
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/me\/assignments\/[^/]+\/submit$/.test(request.url())) submitRequests.push(request);
    });
    await signInToPortal(page, server.url, CLIENT.chen);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const caseExceptions = () => therapist.get<CaseExceptionRecord[]>('/api/exceptions', { filter: { caseId: chenCaseId }, range: [0, 499] });
  const submittedLogs = () => therapist.get<StaffAssignment[]>('/api/assignments', { filter: { caseId: chenCaseId, exerciseId, status: 'submitted' }, range: [0, 99] });

  async function openAndFill(assignment: StaffAssignment, tag: string): Promise<string> {
    await page.goto(`${server.url}/#/homework/${assignment.id}`);
    await page.getByRole('heading', { level: 1, name: 'Exception log' }).waitFor();
    const answers = answersFor(exceptionLog.fields, tag);
    await fillExerciseForm(page, answers);
    return (answers.get(contextField) as { text: string }).text;
  }

  it('records one submission and one exception when Submit is double-clicked', async () => {
    const homework = await assign();
    const exceptionsBefore = await caseExceptions();
    const context = await openAndFill(homework, 'double click');
    submitRequests.length = 0;

    await answersSection(page).getByRole('button', { name: 'Submit' }).dblclick();
    await page.getByText('Sent. Thank you: your practitioner will read it.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'What you sent' }).waitFor();
    await page.waitForLoadState('networkidle');
    await browser.screenshot('portal-double-submit-sent');

    // However many requests the two clicks made, they were one attempt (one Idempotency-Key) and nothing went wrong.
    expect(submitRequests.length).toBeGreaterThanOrEqual(1);
    expect(new Set(submitRequests.map((r) => r.headers()['idempotency-key'])).size).toBe(1);
    for (const request of submitRequests) expect((await request.response())?.status()).toBe(200);
    expect(await page.getByRole('alert').filter({ hasText: /could not be sent|already been sent/ }).count()).toBe(0);

    expect((await submittedLogs()).map((a) => a.id)).toEqual([homework.id]);
    const exceptionsAfter = await caseExceptions();
    expect(exceptionsAfter).toHaveLength(exceptionsBefore.length + 1);
    expect(exceptionsAfter.filter((e) => e.context === context)).toHaveLength(1);
  });

  it('records one submission and one exception when Submit is pressed again after the first answer was lost', async () => {
    const homework = await assign();
    const exceptionsBefore = await caseExceptions();
    const submittedBefore = await submittedLogs();
    const context = await openAndFill(homework, 'answer lost');
    submitRequests.length = 0;

    // The first submission reaches the server, but its answer never comes back to the browser.
    let firstReachedServer = 0;
    await page.route('**/api/me/assignments/*/submit', async (route) => {
      const answer = await route.fetch();
      firstReachedServer = answer.status();
      await route.abort('connectionreset');
    }, { times: 1 });

    const submit = answersSection(page).getByRole('button', { name: 'Submit' });
    await submit.click();
    await page.getByRole('alert').filter({ hasText: 'Your answers could not be sent: the connection seems to be down.' }).waitFor();
    expect(firstReachedServer).toBe(200);
    await browser.screenshot('portal-double-submit-answer-lost');

    await submit.click(); // the person tries again, as the message says
    await page.getByText('Sent. Thank you: your practitioner will read it.').waitFor();
    expect(submitRequests).toHaveLength(2);
    expect(submitRequests[1]!.headers()['idempotency-key']).toBe(submitRequests[0]!.headers()['idempotency-key']);
    expect((await submitRequests[1]!.response())?.status()).toBe(200);

    expect((await submittedLogs()).map((a) => a.id).sort()).toEqual([...submittedBefore.map((a) => a.id), homework.id].sort());
    expect((await therapist.get<StaffAssignment>(`/api/assignments/${homework.id}`)).status).toBe('submitted');
    const exceptionsAfter = await caseExceptions();
    expect(exceptionsAfter).toHaveLength(exceptionsBefore.length + 1);
    expect(exceptionsAfter.filter((e) => e.context === context)).toHaveLength(1);
  });
});
