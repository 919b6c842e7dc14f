import { Alert, Box, Button, CircularProgress, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Title, useTranslate } from 'react-admin';
import { ApiTokensSection } from '../api-tokens/api-tokens.section';
import { ACCOUNT_QUERY_KEY, accountApi } from './account-api';
import { ChangePasswordSection } from './change-password.section';
import { TwoStepSection } from './two-step.section';
import { NotificationSettingsSection } from '../notifications/notification-settings.section';
import { SchedulingProfileSection } from '../calendar/scheduling-profile.section';

export { ACCOUNT_QUERY_KEY };

/**
 * "My account", for every role: change the password, set up or turn off two-step sign-in, and
 * manage personal API tokens; staff also set their zone, working hours and calendar feed.
 * When the practice requires two-step sign-in and it is not set up yet, the page says so first.
 * In the practitioner app the app bar carries the page's title; the client portal has none, so
 * the page brings its own level-1 heading there.
 */
export const AccountPage = ({ portal = false }: { portal?: boolean }) => {
  const translate = useTranslate();
  const { data: account, isPending, isError, refetch } = useQuery({ queryKey: ACCOUNT_QUERY_KEY, queryFn: accountApi.me, staleTime: 0 });
  const explanation = useRef<HTMLDivElement>(null);
  const enrolmentRequired = account?.totpEnrolmentRequired ?? false;

  // someone sent here because two-step sign-in is required hears why first
  useEffect(() => {
    if (enrolmentRequired) explanation.current?.focus();
  }, [enrolmentRequired]);

  return (
    <Box sx={{ maxWidth: 760, py: portal ? 0 : 2 }}>
      {portal ? null : <Title title={translate('account.title')} />}
      {portal ? (
        <Typography component="h1" variant="h4" sx={{ fontWeight: 600, mb: 1 }}>
          {translate('account.title')}
        </Typography>
      ) : null}
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {translate('account.intro')}
      </Typography>
      {isPending ? <CircularProgress aria-label={translate('ra.page.loading')} /> : null}
      {isError ? (
        <Alert severity="error" action={<Button onClick={() => void refetch()}>{translate('account.retry')}</Button>}>
          {translate('account.load_error')}
        </Alert>
      ) : null}
      {account ? (
        <>
          {enrolmentRequired ? (
            <Alert ref={explanation} tabIndex={-1} severity="warning" sx={{ mb: 3 }}>
              {translate('account.enrolment_required')}
            </Alert>
          ) : null}
          <TwoStepSection enabled={account.totpEnabled} onChange={() => void refetch()} />
          <ChangePasswordSection account={account} />
          {enrolmentRequired ? null : <ApiTokensSection role={account.role} />}
          <NotificationSettingsSection staff={account.role !== 'client'} />
          {account.role === 'client' ? null : <SchedulingProfileSection userId={account.id} />}
        </>
      ) : null}
    </Box>
  );
};
