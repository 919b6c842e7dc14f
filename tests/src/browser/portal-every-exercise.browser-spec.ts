import { BUILT_IN_EXERCISES, type ExerciseField } from '@attune/domain';
import type { Page } from 'playwright-core';
import { seriousAccessibilityProblems, type AccessibilityFinding } from '../support/accessibility.js';
import { startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, type Browser } from '../support/browser.js';
import {
  answersFor,
  answersSection,
  ApiSession,
  giveHomework,
  CASE_TITLE,
  CLIENT,
  demoDirectory,
  expectedResponse,
  fillExerciseForm,
  homeworkGroup,
  homeworkGroupCount,
  pageScrollWidth,
  PHONE,
  signInToPortal,
  THERAPIST,
  type AnswerValue,
  type CaseExceptionRecord,
  type ScaleScoreRecord,
  type StaffAssignment,
} from './portal-helpers.js';

/**
 * Every built-in exercise, end to end on a phone: the therapist gives all eighteen to Chen Jing,
 * she fills in each form the portal draws from the exercise's fields and sends it, the therapist
 * reviews each, and Chen reads the feedback. An exception log becomes an exception of her case,
 * a scale positioning a score.
 */
describe('every built-in exercise, done by a client in the portal and reviewed by the practitioner', () => {
  let server: AppServer;
  let browser: Browser;
  let page: Page;
  let therapist: ApiSession;
  let chenCaseId: string;
  const given = new Map<string, StaffAssignment>(); // by exercise key
  const sent = new Map<string, Map<ExerciseField, AnswerValue>>(); // by exercise key

  beforeAll(async () => {
    server = await startAppServer();
    therapist = await ApiSession.signIn(server.url, THERAPIST);
    const demo = await demoDirectory(therapist);
    chenCaseId = demo.caseId(CASE_TITLE.chen);
    const chen = demo.clientId('Chen Jing (pseudonym)');
    for (const exercise of BUILT_IN_EXERCISES) {
      // Couple exercises too: Chen's case is individual, so those are homework given before they were
      // kept to couple cases (the API refuses new ones), which the portal must still show and take.
      given.set(exercise.key, await giveHomework(server, therapist, exercise.audience, 'individual', { caseId: chenCaseId, clientId: chen, exerciseId: demo.exerciseId(exercise.key), dueInDays: 10 }));
    }
    browser = await openBrowser(PHONE);
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('has every built-in exercise given to Chen Jing, whatever their audience', () => {
    expect([...given.keys()].sort()).toEqual(BUILT_IN_EXERCISES.map((e) => e.key).sort());
    expect([...given.values()].map((a) => a.status)).toEqual(Array(BUILT_IN_EXERCISES.length).fill('assigned'));
    expect(new Set([...given.values()].map((a) => a.exercise.audience))).toEqual(new Set(['individual', 'each_partner', 'partners_together']));
  });

  it('lets Chen fill in and send each of them from the form drawn from its fields, on a phone, and lists them as waiting', async () => {
    await signInToPortal(page, server.url, CLIENT.chen);
    const waitingBefore = await homeworkGroupCount(page, 'Waiting for your practitioner');
    const wider: Record<string, number> = {};
    const accessibility: Record<string, AccessibilityFinding[]> = {};
    expect(await homeworkGroupCount(page, 'To do')).toBeGreaterThanOrEqual(BUILT_IN_EXERCISES.length);

    for (const exercise of BUILT_IN_EXERCISES) {
      const assignment = given.get(exercise.key)!;
      await page.goto(`${server.url}/#/homework/${assignment.id}`);
      await page.getByRole('heading', { level: 1, name: exercise.title }).waitFor();
      const answers = answersFor(exercise.fields, exercise.key);
      await fillExerciseForm(page, answers);
      if (exercise.key === 'value-ranking') await browser.screenshot('portal-every-exercise-ranking-filled');
      // the filled form fits the phone and axe finds nothing serious in it (focus moved off the last
      // control first, so that no focus ripple is still running while axe looks)
      const width = await pageScrollWidth(page);
      if (width > PHONE.width) wider[exercise.key] = width;
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const problems = await seriousAccessibilityProblems(page);
      if (problems.length > 0) accessibility[exercise.key] = problems;
      await answersSection(page).getByRole('button', { name: 'Submit' }).click();
      await page.getByText('Sent. Thank you: your practitioner will read it.').waitFor();
      await page.getByRole('heading', { level: 2, name: 'What you sent' }).waitFor();
      expect(await page.getByText(/^Sent on .+ Your practitioner will read it and may reply here\.$/).count()).toBe(1);
      sent.set(exercise.key, answers);
    }
    expect(wider).toEqual({});
    expect(accessibility).toEqual({});

    await page.getByRole('link', { name: 'Back to my homework' }).click();
    await page.getByRole('heading', { level: 1, name: 'My homework' }).waitFor();
    const waiting = homeworkGroup(page, 'Waiting for your practitioner');
    await waiting.waitFor();
    expect(await homeworkGroupCount(page, 'Waiting for your practitioner')).toBe(waitingBefore + BUILT_IN_EXERCISES.length);
    for (const exercise of BUILT_IN_EXERCISES) {
      expect(await waiting.locator(`a[href="#/homework/${given.get(exercise.key)!.id}"]`).count()).toBe(1);
    }
    await browser.screenshot('portal-every-exercise-waiting');
  });

  it('sends exactly what Chen entered, as the practitioner reads it', async () => {
    for (const exercise of BUILT_IN_EXERCISES) {
      const assignment = await therapist.get<StaffAssignment>(`/api/assignments/${given.get(exercise.key)!.id}`);
      expect({ key: exercise.key, status: assignment.status }).toEqual({ key: exercise.key, status: 'submitted' });
      expect({ key: exercise.key, response: assignment.response }).toEqual({ key: exercise.key, response: expectedResponse(sent.get(exercise.key)!) });
    }
  });

  it('turns the exception log into an exception of the case and the scale positioning into a score', async () => {
    const log = sent.get('exception-log')!;
    const logContext = [...log].find(([field]) => field.name === 'context')![1] as Extract<AnswerValue, { kind: 'text' }>;
    const exceptions = await therapist.get<CaseExceptionRecord[]>('/api/exceptions', { filter: { caseId: chenCaseId }, range: [0, 199] });
    const fromLog = exceptions.filter((e) => e.context === logContext.text);
    expect(fromLog).toHaveLength(1);
    expect(fromLog[0]).toMatchObject({ source: 'client', tags: ['shared activity'], caseId: chenCaseId });

    const positioning = sent.get('scale-positioning')!;
    const keepsFromLower = [...positioning].find(([field]) => field.name === 'keepsFromLower')![1] as Extract<AnswerValue, { kind: 'text' }>;
    const scores = await therapist.get<ScaleScoreRecord[]>('/api/scale-scores', { filter: { caseId: chenCaseId }, range: [0, 199] });
    const fromPositioning = scores.filter((s) => s.keepsFromLower === keepsFromLower.text);
    expect(fromPositioning).toHaveLength(1);
    expect(fromPositioning[0]).toMatchObject({ score: 6.5, source: 'client', caseId: chenCaseId });
  });

  it('lets the practitioner review each one, and Chen reads the feedback', async () => {
    for (const exercise of BUILT_IN_EXERCISES) {
      const reviewed = await therapist.post<StaffAssignment>(`/api/assignments/${given.get(exercise.key)!.id}/review`, {
        feedback: `Thank you for the ${exercise.title.toLowerCase()}: I read every line.`,
      });
      expect({ key: exercise.key, status: reviewed.status }).toEqual({ key: exercise.key, status: 'reviewed' });
    }

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My homework' }).waitFor();
    const cameBack = homeworkGroup(page, 'Came back from your practitioner');
    await cameBack.waitFor();
    for (const exercise of BUILT_IN_EXERCISES) {
      expect(await cameBack.locator(`a[href="#/homework/${given.get(exercise.key)!.id}"]`).count()).toBe(1);
    }
    await cameBack.locator(`a[href="#/homework/${given.get('action-menu')!.id}"]`).click();
    await page.getByRole('heading', { level: 1, name: 'Action menu' }).waitFor();
    const feedback = page.getByRole('region', { name: 'Feedback from your practitioner' });
    await feedback.getByText('Thank you for the action menu: I read every line.').waitFor();
    await browser.screenshot('portal-every-exercise-feedback');
  });
});
