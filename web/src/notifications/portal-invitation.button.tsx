import MailIcon from '@mui/icons-material/MailOutline';
import { Button } from '@mui/material';
import { useRecordContext, useLocale, useNotify, useRefresh, useTranslate } from 'react-admin';
import { notificationsApi } from './notifications-api';

/** On a client's page: gives the client a portal account by e-mail (the record's address). */
export const PortalInvitationButton = () => {
  const record = useRecordContext<{ id: string; email?: string | null; portalUserId?: string | null }>();
  const translate = useTranslate();
  const notify = useNotify();
  const locale = useLocale();
  const refresh = useRefresh();
  if (!record) return null;
  const invite = async () => {
    try {
      await notificationsApi.invitePortal(record.id, { language: locale === 'zh' ? 'zh-CN' : 'en' }, crypto.randomUUID());
      notify('notifications.portal.invited', { type: 'success' });
      // the profile's portal account now reads "invited"
      refresh();
    } catch (caught) {
      notify((caught as Error).message, { type: 'error' });
    }
  };
  return <Button startIcon={<MailIcon />} onClick={() => void invite()}>{translate('notifications.portal.invite')}</Button>;
};
