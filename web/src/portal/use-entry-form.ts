import { useEffect, useRef, useState } from 'react';
import { HttpError, useLogoutIfAccessDenied, useTranslate } from 'react-admin';
import { isTransient } from './use-autosave';

export interface EntryMessage {
  severity: 'success' | 'warning' | 'error';
  text: string;
}

/**
 * The state every "add an entry" form of the portal shares (Log a good moment, Rate myself):
 * field errors, a message that takes focus, and one way to send: a 400 puts the API's reasons at
 * the fields, a 401 signs out, anything passing says so without losing what was typed.
 */
export function useEntryForm() {
  const translate = useTranslate();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<EntryMessage | null>(null);
  const [saving, setSaving] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const send = async (request: () => Promise<unknown>, onSaved: () => void, savedText: string) => {
    setSaving(true);
    try {
      await request();
      setErrors({});
      onSaved();
      setMessage({ severity: 'success', text: savedText });
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) await logoutIfAccessDenied(error);
      else if (error instanceof HttpError && error.status === 400) setErrors((error.body as { errors?: Record<string, string> })?.errors ?? {});
      else if (error instanceof HttpError && !isTransient(error)) setMessage({ severity: 'warning', text: translate(error.message, { _: error.message }) });
      else setMessage({ severity: 'error', text: translate('portal.common.load_error') });
    } finally {
      setSaving(false);
    }
  };

  return { errors, setErrors, message, setMessage, saving, messageRef, send };
}
