import { builtInExercise, validateExerciseResponse, type ExerciseField } from '@attune/domain';
import { groupHomework, withChangedAssignment } from './homework-groups';
import { portalEnMessages } from './portal.messages';
import { portalZhMessages } from './portal.zh.messages';
import { newIdempotencyKey } from './idempotency-key';
import type { PortalAssignmentSummary } from './portal-types';
import {
  checkBeforeSubmit,
  draftPayload,
  filledCount,
  firstFieldWithError,
  initialValues,
  moveItem,
  responseErrors,
  submitPayload,
  translatedMessage,
} from './response-values';

const fieldsOf = (key: string): ExerciseField[] => builtInExercise(key)!.fields;

describe('the form values of an exercise', () => {
  it('starts every kind of field empty, or from a saved draft', () => {
    const fields: ExerciseField[] = [
      { name: 'a', kind: 'text', label: 'A' },
      { name: 'b', kind: 'list', label: 'B', itemLabel: 'Item', minItems: 1, maxItems: 3 },
      { name: 'c', kind: 'ranking', label: 'C', itemLabel: 'Value', minItems: 1, maxItems: 5 },
      { name: 'd', kind: 'scale', label: 'D' },
      { name: 'e', kind: 'date', label: 'E' },
      { name: 'f', kind: 'choice', label: 'F', options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }] },
      { name: 'g', kind: 'tags', label: 'G', suggestions: [] },
      { name: 'h', kind: 'boolean', label: 'H' },
    ];
    expect(initialValues(fields, null)).toEqual({ a: '', b: [''], c: { items: [''], focus: '' }, d: null, e: '', f: '', g: [], h: null });
    expect(initialValues(fields, { a: 'hi', b: ['one'], c: { items: ['safety'], focus: 'safety' }, d: 4.5, e: '2026-11-20T12:00:00Z', f: 'nope', g: ['x'], h: true }))
      .toEqual({ a: 'hi', b: ['one'], c: { items: ['safety'], focus: 'safety' }, d: 4.5, e: '2026-11-20', f: '', g: ['x'], h: true });
  });

  it('drafts what was typed and leaves out what cannot be stored yet, so autosave never fails on it', () => {
    const fields = fieldsOf('scale-positioning');
    const values = { ...initialValues(fields, null), score: 10.5, keepsFromLower: 'My friends', onePointHigher: '   ' };
    const draft = draftPayload(fields, values);
    expect(draft).toEqual({ keepsFromLower: 'My friends' });
    expect(validateExerciseResponse(fields, draft, 'draft').ok).toBe(true);
  });

  it('keeps empty lines of a list in a draft, and drops them from a submission', () => {
    const fields = fieldsOf('action-menu');
    const values = { actions: ['Hug when we get home', '', 'Tea for two'] };
    expect(draftPayload(fields, values)).toEqual({ actions: ['Hug when we get home', '', 'Tea for two'] });
    expect(submitPayload(fields, values)).toEqual({ actions: ['Hug when we get home', 'Tea for two'] });
    expect(checkBeforeSubmit(fields, submitPayload(fields, values))).toEqual({ actions: 'must have at least 10 items' });
  });

  it('submits a ranking with its focus, and clears a focus no longer among the items', () => {
    const fields = fieldsOf('value-ranking');
    const values = { values: { items: ['Safety', 'Warmth', '', 'Honesty', 'Respect', 'Fun'], focus: 'warmth' }, why: 'Because', actionThisWeek: 'Call' };
    expect(submitPayload(fields, values)['values']).toEqual({ items: ['Safety', 'Warmth', 'Honesty', 'Respect', 'Fun'], focus: 'Warmth' });
    expect(checkBeforeSubmit(fields, submitPayload(fields, values))).toEqual({});
    const stale = submitPayload(fields, { ...values, values: { items: ['Safety'], focus: 'Warmth' } });
    expect(stale['values']).toEqual({ items: ['Safety'], focus: '' });
  });

  it('lowercases and dedupes tags, and keeps a valid date only', () => {
    const fields = fieldsOf('exception-log');
    const response = submitPayload(fields, { occurredAt: '2026-11', context: 'x', tags: ['Routine', 'routine ', 'Humour'] });
    expect(response['tags']).toEqual(['routine', 'humour']);
    expect(response).not.toHaveProperty('occurredAt');
  });

  it('places the API\'s errors at their inputs and finds the first field to focus', () => {
    const errors = responseErrors({ 'response.actions': 'must have at least 10 items', 'response.actions.2': 'must not be empty', response: 'must be an object of answers', sharedWithPartner: 'must be true or false' });
    expect(errors).toEqual({ actions: 'must have at least 10 items', 'actions.2': 'must not be empty', _root: 'must be an object of answers', sharedWithPartner: 'must be true or false' });
    expect(firstFieldWithError(fieldsOf('scale-positioning'), { onePointHigher: 'is required', 'score': 'x' })).toBe('score');
  });

  it('counts filled items and moves one item without touching the others', () => {
    expect(filledCount(['a', ' ', '', 'b'])).toBe(2);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 3)).toEqual(['a', 'b', 'c']);
  });

  it('says the domain\'s messages in the reader\'s language when it knows them', () => {
    expect(translatedMessage('must have at least 10 items')).toEqual({ key: 'portal.errors.min_items', options: { smart_count: 10 } });
    expect(translatedMessage('must be between 1 and 10 in steps of 0.5')).toEqual({ key: 'portal.errors.scale' });
    expect(translatedMessage('is required')).toEqual({ key: 'portal.errors.required' });
    expect(translatedMessage('something new')).toBeNull();
  });
});

