import { defaultTheme, type RaThemeOptions } from 'react-admin';

/** A calm palette: deep teal and warm sand, with text contrast of at least 4.5:1 on both. */
export const attuneTheme: RaThemeOptions = {
  // react-admin types its default theme with optional keys that may hold `undefined`.
  ...(defaultTheme as RaThemeOptions),
  palette: {
    mode: 'light',
    primary: { main: '#2f6f73', contrastText: '#ffffff' },
    secondary: { main: '#284b63', contrastText: '#ffffff' },
    background: { default: '#f6f5f1', paper: '#ffffff' },
    error: { main: '#b3261e' },
    warning: { main: '#8a5300' },
    success: { main: '#2e6b34' },
    info: { main: '#2b5d8a' },
  },
  typography: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  },
  shape: { borderRadius: 8 },
  sidebar: { width: 220, closedWidth: 55 },
};
