/** Pure helpers for the API's cookies and error bodies (no React, unit-tested). */
import type { ApiErrorCode } from '@attune/domain';
import { API_ERROR_TEXTS, apiErrorKey } from '../i18n/api-error.messages';
import { localiseIssueMessage } from '../forms/zod-form-validator';

/** The API's error body: `{statusCode, message, errors?: {field: reason}, code?}`. */
export interface ApiErrorBody {
  statusCode?: number;
  message?: string;
  code?: string;
  errors?: Record<string, string>;
}

/** Field errors in the shape react-admin's forms take: `{field: reason, root: {serverError}}`. */
export type FormErrors = Record<string, string | { serverError: string }>;

/** The value of one cookie in a `document.cookie` string, or undefined. */
export function readCookie(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/** react-admin's marker for an input error that carries a translation key and its arguments. */
const TRANSLATABLE_ERROR_PREFIX = '@@react-admin@@';

/** A server field reason as the input shows it: the common reasons in the user's language, others as written. */
export function localisedReason(reason: string): string {
  const localised = localiseIssueMessage(reason);
  return typeof localised === 'string' ? localised : TRANSLATABLE_ERROR_PREFIX + JSON.stringify(localised);
}

/**
 * Turns the API's field errors into react-admin form errors, the whole-input issue (`_root`) or
 * else the API's message becoming `root.serverError`, which react-admin notifies. For a
 * react-admin form (`localise`), each field gets its reason in the user's language where the app
 * knows it (the same words as the form's own checks) and the root the app's words for the error
 * code; otherwise the reasons stay as the API wrote them, for pages that read them themselves.
 * Returns undefined when the API named no field.
 */
export function toFormErrors(body: ApiErrorBody | undefined, { localise = true }: { localise?: boolean } = {}): FormErrors | undefined {
  const errors = body?.errors;
  if (!errors || typeof errors !== 'object' || Object.keys(errors).length === 0) return undefined;
  const result: FormErrors = {};
  let rootMessage = (localise ? messageKeyOfCode(body?.code) : undefined) ?? body?.message;
  for (const [field, reason] of Object.entries(errors)) {
    if (field === '_root') rootMessage = String(reason);
    else result[field] = localise ? localisedReason(String(reason)) : String(reason);
  }
  if (rootMessage) result['root'] = { serverError: rootMessage };
  return result;
}

/**
 * The translation key of the app's own words for an API error code (every code of libs' table
 * has them, in both languages), or undefined for a missing or unknown code.
 */
export function messageKeyOfCode(code: string | undefined): string | undefined {
  return code !== undefined && Object.hasOwn(API_ERROR_TEXTS, code) ? apiErrorKey(code as ApiErrorCode) : undefined;
}

/** Whether an error (a react-admin HttpError or anything carrying the API body) is a stale-version 409. */
export function isVersionConflict(error: unknown): boolean {
  const body = (error as { body?: ApiErrorBody } | null | undefined)?.body;
  return (error as { status?: number } | null | undefined)?.status === 409 && body?.code === 'VERSION_CONFLICT';
}

/** The message to show for an API error: the app's words for its code (a translation key), else the API's message. */
export function errorMessageOf(body: ApiErrorBody | undefined, fallback: string): string {
  return messageKeyOfCode(body?.code) ?? (body?.message || fallback);
}
