import { enMessages } from '../i18n/en-domain.messages';
import { zhMessages } from '../i18n/zh.messages';
import { errorMessageOf, isVersionConflict, messageKeyOfCode } from './api-errors';

/** What react-admin's HttpError carries: a status and the API's body. */
const httpError = (status: number, body: Record<string, unknown>) => ({ status, body, message: String(body['message'] ?? '') });

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('API error codes the app words itself', () => {
  it('shows a stale edit, a client\'s own entry and a closed case in the user\'s language, in both languages', () => {
    for (const code of ['VERSION_CONFLICT', 'CLIENT_AUTHORED', 'CASE_CLOSED']) {
      const key = messageKeyOfCode(code)!;
      expect(typeof lookup(enMessages, key)).toBe('string');
      expect(typeof lookup(zhMessages, key)).toBe('string');
    }
    expect(lookup(enMessages, messageKeyOfCode('VERSION_CONFLICT')!)).toMatch(/Someone else changed this record.*Reload to see their change/);
    expect(messageKeyOfCode('NOT_FOUND')).toBeUndefined();
    expect(messageKeyOfCode('toString')).toBeUndefined();
    expect(messageKeyOfCode(undefined)).toBeUndefined();
  });

  it('turns the API\'s 409 VERSION_CONFLICT into that message and keeps it recognisable as a conflict', () => {
    const body = { statusCode: 409, code: 'VERSION_CONFLICT', message: 'Someone else changed this client record since you opened it' };
    expect(errorMessageOf(body, 'Conflict')).toBe('attune.errors.version_conflict');
    expect(isVersionConflict(httpError(409, body))).toBe(true);
    expect(isVersionConflict(httpError(409, { code: 'NOTE_SIGNED' }))).toBe(false);
    expect(isVersionConflict(httpError(400, { code: 'VERSION_CONFLICT' }))).toBe(false);
    expect(isVersionConflict(undefined)).toBe(false);
  });

  it('keeps the API\'s own message for codes it does not word', () => {
    expect(errorMessageOf({ code: 'NOTE_SIGNED', message: 'A signed note cannot be changed' }, 'Conflict')).toBe('A signed note cannot be changed');
    expect(errorMessageOf(undefined, 'Conflict')).toBe('Conflict');
  });
});
