import { AppBar, LoadingIndicator, LocalesMenuButton, TitlePortal } from 'react-admin';

export const AttuneAppBar = () => (
  <AppBar
    color="primary"
    toolbar={
      <>
        <LocalesMenuButton />
        <LoadingIndicator />
      </>
    }
  >
    <TitlePortal component="h1" variant="h6" />
  </AppBar>
);
