/** Pure helpers of the account page: the password policy's and the API's reasons as message keys (unit-tested). */
import {
  COMMON_PASSWORD_MESSAGE,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
} from '@attune/domain';

/** A message key with its placeholders, as react-admin's `translate` takes them. */
export interface Message {
  key: string;
  args?: Record<string, unknown>;
}

export const TOTP_ENROLMENT_REQUIRED = 'TOTP_ENROLMENT_REQUIRED';

/** A problem with a password, in the policy's (or the API's) words, as a message key; unknown reasons are kept as they are. */
export function passwordProblemMessage(problem: string): Message {
  if (/at least \d+ characters/.test(problem)) return { key: 'account.password.too_short', args: { min: PASSWORD_MIN_LENGTH } };
  if (/at most \d+ characters/.test(problem)) return { key: 'account.password.too_long', args: { max: PASSWORD_MAX_LENGTH } };
  if (problem === COMMON_PASSWORD_MESSAGE) return { key: 'account.password.common' };
  if (/too close to your name/.test(problem)) return { key: 'account.password.too_close' };
  if (/same as your current password/.test(problem)) return { key: 'account.password.same_as_current' };
  if (/not your current password/.test(problem)) return { key: 'account.password.not_current' };
  return { key: problem };
}

export interface PasswordChangeValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * Checks the change-password form with the shared password policy (asynchronous: the list of
 * common passwords loads on first use). `contextWords` are the person's name and email name.
 */
export async function validatePasswordChange(values: PasswordChangeValues, contextWords: readonly string[] = []): Promise<Record<string, Message>> {
  const errors: Record<string, Message> = {};
  if (!values.currentPassword) errors['currentPassword'] = { key: 'account.password.required' };
  if (!values.newPassword) errors['newPassword'] = { key: 'account.password.required' };
  else {
    const problem = await passwordProblem(values.newPassword, [...contextWords, 'attune']);
    if (problem) errors['newPassword'] = passwordProblemMessage(problem);
  }
  if (!values.confirmPassword) errors['confirmPassword'] = { key: 'account.password.required' };
  else if (values.confirmPassword !== values.newPassword) errors['confirmPassword'] = { key: 'account.password.mismatch' };
  return errors;
}

interface ErrorLike {
  status?: number;
  message?: string;
  body?: { code?: string; message?: string; errors?: Record<string, unknown> };
}

/** The API's error code (TOTP_REQUIRED, TOTP_INVALID, TOTP_ENROLMENT_REQUIRED, …), if any. */
export function apiErrorCode(error: unknown): string | undefined {
  return (error as ErrorLike | null)?.body?.code;
}

export function isTotpEnrolmentRequired(error: unknown): boolean {
  return (error as ErrorLike | null)?.status === 403 && apiErrorCode(error) === TOTP_ENROLMENT_REQUIRED;
}

/** The API's reason per field (not the whole-form `root`), as strings. */
export function apiFieldErrors(error: unknown): Record<string, string> {
  const errors = (error as ErrorLike | null)?.body?.errors;
  if (!errors || typeof errors !== 'object') return {};
  return Object.fromEntries(Object.entries(errors).filter(([field, reason]) => field !== 'root' && typeof reason === 'string')) as Record<string, string>;
}

/** What to say for an error that names no field. */
export function generalErrorMessage(error: unknown): Message {
  const e = error as ErrorLike | null;
  if (isTotpEnrolmentRequired(error)) return { key: 'account.enrolment_required_short' };
  if (e?.status === 429) return { key: 'account.throttled' };
  if (e?.status === undefined || e.status >= 500) return { key: 'account.unexpected_error' };
  return { key: e.body?.message || e.message || 'account.unexpected_error' };
}
