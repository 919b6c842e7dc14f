import { BUILT_IN_EXERCISES, exerciseFitsCase, normaliseTags, type ExerciseField, type ExerciseResponse } from '@attune/domain';
import { Client } from 'pg';
import type { Locator, Page } from 'playwright-core';
import { signInOverHttp } from '../support/api-session.js';
import { DEMO_PASSWORD, startAppServer, type AppServer } from '../support/app-server.js';
import { openBrowser, signIn, type Browser } from '../support/browser.js';

/**
 * What the client-portal browser tests share: a phone-sized window, the practitioner's (or a
 * client's) API session used to set up homework and check what the portal sent, values that satisfy
 * an exercise's fields, and filling the form the portal draws from those fields, found by role and
 * label as a person (or a screen reader) finds them.
 */

/** A small phone, held upright. */
export const PHONE = { width: 375, height: 740 } as const;

export const CLIENT = {
  chen: 'chen.jing@attune.test',
  zhao: 'zhao.lei@attune.test',
  zhou: 'zhou.ting@attune.test',
  liu: 'liu.jia@attune.test',
} as const;
export const THERAPIST = 'therapist@attune.test';

export const CASE_TITLE = {
  chen: 'Chen Jing: between two fears',
  couple: 'Zhao Lei and Zhou Ting: from silence to dialogue',
  liu: 'Liu Jia: from anxiety to safety',
} as const;

// ---------------------------------------------------------------------------------------------
// The API, as a signed-in person
// ---------------------------------------------------------------------------------------------

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** A signed-in API session: the session cookie, and the XSRF header on every change. */
export class ApiSession {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
    private readonly xsrf: string,
  ) {}

  static async signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<ApiSession> {
    const { cookie, xsrf } = await signInOverHttp(baseUrl, email, password);
    return new ApiSession(baseUrl, cookie, xsrf);
  }

  async call<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        Cookie: this.cookie,
        ...(method === 'GET' ? {} : { 'X-XSRF-TOKEN': this.xsrf }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** GET that must succeed; `query` values are JSON-encoded as react-admin's simple REST sends them. */
  async get<T>(path: string, query: Record<string, unknown> = {}): Promise<T> {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, JSON.stringify(v)]));
    const answer = await this.call<T>('GET', params.size > 0 ? `${path}?${params}` : path);
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** POST that must succeed (200 or 201). */
  async post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const answer = await this.call<T>('POST', path, body, headers);
    if (answer.status !== 200 && answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}

export interface StaffAssignment {
  id: string;
  caseId: string;
  clientId: string;
  exerciseId: string;
  status: 'assigned' | 'in_progress' | 'submitted' | 'reviewed';
  response: ExerciseResponse | null;
  submittedAt: string | null;
  feedback: string | null;
  sharedWithPartner: boolean;
  exercise: { id: string; key: string; title: string; audience: string };
}

export interface CaseExceptionRecord {
  id: string;
  caseId: string;
  clientId: string;
  occurredAt: string;
  context: string;
  meaning: string | null;
  tags: string[];
  source: 'practitioner' | 'client';
}

export interface ScaleScoreRecord {
  id: string;
  caseId: string;
  clientId: string;
  score: number;
  source: 'practitioner' | 'client';
  keepsFromLower: string | null;
  onePointHigher: string | null;
}

/** The demo practice as the therapist sees it: case, client and exercise ids by name. */
export interface DemoDirectory {
  caseId(title: string): string;
  clientId(displayName: string): string;
  exerciseId(key: string): string;
}

export async function demoDirectory(therapist: ApiSession): Promise<DemoDirectory> {
  const range = [0, 199];
  const [cases, clients, exercises] = await Promise.all([
    therapist.get<Array<{ id: string; title: string }>>('/api/cases', { range }),
    therapist.get<Array<{ id: string; displayName: string }>>('/api/clients', { range }),
    therapist.get<Array<{ id: string; key: string | null; builtIn: boolean }>>('/api/exercises', { range: [0, 99] }),
  ]);
  const find = <T>(rows: T[], test: (row: T) => boolean, what: string): T => {
    const row = rows.find(test);
    if (!row) throw new Error(`The therapist cannot see ${what}`);
    return row;
  };
  return {
    caseId: (title) => (find(cases, (c) => c.title === title, `the case "${title}"`) as { id: string }).id,
    clientId: (name) => (find(clients, (c) => c.displayName === name, `the client "${name}"`) as { id: string }).id,
    exerciseId: (key) => (find(exercises, (e) => e.builtIn && e.key === key, `the built-in exercise "${key}"`) as { id: string }).id,
  };
}

