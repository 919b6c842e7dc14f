import { Box, CircularProgress } from '@mui/material';
import { AppBar, LocalesMenuButton, Logout, RefreshIconButton, TitlePortal, UserMenu, useGetIdentity, useLoading, useTranslate } from 'react-admin';
import { AccountMenuItem } from '../account/account-menu-item';
import { NotificationBell } from '../notifications/notification-bell';

/**
 * react-admin names the user button "Profile" while it shows the person's name; the accessible
 * name must contain the visible text (WCAG 2.5.3), so it reads "Dr. Wang Fang, profile and sign out".
 */
const AttuneUserMenu = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const label = identity?.fullName ? translate('attune.menu.user_menu', { name: identity.fullName }) : 'ra.auth.user_menu';
  return (
    <UserMenu label={label}>
      <AccountMenuItem />
      <Logout />
    </UserMenu>
  );
};

/**
 * react-admin's LoadingIndicator, with a name: its spinner is a progressbar that screen readers
 * announce, and an unnamed one fails WCAG 4.1.2 (axe: aria-progressbar-name).
 */
const AttuneLoadingIndicator = () => {
  const translate = useTranslate();
  const loading = useLoading();
  return (
    <Box sx={{ position: 'relative' }}>
      <RefreshIconButton sx={loading ? { opacity: 0 } : undefined} />
      {loading ? (
        <CircularProgress
          color="inherit"
          size={16}
          thickness={6}
          aria-label={translate('ra.page.loading')}
          sx={{ position: 'absolute', top: '30%', left: '30%' }}
        />
      ) : null}
    </Box>
  );
};

export const AttuneAppBar = () => (
  <AppBar
    color="primary"
    userMenu={<AttuneUserMenu />}
    toolbar={
      <>
        <NotificationBell />
        <LocalesMenuButton />
        <AttuneLoadingIndicator />
      </>
    }
  >
    {/* a long case title is cut with an ellipsis rather than widening the page on a phone */}
    <TitlePortal component="h1" variant="h6" sx={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} />
  </AppBar>
);
