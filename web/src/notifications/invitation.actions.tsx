import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import { Button, Typography } from '@mui/material';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { notificationsApi } from './notifications-api';
import { useErrorText } from '../shared/use-error-text';
import { useFormatDate } from '../shared/use-format';

/** On a user's page: the pending invitation (until when), send it again, or revoke it. */
export const InvitationActions = () => {
  const record = useRecordContext<{ id: string; invitationExpiresAt?: string | null; lastLoginAt?: string | null }>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  if (!record || record.lastLoginAt) return null;
  const act = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      notify(done, { type: 'success' });
      refresh();
    } catch (caught) {
      notify(errorText(caught), { type: 'error' });
    }
  };
  return (
    <>
      {record.invitationExpiresAt ? (
        <Typography variant="body2" sx={{ alignSelf: 'center', mr: 1 }}>
          {translate('notifications.users.invitation_pending', { date: formatDate(record.invitationExpiresAt, 'dateTime') })}
        </Typography>
      ) : null}
      <Button startIcon={<ForwardToInboxIcon />} onClick={() => void act(() => notificationsApi.resendInvitation(record.id), 'notifications.users.resent')}>
        {translate('notifications.users.resend')}
      </Button>
      {record.invitationExpiresAt ? (
        <Button startIcon={<LinkOffIcon />} color="warning" onClick={() => void act(() => notificationsApi.revokeInvitation(record.id), 'notifications.users.revoked')}>
          {translate('notifications.users.revoke')}
        </Button>
      ) : null}
    </>
  );
};
