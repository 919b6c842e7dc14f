import { Alert, Box, Button, CircularProgress, Stack, TextField } from '@mui/material';
import { PASSWORD_MIN_LENGTH } from '@attune/domain';
import { useState, type FormEvent } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { accountApi, type MyAccount } from './account-api';
import { apiFieldErrors, generalErrorMessage, passwordProblemMessage, validatePasswordChange, type Message, type PasswordChangeValues } from './account-errors';
import { AccountSection } from './account-section';

const EMPTY: PasswordChangeValues = { currentPassword: '', newPassword: '', confirmPassword: '' };
const FIELDS = [
  { name: 'currentPassword', label: 'account.password.current', autoComplete: 'current-password' },
  { name: 'newPassword', label: 'account.password.new', autoComplete: 'new-password' },
  { name: 'confirmPassword', label: 'account.password.confirm', autoComplete: 'new-password' },
] as const;

/**
 * Current, new and repeated password. The new one is checked with the shared password policy
 * before it is sent; what the API still refuses is shown at the input it concerns.
 */
export const ChangePasswordSection = ({ account, onChanged }: { account: MyAccount; onChanged?: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [values, setValues] = useState<PasswordChangeValues>(EMPTY);
  const [errors, setErrors] = useState<Record<string, Message>>({});
  const [general, setGeneral] = useState<Message | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const contextWords = [account.email.split('@')[0] ?? '', account.displayName];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const problems = await validatePasswordChange(values, contextWords);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      const first = FIELDS.find((f) => problems[f.name]);
      if (first) document.getElementById(`account-${first.name}`)?.focus();
      return;
    }
    setSubmitting(true);
    try {
      await accountApi.changePassword(values.currentPassword, values.newPassword);
      setValues(EMPTY);
      setErrors({});
      notify('account.password.changed', { type: 'success' });
      onChanged?.();
    } catch (error) {
      const fields = Object.fromEntries(Object.entries(apiFieldErrors(error)).map(([field, reason]) => [field, passwordProblemMessage(reason)]));
      setErrors(fields);
      if (Object.keys(fields).length === 0) setGeneral(generalErrorMessage(error));
      else document.getElementById(`account-${Object.keys(fields)[0]}`)?.focus();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AccountSection id="change-password" heading={translate('account.password.heading')}>
      <Box component="form" noValidate onSubmit={submit} aria-labelledby="change-password-heading" sx={{ maxWidth: 420 }}>
        <Box component="p" id="change-password-help" sx={{ mt: 0, color: 'text.secondary' }}>
          {translate('account.password.help', { min: PASSWORD_MIN_LENGTH })}
        </Box>
        <Stack spacing={2}>
          {FIELDS.map((field) => {
            const error = errors[field.name];
            return (
              <TextField
                key={field.name}
                id={`account-${field.name}`}
                name={field.name}
                type="password"
                label={translate(field.label)}
                autoComplete={field.autoComplete}
                value={values[field.name]}
                onChange={(event) => setValues((v) => ({ ...v, [field.name]: event.target.value }))}
                error={Boolean(error)}
                helperText={error ? translate(error.key, { _: error.key, ...error.args }) : undefined}
                slotProps={{ htmlInput: { 'aria-invalid': Boolean(error) } }}
                required
                fullWidth
              />
            );
          })}
          {general ? (
            <Alert severity="error" role="alert">
              {translate(general.key, { _: general.key, ...general.args })}
            </Alert>
          ) : null}
          <Box>
            <Button type="submit" variant="contained" disabled={submitting}>
              {submitting ? <CircularProgress size={16} sx={{ mr: 1 }} aria-hidden /> : null}
              {translate('account.password.submit')}
            </Button>
          </Box>
        </Stack>
      </Box>
    </AccountSection>
  );
};
