import { caseInputSchema, clientInputSchema, transitionInputSchema } from '@attune/domain';
import { localiseIssueMessage, nestFieldErrors, zodFormValidator } from './zod-form-validator';
import { readCookie, toFormErrors } from '../data/api-errors';

describe('zodFormValidator', () => {
  it('accepts values the shared schema accepts', () => {
    const validate = zodFormValidator(clientInputSchema);
    expect(validate({ displayName: 'Chen Jing (pseudonym)', status: 'active' })).toEqual({});
  });

  it('puts each issue at its input, as a translatable message', () => {
    const validate = zodFormValidator(caseInputSchema);
    const errors = validate({ title: 'A', kind: 'couple', clientIds: ['7f000000-0000-4000-8000-000000000001'] });
    expect(Object.keys(errors).sort()).toEqual(['clientIds', 'title']);
    expect(errors['title']).toEqual({ message: 'attune.validation.min_length', args: { min: 3 } });
    expect(errors['clientIds']).toBe('a couple case has exactly 2 clients, one for each partner');
  });

  it('validates the move-stage dialog with the shared transition schema', () => {
    const validate = zodFormValidator(transitionInputSchema);
    expect(validate({ toStage: 3, reason: 'Ready to picture the future' })).toEqual({});
    expect(Object.keys(validate({ toStage: 9, reason: '' }))).toEqual(['toStage', 'reason']);
  });
});

describe('nestFieldErrors', () => {
  it('nests dotted paths and array indexes the way react-hook-form looks them up', () => {
    expect(nestFieldErrors({ 'note.vision': 'x', 'fields.1.name': 'y', _root: 'z' })).toEqual({
      note: { vision: 'x' },
      fields: [undefined, { name: 'y' }],
      root: { serverError: 'z' },
    });
  });

  it('keeps the first message when a path is both a leaf and a parent', () => {
    expect(nestFieldErrors({ fields: 'must have at least 1 item', 'fields.0.name': 'is required' })).toEqual({
      fields: { message: 'attune.validation.min_items', args: { min: 1 } },
    });
  });

  it("translates the case's date bounds, with the opening day as an argument", () => {
    expect(localiseIssueMessage('must not be before the case opened (2026-11-20)')).toEqual({ message: 'attune.validation.before_case_opened', args: { date: '2026-11-20' } });
    expect(localiseIssueMessage('must be within a year from now')).toEqual({ message: 'attune.validation.within_a_year', args: {} });
    expect(localiseIssueMessage('must not be in the future')).toEqual({ message: 'attune.validation.not_in_future', args: {} });
  });

  it('leaves messages it does not know as they are', () => {
    expect(localiseIssueMessage('must name two different clients')).toBe('must name two different clients');
  });
});

describe('API errors for forms', () => {
  it('keeps the field errors and makes the message the form-level error', () => {
    expect(toFormErrors({ statusCode: 400, message: 'title: is required', errors: { title: 'is required' } }, { localise: false })).toEqual({
      title: 'is required',
      root: { serverError: 'title: is required' },
    });
    expect(toFormErrors({ statusCode: 409, message: 'A signed note cannot be changed' })).toBeUndefined();
  });

  it("gives a react-admin form the server's field reasons in the user's language, as the form's own checks would", async () => {
    const errors = toFormErrors({
      statusCode: 400,
      code: 'VALIDATION',
      message: 'email: must be a valid email address; title: must be at most 120 characters long; kind: must name two different clients',
      errors: { email: 'must be a valid email address', title: 'must be at most 120 characters long', clientIds: 'must name two different clients' },
    })!;
    // what react-admin's ValidationError shows at the input, through the app's own translations
    const { i18nProvider } = await import('../i18n/i18n-provider');
    await i18nProvider.changeLocale('zh');
    const shown = (reason: string | { serverError: string } | undefined): string => {
      const text = typeof reason === 'string' ? reason : JSON.stringify(reason);
      const marker = '@@react-admin@@';
      if (!text.startsWith(marker)) return i18nProvider.translate(text, { _: text });
      const { message, args } = JSON.parse(text.slice(marker.length)) as { message: string; args: Record<string, unknown> };
      return i18nProvider.translate(message, { _: message, ...args });
    };
    expect(shown(errors['email'])).toBe('必须是有效的邮箱地址');
    expect(shown(errors['title'])).toBe('最多 120 个字符');
    // a reason the app has no words for stays as the API wrote it
    expect(errors['clientIds']).toBe('must name two different clients');
    // the form-level message is the app's words for the code, not the API's English
    expect(errors['root']).toEqual({ serverError: 'api_errors.VALIDATION' });
    expect(i18nProvider.translate('api_errors.VALIDATION')).toBe('有些字段需要修改。');
  });

  it('reads the XSRF cookie among others', () => {
    expect(readCookie('a=1; XSRF-TOKEN=abc%3D; b=2', 'XSRF-TOKEN')).toBe('abc=');
    expect(readCookie('a=1', 'XSRF-TOKEN')).toBeUndefined();
  });
});
