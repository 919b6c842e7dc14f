import { Alert, Box, Button, Checkbox, CircularProgress, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { accountApi, type TotpEnrolment } from './account-api';
import { apiErrorCode, apiFieldErrors, generalErrorMessage, passwordProblemMessage, type Message } from './account-errors';
import { AccountSection } from './account-section';

type Step =
  | { kind: 'off' }
  | { kind: 'enrolling'; enrolment: TotpEnrolment }
  | { kind: 'codes'; recoveryCodes: string[] }
  | { kind: 'on' };

const SIX_DIGITS = /^\d{6}$/;
const CODE_OR_RECOVERY = /^(\d{6}|[a-z0-9]{5}-?[a-z0-9]{5})$/i;

/**
 * Two-step sign-in: set up (QR code and key, then a code from the app), the recovery codes shown
 * once, and turning it off with the password and a code. `onChange` reloads the account.
 */
export const TwoStepSection = ({ enabled, onChange }: { enabled: boolean; onChange: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [step, setStep] = useState<Step>(enabled ? { kind: 'on' } : { kind: 'off' });
  const [busy, setBusy] = useState(false);
  const [general, setGeneral] = useState<Message | null>(null);
  const t = (m: Message) => translate(m.key, { _: m.key, ...m.args });

  // the account reloaded with another state (e.g. after turning it on), unless codes are on screen
  useEffect(() => {
    setStep((current) => (current.kind === 'codes' || current.kind === 'enrolling' ? current : enabled ? { kind: 'on' } : { kind: 'off' }));
  }, [enabled]);

  const start = async () => {
    setBusy(true);
    setGeneral(null);
    try {
      setStep({ kind: 'enrolling', enrolment: await accountApi.startTotpEnrolment() });
    } catch (error) {
      setGeneral(generalErrorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AccountSection id="two-step" heading={translate('account.totp.heading')}>
      {general ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {t(general)}
        </Alert>
      ) : null}
      {step.kind === 'off' ? (
        <>
          <Typography sx={{ mb: 2 }}>{translate('account.totp.status_off')}</Typography>
          <Button variant="contained" onClick={start} disabled={busy}>
            {busy ? <CircularProgress size={16} sx={{ mr: 1 }} aria-hidden /> : null}
            {translate('account.totp.set_up')}
          </Button>
        </>
      ) : null}
      {step.kind === 'enrolling' ? (
        <ConfirmEnrolment
          enrolment={step.enrolment}
          onConfirmed={(recoveryCodes) => {
            setStep({ kind: 'codes', recoveryCodes });
            onChange();
          }}
          onCancel={() => setStep({ kind: 'off' })}
        />
      ) : null}
      {step.kind === 'codes' ? <RecoveryCodes codes={step.recoveryCodes} onDone={() => setStep({ kind: 'on' })} /> : null}
      {step.kind === 'on' ? (
        <TurnOff
          onTurnedOff={() => {
            notify('account.totp.turned_off', { type: 'success' });
            setStep({ kind: 'off' });
            onChange();
          }}
        />
      ) : null}
    </AccountSection>
  );
};

const ConfirmEnrolment = ({ enrolment, onConfirmed, onCancel }: { enrolment: TotpEnrolment; onConfirmed: (codes: string[]) => void; onCancel: () => void }) => {
  const translate = useTranslate();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.replace(/\s/g, '');
    const codeProblem = SIX_DIGITS.test(trimmed) ? null : translate('account.totp.code_format');
    const passwordProblem = password ? null : translate('account.password.required');
    setError(codeProblem);
    setPasswordError(passwordProblem);
    if (codeProblem || passwordProblem) {
      (codeProblem ? input : passwordInput).current?.focus();
      return;
    }
    setBusy(true);
    try {
      const { recoveryCodes } = await accountApi.confirmTotp(trimmed, password);
      onConfirmed(recoveryCodes);
    } catch (caught) {
      const fields = apiFieldErrors(caught);
      if (fields['password']) {
        setPasswordError(translate(passwordProblemMessage(fields['password']).key, { _: fields['password'] }));
        passwordInput.current?.focus();
      } else if (fields['code']) {
        setError(translate('account.totp.code_wrong'));
        input.current?.focus();
      } else {
        const message = generalErrorMessage(caught);
        setError(translate(message.key, { _: message.key, ...message.args }));
        input.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="form" noValidate onSubmit={submit}>
      <Typography component="p" sx={{ mb: 1 }}>
        {translate('account.totp.step_scan')}
      </Typography>
      <Box component="img" src={enrolment.qrCode} alt={translate('account.totp.qr_alt')} width={240} height={240} sx={{ display: 'block', mb: 1 }} />
      <Typography component="p" variant="body2" id="totp-secret-label" sx={{ fontWeight: 600 }}>
        {translate('account.totp.secret_label')}
      </Typography>
      <Box
        component="code"
        data-testid="totp-secret"
        aria-labelledby="totp-secret-label"
        sx={{ display: 'inline-block', fontSize: '1.05rem', letterSpacing: '0.08em', wordBreak: 'break-all', bgcolor: 'action.hover', px: 1, py: 0.5, mb: 2, borderRadius: 1 }}
      >
        {enrolment.secret}
      </Box>
      <Typography component="p" sx={{ mb: 2 }}>
        {translate('account.totp.step_code')} {translate('account.totp.step_password')}
      </Typography>
      <Stack spacing={2} sx={{ maxWidth: 320 }}>
        <TextField
          id="account-totp-code"
          inputRef={input}
          label={translate('account.totp.code')}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={Boolean(error)}
          helperText={error ?? translate('account.totp.code_help')}
          autoComplete="one-time-code"
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 7, 'aria-invalid': Boolean(error) } }}
        />
        <TextField
          id="account-totp-password"
          inputRef={passwordInput}
          type="password"
          label={translate('account.totp.password')}
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={Boolean(passwordError)}
          helperText={passwordError ?? translate('account.totp.confirm_password_help')}
          slotProps={{ htmlInput: { 'aria-invalid': Boolean(passwordError) } }}
        />
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={busy}>
            {busy ? <CircularProgress size={16} sx={{ mr: 1 }} aria-hidden /> : null}
            {translate('account.totp.confirm')}
          </Button>
          <Button onClick={onCancel}>{translate('account.totp.cancel')}</Button>
        </Stack>
      </Stack>
    </Box>
  );
};

/** The recovery codes, shown this once; focus moves to them so a screen reader reads them out. */
const RecoveryCodes = ({ codes, onDone }: { codes: string[]; onDone: () => void }) => {
  const translate = useTranslate();
  const [saved, setSaved] = useState(false);
  const region = useRef<HTMLDivElement>(null);

  useEffect(() => region.current?.focus(), []);

  return (
    <Box ref={region} tabIndex={-1} role="region" aria-labelledby="recovery-codes-heading" sx={{ outline: 'none', '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' } }}>
      <Typography id="recovery-codes-heading" component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
        {translate('account.totp.codes_heading')}
      </Typography>
      <Alert severity="success" sx={{ my: 1.5 }}>
        {translate('account.totp.codes_intro')}
      </Alert>
      <Box
        component="ol"
        aria-labelledby="recovery-codes-heading"
        sx={{ fontFamily: 'monospace', fontSize: '1.05rem', columns: 2, maxWidth: 360, pl: 4, my: 2 }}
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </Box>
      <FormControlLabel control={<Checkbox checked={saved} onChange={(event) => setSaved(event.target.checked)} />} label={translate('account.totp.codes_saved')} />
      <Box sx={{ mt: 1 }}>
        <Button variant="contained" onClick={onDone} disabled={!saved}>
          {translate('account.totp.done')}
        </Button>
      </Box>
    </Box>
  );
};

