import { COMMON_PASSWORD_MESSAGE } from '@attune/domain';
import { apiFieldErrors, generalErrorMessage, isTotpEnrolmentRequired, passwordProblemMessage, validatePasswordChange } from './account-errors';

/** The shape of react-admin's HttpError, without loading react-admin (ESM only under jest). */
const httpError = (message: string, status: number, body: unknown) => Object.assign(new Error(message), { status, body });

describe('the account page’s checks', () => {
  it('checks a new password with the shared policy, and the repeat', async () => {
    expect(await validatePasswordChange({ currentPassword: '', newPassword: 'short', confirmPassword: 'other' })).toEqual({
      currentPassword: { key: 'account.password.required' },
      newPassword: { key: 'account.password.too_short', args: { min: 8 } },
      confirmPassword: { key: 'account.password.mismatch' },
    });
    expect((await validatePasswordChange({ currentPassword: 'x', newPassword: 'password123', confirmPassword: 'password123' })).newPassword)
      .toEqual({ key: 'account.password.common' });
    expect((await validatePasswordChange({ currentPassword: 'x', newPassword: 'sunhao2026!', confirmPassword: 'sunhao2026!' }, ['Sun Hao'])).newPassword)
      .toEqual({ key: 'account.password.too_close' });
    expect(await validatePasswordChange({ currentPassword: 'x', newPassword: 'quiet river lantern', confirmPassword: 'quiet river lantern' })).toEqual({});
  });

  it('turns the API’s reasons into message keys, keeping unknown ones', () => {
    expect(passwordProblemMessage(COMMON_PASSWORD_MESSAGE).key).toBe('account.password.common');
    expect(passwordProblemMessage('is not your current password').key).toBe('account.password.not_current');
    expect(passwordProblemMessage('is the same as your current password').key).toBe('account.password.same_as_current');
    expect(passwordProblemMessage('something new')).toEqual({ key: 'something new' });
  });

  it('recognises the API’s errors', () => {
    const enrol = httpError('set it up', 403, { code: 'TOTP_ENROLMENT_REQUIRED' });
    expect(isTotpEnrolmentRequired(enrol)).toBe(true);
    expect(generalErrorMessage(enrol).key).toBe('account.enrolment_required_short');
    expect(isTotpEnrolmentRequired(httpError('no', 403, { code: 'OTHER' }))).toBe(false);
    expect(generalErrorMessage(httpError('slow down', 429, {})).key).toBe('account.throttled');
    const fields = httpError('x', 400, { errors: { newPassword: 'is too short', root: { serverError: 'x' } } });
    expect(apiFieldErrors(fields)).toEqual({ newPassword: 'is too short' });
  });
});
