import { API_ERROR_CODES } from '@attune/domain';
import { API_ERROR_TEXTS, apiErrorEnMessages, apiErrorZhMessages } from '../i18n/api-error.messages';
import { errorMessageOf, isVersionConflict, messageKeyOfCode } from './api-errors';

/** What react-admin's HttpError carries: a status and the API's body. */
const httpError = (status: number, body: Record<string, unknown>) => ({ status, body, message: String(body['message'] ?? '') });

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('API error codes the app words itself', () => {
  it('has words in English and Chinese for every code of libs\' table', () => {
    for (const code of API_ERROR_CODES) {
      const key = messageKeyOfCode(code)!;
      expect(key).toBe(`api_errors.${code}`);
      expect(String(lookup(apiErrorEnMessages, key))).toMatch(/[A-Za-z]{3}/);
      expect(String(lookup(apiErrorZhMessages, key))).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(API_ERROR_TEXTS).sort()).toEqual([...API_ERROR_CODES].sort());
    expect(lookup(apiErrorEnMessages, messageKeyOfCode('VERSION_CONFLICT')!)).toMatch(/Someone else changed this record.*Reload to see their change/);
    expect(messageKeyOfCode('toString')).toBeUndefined();
    expect(messageKeyOfCode('NOT_A_CODE')).toBeUndefined();
    expect(messageKeyOfCode(undefined)).toBeUndefined();
  });

  it('turns the API\'s 409 VERSION_CONFLICT into that message and keeps it recognisable as a conflict', () => {
    const body = { statusCode: 409, code: 'VERSION_CONFLICT', message: 'Someone else changed this client record since you opened it' };
    expect(errorMessageOf(body, 'Conflict')).toBe('api_errors.VERSION_CONFLICT');
    expect(isVersionConflict(httpError(409, body))).toBe(true);
    expect(isVersionConflict(httpError(409, { code: 'NOTE_SIGNED' }))).toBe(false);
    expect(isVersionConflict(httpError(400, { code: 'VERSION_CONFLICT' }))).toBe(false);
    expect(isVersionConflict(undefined)).toBe(false);
  });

  it('shows the app\'s words, never the server\'s English, for a code; the fallback without one', () => {
    expect(errorMessageOf({ code: 'NOTE_SIGNED', message: 'A signed note cannot be changed' }, 'Conflict')).toBe('api_errors.NOTE_SIGNED');
    expect(errorMessageOf({ message: 'Bad gateway' }, 'Conflict')).toBe('Bad gateway');
    expect(errorMessageOf(undefined, 'Conflict')).toBe('Conflict');
  });
});