/** The therapist gives homework, due in a week unless said otherwise. */
export function assignHomework(
  therapist: ApiSession,
  input: { caseId: string; clientId: string; exerciseId: string; dueInDays?: number; note?: string },
): Promise<StaffAssignment> {
  const dueAt = new Date(Date.now() + (input.dueInDays ?? 7) * 86_400_000).toISOString();
  return therapist.post<StaffAssignment>('/api/assignments', {
    caseId: input.caseId,
    clientId: input.clientId,
    exerciseId: input.exerciseId,
    dueAt,
    ...(input.note ? { note: input.note } : {}),
  });
}

/**
 * Homework of a partner exercise ("each partner", "partners together") in an individual case, as
 * homework given before such exercises were kept to couple cases: the API refuses new ones
 * (400 on exerciseId), but what was given before stays in the portal and must keep working there.
 * Written with the database owner's connection, then read back through the API as staff see it.
 */
export async function assignHomeworkGivenBefore(
  server: AppServer,
  therapist: ApiSession,
  input: { caseId: string; clientId: string; exerciseId: string; dueInDays?: number; note?: string },
): Promise<StaffAssignment> {
  const owner = new Client({ connectionString: server.databaseUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO assignments (practice_id, case_id, client_id, exercise_id, assigned_by, due_at, note)
       SELECT k.practice_id, k.id, $2, $3, k.practitioner_id, now() + make_interval(days => $4), $5 FROM cases k WHERE k.id = $1
       RETURNING id`,
      [input.caseId, input.clientId, input.exerciseId, input.dueInDays ?? 7, input.note ?? null]);
    return await therapist.get<StaffAssignment>(`/api/assignments/${rows[0]!.id}`);
  } finally {
    await owner.end();
  }
}

/** Gives the homework through the API when the exercise fits the case, otherwise as homework given before the couple-only rule. */
export function giveHomework(
  server: AppServer,
  therapist: ApiSession,
  audience: 'individual' | 'each_partner' | 'partners_together',
  caseKind: 'individual' | 'couple',
  input: { caseId: string; clientId: string; exerciseId: string; dueInDays?: number; note?: string },
): Promise<StaffAssignment> {
  return exerciseFitsCase(audience, caseKind) ? assignHomework(therapist, input) : assignHomeworkGivenBefore(server, therapist, input);
}

/**
 * The product started on a fresh embedded database, homework of the given exercise assigned by
 * the therapist to Chen Jing, and a phone-sized browser open: where the portal specs begin.
 */
export async function chenOnPhoneWithHomework(
  exerciseKey: string,
  extra: { dueInDays?: number; note?: string } = {},
): Promise<{ server: AppServer; browser: Browser; homework: StaffAssignment }> {
  const server = await startAppServer();
  const therapist = await ApiSession.signIn(server.url, THERAPIST);
  const demo = await demoDirectory(therapist);
  const exercise = BUILT_IN_EXERCISES.find((e) => e.key === exerciseKey);
  if (!exercise) throw new Error(`No built-in exercise ${exerciseKey}`);
  const homework = await giveHomework(server, therapist, exercise.audience, 'individual', {
    caseId: demo.caseId(CASE_TITLE.chen),
    clientId: demo.clientId('Chen Jing (pseudonym)'),
    exerciseId: demo.exerciseId(exerciseKey),
    ...extra,
  });
  return { server, browser: await openBrowser(PHONE), homework };
}

// ---------------------------------------------------------------------------------------------
// The portal in the browser
// ---------------------------------------------------------------------------------------------

/**
 * Signs a client in through the sign-in page and waits for "My homework" and its list. Whoever was signed in
 * before in this browser is forgotten first, so a step never depends on the one before it signing out.
 */
export async function signInToPortal(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, baseUrl, email);
  await page.getByRole('heading', { level: 1, name: 'My homework' }).waitFor();
  // the title shows while the list still loads: wait for the list, so that what follows counts it
  await page.getByRole('status').filter({ has: page.locator('.MuiCircularProgress-root') }).waitFor({ state: 'detached' });
}

/** Signs out through the user menu of the portal's bar, and waits for the sign-in form. */
export async function signOutOfPortal(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Profile' }).click();
  await page.getByRole('menuitem', { name: /log ?out|sign out/i }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
}

/** A link of the portal's section menu ("My homework", "Shared by my partner", …). */
export function portalNavLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Portal sections' }).getByRole('link', { name, exact: true });
}

/** A section of "My homework" ("To do", "Waiting for your practitioner", …), named by its heading. */
export function homeworkGroup(page: Page, title: string): Locator {
  return page.getByRole('region', { name: new RegExp(`^${escapeRegExp(title)} \\(\\d+\\)$`) });
}

/** How many pieces of homework a section of "My homework" says it holds (0 when it is not shown). */
export async function homeworkGroupCount(page: Page, title: string): Promise<number> {
  const group = homeworkGroup(page, title);
  if ((await group.count()) === 0) return 0;
  const heading = await group.getByRole('heading', { level: 2 }).innerText();
  return Number(/\((\d+)\)/.exec(heading)?.[1]);
}

/** The page's width as laid out: wider than the window means the person has to scroll sideways. */
export function pageScrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** The "Your answers" part of an exercise page: where the form is. */
export function answersSection(page: Page): Locator {
  return page.getByRole('region', { name: 'Your answers' });
}

/** The autosave line under the form ("Saved at 14:05", "Saving…"). */
export function autosaveStatus(page: Page): Locator {
  return answersSection(page).getByRole('status').filter({ hasText: /saved|saving|changes/i }).last();
}

/** Whether keyboard focus is on the element. */
export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement, undefined, { timeout: 2_000 });
}

/**
 * Whether the element can be seen where it is: inside the window, and not covered at its centre by
 * something else (a sticky bar, say). WCAG 2.2's "focus not obscured" asks this of the focused control.
 */
export function isUncovered(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return false;
    const top = document.elementFromPoint(x, y);
    return top !== null && (el === top || el.contains(top));
  }, undefined, { timeout: 2_000 });
}

/** Presses Tab until the element has keyboard focus; fails if it is not reached within `maxPresses`. */
export async function pressTabUntilFocused(page: Page, target: Locator, maxPresses = 40): Promise<number> {
  await target.waitFor();
  for (let pressed = 0; pressed <= maxPresses; pressed++) {
    if (await isFocused(target)) return pressed;
    await page.keyboard.press('Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`${String(target)} was not reached after ${maxPresses} presses of Tab; focus is on ${focused}`);
}

// ---------------------------------------------------------------------------------------------
// Answers that satisfy an exercise's fields
// ---------------------------------------------------------------------------------------------

/** The value a form field is given in these tests, derived from the field's kind and bounds. */
export type AnswerValue =
  | { kind: 'text'; text: string }
  | { kind: 'items'; items: string[] }
  | { kind: 'ranking'; items: string[]; focus: string }
  | { kind: 'scale'; score: number }
  | { kind: 'date'; date: string }
  | { kind: 'choice'; value: string; label: string }
  | { kind: 'tags'; tags: string[] }
  | { kind: 'boolean'; checked: boolean };

/**
 * A value within the field's bounds, unique to `tag` (so it can be found again): text at least
 * 30 characters (and at least the field's minimum), a list or ranking with its minimum number of
 * items (at least one), a ranking's second item as its focus, 6.5 on the scale, today's date, the
 * first option of a choice, the first suggested tag, a ticked box.
 */
export function answerFor(field: ExerciseField, tag: string): AnswerValue {
  switch (field.kind) {
    case 'text':
    case 'longText': {
      const min = Math.max(30, field.kind === 'longText' ? field.minLength ?? 0 : 0);
      let text = `${tag}: my answer to "${field.label}"`;
      while (text.length < min) text += ' and a little more';
      const max = field.maxLength ?? Infinity;
      return { kind: 'text', text: text.slice(0, max) };
    }
    case 'list': {
      const n = Math.max(field.minItems, 1);
      return { kind: 'items', items: Array.from({ length: n }, (_, i) => `${tag} ${field.name} item ${i + 1}`) };
    }
    case 'ranking': {
      const n = Math.max(field.minItems, 1);
      const items = Array.from({ length: n }, (_, i) => `${tag} ${field.name} item ${i + 1}`);
      return { kind: 'ranking', items, focus: items[Math.min(1, n - 1)]! };
    }
    case 'scale':
      return { kind: 'scale', score: 6.5 };
    case 'date':
      return { kind: 'date', date: localToday() };
    case 'choice':
      return { kind: 'choice', value: field.options[0]!.value, label: field.options[0]!.label };
    case 'tags':
      return { kind: 'tags', tags: field.suggestions.length > 0 ? [field.suggestions[0]!] : [`${tag} own tag`] };
    case 'boolean':
      return { kind: 'boolean', checked: true };
  }
}

/** Answers to every field of an exercise. */
export function answersFor(fields: readonly ExerciseField[], tag: string): Map<ExerciseField, AnswerValue> {
  return new Map(fields.map((field) => [field, answerFor(field, tag)]));
}

/** The response the API should hold once these answers are sent. */
export function expectedResponse(answers: Map<ExerciseField, AnswerValue>): ExerciseResponse {
  const response: ExerciseResponse = {};
  for (const [field, answer] of answers) {
    switch (answer.kind) {
      case 'text': response[field.name] = answer.text; break;
      case 'items': response[field.name] = answer.items; break;
      case 'ranking': response[field.name] = { items: answer.items, focus: answer.focus }; break;
      case 'scale': response[field.name] = answer.score; break;
      case 'date': response[field.name] = answer.date; break;
      case 'choice': response[field.name] = answer.value; break;
      case 'tags': response[field.name] = normaliseTags(answer.tags); break;
      case 'boolean': response[field.name] = answer.checked; break;
    }
  }
  return response;
}

/**
 * Fills one field of the form the portal drew for an exercise, the way a person does: the question
 * is found by its label (a text box) or its legend (a group of controls), list items by their own
 * labels ("Value 3"), a new item with the Add button, the ranking's focus by its radio button.
 */
export async function fillAnswer(form: Locator, field: ExerciseField, answer: AnswerValue): Promise<void> {
  const group = () => form.getByRole('group', { name: field.label, exact: true });
  switch (answer.kind) {
    case 'text':
      await form.getByRole('textbox', { name: field.label, exact: true }).fill(answer.text);
      return;
    case 'items':
    case 'ranking': {
      if (field.kind !== 'list' && field.kind !== 'ranking') throw new Error(`${field.name} is not a list`);
      const block = group();
      for (const [index, item] of answer.items.entries()) {
        const box = block.getByRole('textbox', { name: `${field.itemLabel} ${index + 1}`, exact: true });
        if (index > 0 && (await box.count()) === 0) await block.getByRole('button', { name: `Add: ${field.itemLabel}`, exact: true }).click();
        await box.fill(item);
      }
      if (answer.kind === 'ranking') {
        await block.getByRole('group', { name: 'Which one is your focus?' }).getByRole('radio', { name: answer.focus, exact: true }).check();
      }
      return;
    }
    case 'scale':
      await group().getByRole('spinbutton', { name: /Or type the number/ }).fill(String(answer.score));
      await group().getByText(`Your position: ${answer.score} of 10`).waitFor();
      return;
    case 'date':
      // Chromium exposes a date input as a text box named by its question
      await form.getByRole('textbox', { name: field.label, exact: true }).fill(answer.date);
      return;
    case 'choice':
      await group().getByRole('radio', { name: answer.label, exact: true }).check();
      return;
    case 'tags':
      for (const tag of answer.tags) {
        const button = group().getByRole('button', { name: tag, exact: true });
        if ((await button.count()) > 0) await button.click();
        else {
          await group().getByRole('textbox', { name: 'Add your own' }).fill(tag);
          await group().getByRole('button', { name: 'Add', exact: true }).click();
        }
        await group().getByRole('button', { name: tag, exact: true, pressed: true }).waitFor();
      }
      return;
    case 'boolean':
      await form.getByRole('checkbox', { name: field.label, exact: true }).setChecked(answer.checked);
      return;
  }
}

/** Fills every field of the exercise form on the page. */
export async function fillExerciseForm(page: Page, answers: Map<ExerciseField, AnswerValue>): Promise<void> {
  const form = answersSection(page);
  for (const [field, answer] of answers) await fillAnswer(form, field, answer);
}

/** Today in the local time zone, as a date input takes it (yyyy-mm-dd). */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
