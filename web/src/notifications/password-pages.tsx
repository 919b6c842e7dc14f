import { Alert, Box, Button, CardContent, Link, Typography } from '@mui/material';
import { useState } from 'react';
import { Form, LocalesMenuButton, Login, PasswordInput, TextInput, useTranslate } from 'react-admin';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { notificationsApi } from './notifications-api';
import { useErrorText } from '../shared/use-error-text';

export const ACTIVATE_PATH = '/activate';
export const RESET_PASSWORD_PATH = '/reset-password';
export const FORGOT_PASSWORD_PATH = '/forgot-password';

const filledIn = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? undefined : 'ra.validation.required');

/** A public page in the sign-in page's frame, its form the main landmark. */
const PublicCard = ({ heading, intro, children }: { heading: string; intro: string; children: React.ReactNode }) => {
  const translate = useTranslate();
  return (
    <Login sx={{ background: 'linear-gradient(160deg, #2f6f73 0%, #284b63 100%)' }}>
      <Box component="main">
        <CardContent sx={{ width: { xs: 280, sm: 340 } }}>
          <Typography component="h1" variant="h5" sx={{ mb: 1, textAlign: 'center' }}>{translate(heading)}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{translate(intro)}</Typography>
          {children}
          <Box sx={{ mt: 2, display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Link component={RouterLink} to="/login">{translate('notifications.links.back_to_sign_in')}</Link>
            <LocalesMenuButton />
          </Box>
        </CardContent>
      </Box>
    </Login>
  );
};

/** The page an invitation or reset link opens: choose a password (twice), sent with the link's token. */
const PasswordLinkPage = ({ purpose }: { purpose: 'activate' | 'reset' }) => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, setState] = useState<{ done: boolean; error: string | null; fieldError: string | null }>({ done: false, error: null, fieldError: null });

  const submit = async (values: Record<string, unknown>) => {
    const password = String(values['password'] ?? '');
    if (password !== String(values['repeat'] ?? '')) {
      setState({ done: false, error: null, fieldError: translate('notifications.password.mismatch') });
      return;
    }
    try {
      await (purpose === 'activate' ? notificationsApi.activate(token, password) : notificationsApi.confirmReset(token, password));
      setState({ done: true, error: null, fieldError: null });
    } catch (caught) {
      const body = (caught as { body?: { code?: string; errors?: Record<string, string> } }).body;
      if (body?.code === 'LINK_INVALID' || body?.errors?.['token']) setState({ done: false, error: translate('notifications.password.invalid_link'), fieldError: null });
      else setState({ done: false, error: null, fieldError: body?.errors?.['password'] ?? errorText(caught) });
    }
  };

  return (
    <PublicCard heading={`notifications.${purpose}.heading`} intro={`notifications.${purpose}.intro`}>
      {!token ? <Alert severity="warning">{translate('notifications.password.missing_token')}</Alert> : state.done ? (
        <Alert severity="success" action={<Button component={RouterLink} to="/login" color="inherit">{translate('attune.auth.sign_in')}</Button>}>
          {translate('notifications.password.done')}
        </Alert>
      ) : (
        <Form onSubmit={submit} noValidate>
          <PasswordInput source="password" label="notifications.password.new" autoComplete="new-password" validate={filledIn} />
          <PasswordInput source="repeat" label="notifications.password.repeat" autoComplete="new-password" validate={filledIn} />
          {state.fieldError ? <Alert severity="error" sx={{ mb: 2 }}>{state.fieldError}</Alert> : null}
          {state.error ? <Alert severity="error" sx={{ mb: 2 }}>{state.error}</Alert> : null}
          <Button variant="contained" type="submit" fullWidth>{translate('notifications.password.save')}</Button>
        </Form>
      )}
    </PublicCard>
  );
};

export const ActivatePage = () => <PasswordLinkPage purpose="activate" />;
export const ResetPasswordPage = () => <PasswordLinkPage purpose="reset" />;

/** "Forgot your password?": one address in, the same answer whatever it is. */
export const ForgotPasswordPage = () => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: Record<string, unknown>) => {
    setError(null);
    try {
      await notificationsApi.requestReset(String(values['email'] ?? ''));
      setSent(true);
    } catch (caught) {
      setError(errorText(caught));
    }
  };
  return (
    <PublicCard heading="notifications.forgot.heading" intro="notifications.forgot.intro">
      {sent ? <Alert severity="success" role="status">{translate('notifications.forgot.sent')}</Alert> : (
        <Form onSubmit={submit} noValidate>
          <TextInput source="email" type="email" label="notifications.forgot.email" autoComplete="username" validate={filledIn} />
          {error ? <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert> : null}
          <Button variant="contained" type="submit" fullWidth>{translate('notifications.forgot.send')}</Button>
        </Form>
      )}
    </PublicCard>
  );
};

/** The sign-in page's link to the page above. */
export const ForgotPasswordLink = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 1.5, textAlign: 'center' }}>
      <Link component={RouterLink} to={FORGOT_PASSWORD_PATH}>{translate('notifications.links.forgot')}</Link>
    </Box>
  );
};
