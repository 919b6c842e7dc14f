/** Pure helpers for the API's cookies and error bodies (no React, unit-tested). */
import type { ApiErrorCode } from '@attune/domain';
import { API_ERROR_TEXTS, apiErrorKey } from '../i18n/api-error.messages';

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

/**
 * Turns the API's field errors into react-admin form errors: each field keeps its reason, the
 * whole-input issue (`_root`) or else the API's message becomes `root.serverError`, which
 * react-admin notifies. Returns undefined when the API named no field.
 */
export function toFormErrors(body: ApiErrorBody | undefined): FormErrors | undefined {
  const errors = body?.errors;
  if (!errors || typeof errors !== 'object' || Object.keys(errors).length === 0) return undefined;
  const result: FormErrors = {};
  let rootMessage = body?.message;
  for (const [field, reason] of Object.entries(errors)) {
    if (field === '_root') rootMessage = String(reason);
    else result[field] = String(reason);
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
