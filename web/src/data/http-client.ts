import { fetchUtils, HttpError } from 'react-admin';
import { errorMessageOf, readCookie, toFormErrors, type ApiErrorBody } from './api-errors';

export type { ApiErrorBody } from './api-errors';

export const API_URL = '/api';
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'X-XSRF-TOKEN';

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Re-shapes an HttpError so that react-admin shows the API's message and field errors; with
 * `localiseFieldErrors` (react-admin's forms) the field reasons in the user's language.
 */
export function toReactAdminError(error: unknown, { localiseFieldErrors = false }: { localiseFieldErrors?: boolean } = {}): unknown {
  if (!(error instanceof HttpError)) return error;
  const body = (error.body ?? undefined) as ApiErrorBody | undefined;
  const formErrors = toFormErrors(body, { localise: localiseFieldErrors });
  const message = errorMessageOf(body, error.message);
  if (!formErrors && message === error.message) return error;
  return new HttpError(message, error.status, formErrors ? { ...body, errors: formErrors } : body);
}

function currentXsrfToken(): string | undefined {
  return typeof document === 'undefined' ? undefined : readCookie(document.cookie, XSRF_COOKIE);
}

/**
 * The one way the app talks to the API: JSON, same-origin cookies, and the XSRF header on every
 * mutation. Errors come back as react-admin HttpErrors carrying the API's message and field errors.
 */
export async function httpClient(url: string, options: fetchUtils.Options = {}, { localiseFieldErrors = false }: { localiseFieldErrors?: boolean } = {}): ReturnType<typeof fetchUtils.fetchJson> {
  const headers = new Headers(options.headers ?? undefined);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  const method = (options.method ?? 'GET').toUpperCase();
  if (MUTATING_METHODS.has(method)) {
    const token = currentXsrfToken();
    if (token) headers.set(XSRF_HEADER, token);
  }
  try {
    return await fetchUtils.fetchJson(url, { ...options, headers, credentials: 'same-origin' });
  } catch (error) {
    throw toReactAdminError(error, { localiseFieldErrors });
  }
}

/** httpClient for react-admin's data provider: its forms show the field reasons in the user's language. */
export function formHttpClient(url: string, options: fetchUtils.Options = {}): ReturnType<typeof fetchUtils.fetchJson> {
  return httpClient(url, options, { localiseFieldErrors: true });
}

/** A GET through httpClient, answered as JSON of the contract type the caller names. */
export async function getJson<T>(url: string): Promise<T> {
  return (await httpClient(url)).json as T;
}

/** A change through httpClient: a JSON body (and headers such as Idempotency-Key), the JSON answer. */
export async function sendJson<T>(method: 'POST' | 'PUT', url: string, body: unknown = {}, headers?: Record<string, string>): Promise<T> {
  return (await httpClient(url, { method, body: JSON.stringify(body), headers: new Headers(headers) })).json as T;
}
