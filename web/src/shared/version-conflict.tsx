import { Alert, Button } from '@mui/material';
import { useCallback, useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { isVersionConflict } from '../data/api-errors';

/**
 * Says that someone else changed the record since the form was opened, while the form keeps what the
 * person typed; "Reload" fetches their change (and replaces the form's values with it).
 */
export const VersionConflictAlert = ({ onReload }: { onReload: () => void }) => {
  const translate = useTranslate();
  return (
    <Alert
      severity="warning"
      role="alert"
      sx={{ mb: 2 }}
      action={
        <Button color="inherit" size="small" onClick={onReload}>
          {translate('attune.conflict.reload')}
        </Button>
      }
    >
      {translate('attune.conflict.message')}
    </Alert>
  );
};

/**
 * For an edit page: an `onError` for react-admin's mutation that turns a 409 VERSION_CONFLICT into
 * the alert above (other errors are notified as react-admin would), and the alert to render.
 * The edit must be pessimistic, so the form and its input stay as they were.
 */
export function useVersionConflict() {
  const notify = useNotify();
  const refresh = useRefresh();
  const [conflict, setConflict] = useState(false);
  const onError = useCallback((error: unknown) => {
    if (isVersionConflict(error)) {
      setConflict(true);
      return;
    }
    // Field errors are shown at their inputs by react-admin itself.
    const fieldErrors = (error as { body?: { errors?: Record<string, unknown> } } | undefined)?.body?.errors;
    if (fieldErrors && Object.keys(fieldErrors).length > 0) return;
    const message = (error as Error | undefined)?.message || 'ra.notification.http_error';
    notify(message, { type: 'error', messageArgs: { _: message } });
  }, [notify]);
  const reload = useCallback(() => {
    setConflict(false);
    refresh();
  }, [refresh]);
  const alert = conflict ? <VersionConflictAlert onReload={reload} /> : null;
  return { onError, alert, clear: () => setConflict(false) };
}
