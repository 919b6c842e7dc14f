import { Alert, Box, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { ACCOUNT_QUERY_KEY, accountApi } from './account-api';
import { ChangePasswordSection } from './change-password.section';

/**
 * While an admin's "choose a new password" is pending, the signed-in app shows only the password
 * change (every other route answers 403 PASSWORD_CHANGE_REQUIRED); once it is saved, the app.
 */
export const PasswordChangeGate = ({ children }: { children: ReactNode }) => {
  const translate = useTranslate();
  const { data: account, refetch } = useQuery({ queryKey: ACCOUNT_QUERY_KEY, queryFn: accountApi.me });
  if (!account?.passwordChangeRequired) return <>{children}</>;
  return (
    <Box component="main" id="main-content" sx={{ maxWidth: 760, mx: 'auto', p: 3 }}>
      <Typography component="h1" variant="h4" sx={{ fontWeight: 600, mb: 2 }}>{translate('account.title')}</Typography>
      <Alert severity="warning" sx={{ mb: 3 }}>{translate('account.password_change_required')}</Alert>
      <ChangePasswordSection account={account} onChanged={() => void refetch()} />
    </Box>
  );
};
