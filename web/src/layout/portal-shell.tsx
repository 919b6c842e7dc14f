import { AppBar as MuiAppBar, Box, Container, Toolbar, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { NotificationBell } from '../notifications/notification-bell';
import { LocalesMenuButton, Logout, useGetIdentity, useTranslate, UserMenu } from 'react-admin';
import { AccountMenuItem } from '../account/account-menu-item';

/** The frame of the client portal: the app's name, the language switcher and the user menu. */
export const PortalShell = ({ children }: { children: ReactNode }) => {
  const translate = useTranslate();
  // named like the app bar's: the accessible name contains the visible name (WCAG 2.5.3)
  const { identity } = useGetIdentity();
  const userMenuLabel = identity?.fullName ? translate('attune.menu.user_menu', { name: identity.fullName }) : 'ra.auth.user_menu';
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <MuiAppBar position="static" color="primary" elevation={0}>
        <Toolbar variant="dense">
          <Typography component="span" variant="h6" sx={{ flex: 1 }}>
            {translate('attune.app.name')}
          </Typography>
          <NotificationBell />
          <LocalesMenuButton />
          <UserMenu label={userMenuLabel}>
            <AccountMenuItem />
            <Logout />
          </UserMenu>
        </Toolbar>
      </MuiAppBar>
      <Container component="main" id="main-content" maxWidth="md" sx={{ py: 3 }}>
        {children}
      </Container>
    </Box>
  );
};
