import { API_URL } from '../data/http-client';
import { errorMessageOf, type ApiErrorBody } from '../data/api-errors';

/** A refused download: the API's status, code and message. */
export class DownloadError extends Error {
  constructor(message: string, readonly status: number, readonly code: string | undefined) {
    super(message);
  }
}

/** The file name the API gave in Content-Disposition, or `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const match = disposition?.match(/filename="([^"]+)"/);
  return match?.[1] ?? fallback;
}

/**
 * Fetches a file the API makes (a PDF, a JSON export) with the session cookie and hands it to the
 * browser as a download. A refusal becomes a DownloadError with the API's own message.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const res = await fetch(`${API_URL}${path}`, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
    throw new DownloadError(errorMessageOf(body, res.statusText || String(res.status)), res.status, body?.code);
  }
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export interface CaseReportChoice {
  from: string;
  to: string;
  lang: 'en' | 'zh';
  variant: 'report' | 'discharge';
}

/** The report's URL path for a case and the choices of the dialog, in the browser's time zone. */
export function caseReportPath(caseId: string, choice: CaseReportChoice, timeZone: string): string {
  const query = new URLSearchParams({ lang: choice.lang, variant: choice.variant, timeZone });
  if (choice.from) query.set('from', choice.from);
  if (choice.to) query.set('to', choice.to);
  return `/cases/${encodeURIComponent(caseId)}/report.pdf?${query.toString()}`;
}
