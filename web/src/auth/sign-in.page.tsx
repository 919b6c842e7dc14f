import { Alert, Box, Button, CardContent, CircularProgress, Typography } from '@mui/material';
import { useState } from 'react';
import { Form, LocalesMenuButton, Login, PasswordInput, TextInput, useLogin, useTranslate } from 'react-admin';
import { TotpRequiredError, type SignInCredentials } from './auth-provider';
import { ForgotPasswordLink } from '../notifications/password-pages';

/**
 * Required, but without react-admin's `required()` marker: the labels read exactly "Email" and
 * "Password", with no asterisk, for people and for tests that find the inputs by label.
 */
const filledIn = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? undefined : 'ra.validation.required');

/**
 * Email and password; the authentication code appears when the account has a second factor and
 * the API asks for it. Errors are shown in the form, where a screen reader announces them.
 */
export const SignInForm = () => {
  const translate = useTranslate();
  const login = useLogin();
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<{ text: string; severity: 'info' | 'error' } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: Record<string, unknown>) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values);
    } catch (caught) {
      if (caught instanceof TotpRequiredError) {
        setNeedsCode(true);
        setError({ text: translate('attune.auth.totp_required'), severity: 'info' });
      } else {
        const status = (caught as { status?: number } | null)?.status;
        const code = (caught as { body?: { code?: string } } | null)?.body?.code;
        const message = (caught as { message?: string } | null)?.message;
        let text: string;
        if (code === 'TOTP_INVALID') text = translate('attune.auth.totp_invalid');
        else if (status === 401) text = translate('attune.auth.invalid_credentials');
        else if (status === 429) text = translate('attune.auth.throttled');
        else if (status === undefined || status >= 500) text = translate('attune.auth.unavailable');
        else text = message ? translate(message, { _: message }) : translate('ra.auth.sign_in_error');
        setError({ text, severity: 'error' });
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form onSubmit={submit} noValidate>
      <CardContent sx={{ width: { xs: 280, sm: 340 } }}>
        <Typography component="h1" variant="h5" sx={{ mb: 1, textAlign: 'center' }}>
          {translate('attune.auth.heading')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2, textAlign: 'center' }}>
          {translate('attune.auth.subtitle')}
        </Typography>
        <TextInput
          source="email"
          type="email"
          label="attune.auth.email"
          autoComplete="username"
          autoFocus
          validate={filledIn}
        />
        <PasswordInput source="password" label="attune.auth.password" autoComplete="current-password" validate={filledIn} />
        {needsCode ? (
          <TextInput
            source="totp"
            label="attune.auth.totp"
            helperText="attune.auth.totp_help"
            autoComplete="one-time-code"
            inputProps={{ inputMode: 'numeric' }}
            autoFocus
          />
        ) : null}
        <Box>
          {error ? (
            <Alert severity={error.severity} sx={{ mb: 2 }}>
              {error.text}
            </Alert>
          ) : null}
        </Box>
        <Button variant="contained" type="submit" color="primary" fullWidth disabled={submitting}>
          {submitting ? <CircularProgress size={19} thickness={3} sx={{ mr: 1 }} aria-hidden /> : null}
          {translate('attune.auth.sign_in')}
        </Button>
        <ForgotPasswordLink />
        <Box sx={{ mt: 2, display: 'flex', justifyContent: 'center' }}>
          <LocalesMenuButton />
        </Box>
      </CardContent>
    </Form>
  );
};

/** The form is the page's main landmark, so assistive technology can jump straight to it. */
export const SignInPage = () => (
  <Login sx={{ background: 'linear-gradient(160deg, #2f6f73 0%, #284b63 100%)' }}>
    <Box component="main">
      <SignInForm />
    </Box>
  </Login>
);
