import { AppBar as MuiAppBar, Box, Container, Toolbar, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { LocalesMenuButton, useTranslate, UserMenu } from 'react-admin';

/** The frame of the client portal: the app's name, the language switcher and the user menu. */
export const PortalShell = ({ children }: { children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <MuiAppBar position="static" color="primary" elevation={0}>
        <Toolbar variant="dense">
          <Typography component="span" variant="h6" sx={{ flex: 1 }}>
            {translate('attune.app.name')}
          </Typography>
          <LocalesMenuButton />
          <UserMenu />
        </Toolbar>
      </MuiAppBar>
      <Container component="main" id="main-content" maxWidth="md" sx={{ py: 3 }}>
        {children}
      </Container>
    </Box>
  );
};