describe('the homework overview', () => {
  const item = (id: string, status: PortalAssignmentSummary['status'], overdue = false): PortalAssignmentSummary => ({
    id, caseId: 'c', exerciseId: 'e', assignedAt: '2026-11-01T00:00:00Z', dueAt: `2026-11-${id.padStart(2, '0')}T00:00:00Z`, note: null,
    status, overdue, draftSavedAt: null, submittedAt: null, reviewedAt: null, hasFeedback: status === 'reviewed', sharedWithPartner: false,
    exercise: { id: 'e', key: null, stage: 1, title: id, summary: null, audience: 'individual', cadence: { kind: 'once' } },
  });

  it('groups homework under to do, past due, waiting for the practitioner and came back', () => {
    const groups = groupHomework([item('5', 'assigned'), item('2', 'in_progress', true), item('3', 'submitted'), item('4', 'reviewed'), item('1', 'assigned')]);
    expect(groups.due.map((a) => a.id)).toEqual(['1', '5']);
    expect(groups.overdue.map((a) => a.id)).toEqual(['2']);
    expect(groups.waiting.map((a) => a.id)).toEqual(['3']);
    expect(groups.feedback.map((a) => a.id)).toEqual(['4']);
  });

  it('moves homework just sent to "waiting" in the list it already holds, before fetching it again', () => {
    const list = [item('1', 'in_progress', true), item('2', 'assigned')];
    const sent = { id: '1', status: 'submitted' as const, overdue: false, draftSavedAt: null, submittedAt: '2026-11-25T10:00:00Z', reviewedAt: null, sharedWithPartner: true };
    const after = withChangedAssignment(list, sent)!;
    expect(after[0]).toMatchObject(sent);
    expect(after[1]).toBe(list[1]);
    expect(groupHomework(after).waiting.map((a) => a.id)).toEqual(['1']);
    expect(withChangedAssignment(undefined, sent)).toBeUndefined();
  });
});

describe('portal words', () => {
  function leaves(tree: unknown, prefix = ''): string[] {
    if (typeof tree === 'string') return [prefix];
    return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown> | undefined)?.[p], tree);

  it('has the same keys and placeholders in English and Simplified Chinese', () => {
    const en = leaves(portalEnMessages).sort();
    expect(leaves(portalZhMessages).sort()).toEqual(en);
    const placeholders = (text: unknown) => [...new Set([...String(text).matchAll(/%\{(\w+)\}/g)].map((m) => m[1]))].filter((p) => p !== 'smart_count').sort();
    expect(en.filter((k) => placeholders(lookup(portalEnMessages, k)).join() !== placeholders(lookup(portalZhMessages, k)).join())).toEqual([]);
  });

  it('defines every portal.* key the portal\'s screens use', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('node:path') as typeof import('node:path');
    const used = new Set<string>();
    for (const name of fs.readdirSync(__dirname, { recursive: true }) as string[]) {
      if (!/\.tsx?$/.test(name) || name.endsWith('.spec.ts')) continue;
      const text = fs.readFileSync(path.join(__dirname, name), 'utf8');
      for (const m of text.matchAll(/['"`](portal\.[a-z_]+\.[a-z_]+)['"`]/g)) used.add(m[1]!);
      for (const m of text.matchAll(/`(portal\.[a-z_]+)\.\$\{/g)) used.add(`${m[1]}.*`);
    }
    const missing = [...used].filter((k) => !k.endsWith('.*') && typeof lookup(portalEnMessages, k) !== 'string');
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(60);
  });
});

describe('idempotency keys', () => {
  it('are UUIDs, also where crypto.randomUUID is missing (plain http)', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f-]{36}$/);
    const withoutRandomUuid = {
      getRandomValues: (array: Uint8Array) => {
        for (let i = 0; i < array.length; i++) array[i] = Math.floor(Math.random() * 256);
        return array;
      },
    } as unknown as Pick<Crypto, 'getRandomValues'>;
    const fallback = newIdempotencyKey(withoutRandomUuid);
    expect(fallback).toMatch(uuid);
    expect(fallback).not.toBe(newIdempotencyKey());
  });
});
