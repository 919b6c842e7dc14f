import { Button, Dialog, DialogActions, DialogContent, DialogTitle, type ButtonProps } from '@mui/material';
import { useId, useState, type ReactNode } from 'react';
import { Form, HttpError, SaveButton, useNotify, useRefresh, useTranslate, type ValidateForm } from 'react-admin';
import { isVersionConflict, localisedReason } from '../data/api-errors';
import { VersionConflictAlert } from './version-conflict';

export interface FormDialogProps {
  /** Translation key of the opening button's label and of the dialog's title. */
  buttonLabel: string;
  title: string;
  /** The title's placeholders (a date, a name). */
  titleArgs?: Record<string, unknown>;
  buttonIcon?: ReactNode;
  buttonProps?: ButtonProps;
  saveLabel?: string;
  defaultValues?: Record<string, unknown>;
  validate?: ValidateForm;
  /** Does the work; a rejection with field errors puts them at the inputs. */
  onSubmit: (values: Record<string, unknown>) => Promise<unknown>;
  successMessage: string;
  children: ReactNode;
  maxWidth?: 'xs' | 'sm' | 'md';
}

/**
 * A button that opens a dialog holding a react-admin form: validated with the shared schema, saved
 * through the data provider, the API's field errors shown at the inputs, the page refreshed after.
 * A 409 VERSION_CONFLICT keeps the dialog open with the input and says someone else changed the record.
 */
export const FormDialog = ({
  buttonLabel,
  title,
  titleArgs,
  buttonIcon,
  buttonProps,
  saveLabel = 'ra.action.save',
  defaultValues,
  validate,
  onSubmit,
  successMessage,
  children,
  maxWidth = 'sm',
}: FormDialogProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpenState] = useState(false);
  const [conflict, setConflict] = useState(false);
  const titleId = useId();
  const setOpen = (next: boolean) => {
    setConflict(false);
    setOpenState(next);
  };

  const submit = async (values: Record<string, unknown>) => {
    try {
      await onSubmit(values);
      notify(successMessage, { type: 'success' });
      setOpen(false);
      refresh();
      return undefined;
    } catch (error) {
      // Someone else changed the record: say so and keep the dialog and what was typed in it.
      if (isVersionConflict(error)) {
        setConflict(true);
        return undefined;
      }
      const fieldErrors = error instanceof HttpError ? (error.body as { errors?: Record<string, unknown> } | undefined)?.errors : undefined;
      // at their inputs, in the user's language where the app knows the reason
      if (fieldErrors && Object.keys(fieldErrors).length > 0) {
        return Object.fromEntries(Object.entries(fieldErrors).map(([field, reason]) => [field, typeof reason === 'string' ? localisedReason(reason) : reason]));
      }
      const message = (error as Error | undefined)?.message || 'ra.notification.http_error';
      notify(message, { type: 'error', messageArgs: { _: message } });
      return undefined;
    }
  };

  return (
    <>
      <Button variant="outlined" size="small" startIcon={buttonIcon} onClick={() => setOpen(true)} {...buttonProps}>
        {translate(buttonLabel)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth={maxWidth}>
        {open ? (
          <Form onSubmit={submit} {...(defaultValues ? { defaultValues } : {})} {...(validate ? { validate } : {})} noValidate>
            <DialogTitle id={titleId}>{translate(title, titleArgs)}</DialogTitle>
            <DialogContent>
              {conflict ? (
                <VersionConflictAlert
                  onReload={() => {
                    setOpen(false);
                    refresh();
                  }}
                />
              ) : null}
              {children}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
              <SaveButton label={saveLabel} alwaysEnable />
            </DialogActions>
          </Form>
        ) : null}
      </Dialog>
    </>
  );
};
