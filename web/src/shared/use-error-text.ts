import { useCallback } from 'react';
import { useTranslate } from 'react-admin';
import { messageKeyOfCode, type ApiErrorBody } from '../data/api-errors';

/**
 * The words to show for a failed call, in the user's language: the app's text for the API's error
 * code, else the error's message (a translation key, or a text already worded), else "the server
 * could not be reached" for a call that got no answer.
 */
export function useErrorText(): (error: unknown) => string {
  const translate = useTranslate();
  return useCallback(
    (error: unknown) => {
      const e = error as { status?: number; message?: string; body?: ApiErrorBody } | null | undefined;
      const key = messageKeyOfCode(e?.body?.code);
      if (key) return translate(key);
      if (e?.status === undefined || !e.message) return translate('ra.notification.http_error');
      return translate(e.message, { _: e.message });
    },
    [translate],
  );
}