const TurnOff = ({ onTurnedOff }: { onTurnedOff: () => void }) => {
  const translate = useTranslate();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ password?: string; code?: string }>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const problems: { password?: string; code?: string } = {};
    if (!password) problems.password = translate('account.password.required');
    if (!CODE_OR_RECOVERY.test(code.trim())) problems.code = translate('account.totp.disable_code_format');
    setErrors(problems);
    if (problems.password || problems.code) {
      document.getElementById(problems.password ? 'account-disable-password' : 'account-disable-code')?.focus();
      return;
    }
    setBusy(true);
    try {
      await accountApi.disableTotp(password, code.trim());
      onTurnedOff();
    } catch (caught) {
      if (apiErrorCode(caught) === 'TOTP_INVALID') {
        setErrors({ password: translate('account.totp.wrong_password'), code: translate('account.totp.wrong_code') });
        document.getElementById('account-disable-password')?.focus();
      } else {
        const fields = apiFieldErrors(caught);
        if (fields['password'] || fields['code']) setErrors(fields);
        else {
          const message = generalErrorMessage(caught);
          setGeneral(translate(message.key, { _: message.key, ...message.args }));
        }
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography sx={{ mb: 2 }}>{translate('account.totp.status_on')}</Typography>
      <Box component="form" noValidate onSubmit={submit} aria-labelledby="turn-off-heading" sx={{ maxWidth: 420 }}>
        <Typography id="turn-off-heading" component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
          {translate('account.totp.turn_off_heading')}
        </Typography>
        <Typography component="p" variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('account.totp.turn_off_help')}
        </Typography>
        <Stack spacing={2}>
          <TextField
            id="account-disable-password"
            type="password"
            label={translate('account.totp.password')}
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={Boolean(errors.password)}
            helperText={errors.password}
            slotProps={{ htmlInput: { 'aria-invalid': Boolean(errors.password) } }}
          />
          <TextField
            id="account-disable-code"
            label={translate('account.totp.disable_code')}
            autoComplete="one-time-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            error={Boolean(errors.code)}
            helperText={errors.code}
            slotProps={{ htmlInput: { 'aria-invalid': Boolean(errors.code) } }}
          />
          {general ? (
            <Alert severity="error" role="alert">
              {general}
            </Alert>
          ) : null}
          <Box>
            <Button type="submit" variant="outlined" color="error" disabled={busy}>
              {translate('account.totp.turn_off')}
            </Button>
          </Box>
        </Stack>
      </Box>
    </>
  );
};
