import NotificationsIcon from '@mui/icons-material/Notifications';
import { Badge, Box, IconButton, List, ListItemButton, ListItemText, Popover, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { NotificationDto } from '@attune/domain';
import { ACCOUNT_QUERY_KEY, accountApi } from '../account/account-api';
import { notificationsApi } from './notifications-api';
import { useFormatDate } from '../shared/use-format';

const QUERY_KEY = ['me', 'notifications'];

/**
 * The bell of the app bar and of the portal: unread count, the newest notifications, mark read on
 * open. Not shown (and nothing asked of the API, which would answer 403) while the account must
 * first set up two-step sign-in or choose the new password an admin asked for.
 */
export const NotificationBell = ({ color = 'inherit' }: { color?: 'inherit' | 'primary' }) => {
  const { data: account } = useQuery({ queryKey: ACCOUNT_QUERY_KEY, queryFn: accountApi.me });
  if (!account || account.totpEnrolmentRequired || account.passwordChangeRequired) return null;
  return <Bell color={color} />;
};

const Bell = ({ color }: { color: 'inherit' | 'primary' }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const queryClient = useQueryClient();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { data } = useQuery({ queryKey: QUERY_KEY, queryFn: () => notificationsApi.mine(), refetchInterval: 60_000 });
  const unread = data?.unread ?? 0;

  const open = async (item: NotificationDto) => {
    if (!item.readAt) {
      await notificationsApi.markRead(item.id).catch(() => undefined);
      await queryClient.invalidateQueries({ queryKey: QUERY_KEY });
    }
    setAnchor(null);
    if (item.link) window.location.hash = item.link.replace(/^\/#/, '');
  };

  return (
    <>
      <IconButton color={color} aria-label={unread > 0 ? translate('notifications.bell', { count: unread }) : translate('notifications.bell_none')}
        aria-haspopup="true" onClick={(e) => setAnchor(e.currentTarget)}>
        <Badge badgeContent={unread > 0 ? unread : undefined} invisible={unread === 0} color="error"><NotificationsIcon /></Badge>
      </IconButton>
      <Popover open={anchor !== null} anchorEl={anchor} onClose={() => setAnchor(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }} transformOrigin={{ vertical: 'top', horizontal: 'right' }}>
        <Box sx={{ width: { xs: 300, sm: 360 }, maxHeight: 420, overflow: 'auto' }}>
          {data && data.items.length > 0 ? (
            <List dense aria-label={translate('notifications.bell_none')}>
              {data.items.map((item) => (
                <ListItemButton key={item.id} onClick={() => void open(item)} sx={{ fontWeight: item.readAt ? 'normal' : 'bold' }}>
                  <ListItemText
                    primary={translate(`notifications.kinds.${item.kind}`, { practitionerName: '', dueDate: '', count: 0, appointments: 0, appointmentTime: '', ...item.params })}
                    secondary={formatDate(item.createdAt, 'dateTime')}
                    slotProps={{ primary: { sx: { fontWeight: item.readAt ? 400 : 700 } } }}
                  />
                </ListItemButton>
              ))}
            </List>
          ) : <Typography sx={{ p: 2 }}>{translate('notifications.empty')}</Typography>}
        </Box>
      </Popover>
    </>
  );
};
