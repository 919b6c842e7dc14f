import { Box, Button } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link as RouterLink, useLocation } from 'react-router-dom';

export interface PortalNavItem {
  to: string;
  label: string;
}

/** The portal's sections as links that wrap on a narrow screen; the current one is marked for screen readers too. */
export const PortalNav = ({ showPartner }: { showPartner: boolean }) => {
  const translate = useTranslate();
  const { pathname } = useLocation();
  const items: PortalNavItem[] = [
    { to: '/', label: translate('portal.nav.homework') },
    { to: '/log-moment', label: translate('portal.nav.log_moment') },
    { to: '/moments', label: translate('records.portal.nav_moments') },
    { to: '/rate-myself', label: translate('portal.nav.rate_myself') },
    { to: '/measures', label: translate('measures.portal.nav') },
    { to: '/progress', label: translate('portal.nav.progress') },
    { to: '/sessions', label: translate('calendar.my_sessions.nav') },
    ...(showPartner ? [{ to: '/partner', label: translate('portal.nav.partner') }] : []),
    { to: '/my-record', label: translate('recordsOut.my_record.nav') },
  ];
  const current = (to: string) => (to === '/' ? pathname === '/' || pathname.startsWith('/homework') : pathname.startsWith(to));
  return (
    <Box component="nav" aria-label={translate('portal.nav.label')} sx={{ mb: 3 }}>
      <Box component="ul" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, p: 0, m: 0, listStyle: 'none' }}>
        {items.map((item) => {
          const active = current(item.to);
          return (
            <li key={item.to}>
              <Button
                component={RouterLink}
                to={item.to}
                aria-current={active ? 'page' : undefined}
                variant={active ? 'contained' : 'outlined'}
                size="small"
                sx={{ borderRadius: 999, textTransform: 'none' }}
              >
                {item.label}
              </Button>
            </li>
          );
        })}
      </Box>
    </Box>
  );
};
