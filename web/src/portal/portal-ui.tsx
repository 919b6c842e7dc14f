import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { describeCadence, type ExerciseCadence } from '@attune/domain';
import { HttpError, useLogoutIfAccessDenied, useTranslate } from 'react-admin';

/** The page's one h1, focused when the page opens so screen readers start at the top. */
export const PageTitle = ({ children, subtitle }: { children: ReactNode; subtitle?: ReactNode }) => {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <Box sx={{ mb: 2 }}>
      <Typography ref={ref} tabIndex={-1} component="h1" variant="h4" sx={{ fontWeight: 600, fontSize: { xs: '1.6rem', sm: '2rem' }, outline: 'none', overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
      {subtitle ? (
        <Typography variant="body1" color="text.secondary" sx={{ mt: 0.5 }}>
          {subtitle}
        </Typography>
      ) : null}
    </Box>
  );
};

/** A section heading (h2). */
export const SectionTitle = ({ children, id }: { children: ReactNode; id?: string }) => (
  <Typography id={id} component="h2" variant="h6" sx={{ fontWeight: 600, mt: 3, mb: 1.5 }}>
    {children}
  </Typography>
);

export const LoadingBlock = () => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={2} alignItems="center" role="status" sx={{ py: 4 }}>
      <CircularProgress size={24} aria-hidden="true" />
      <Typography>{translate('portal.common.loading')}</Typography>
    </Stack>
  );
};

/** A read that failed: signed out goes to sign-in; anything else says so and offers to try again. */
export const LoadError = ({ error, onRetry, notFoundText }: { error: unknown; onRetry: () => void; notFoundText?: string }) => {
  const translate = useTranslate();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  useEffect(() => {
    if (error instanceof HttpError && error.status === 401) void logoutIfAccessDenied(error);
  }, [error, logoutIfAccessDenied]);
  const notFound = error instanceof HttpError && error.status === 404;
  return (
    <Alert
      severity={notFound ? 'info' : 'warning'}
      action={notFound ? undefined : <Button color="inherit" onClick={onRetry}>{translate('portal.common.retry')}</Button>}
    >
      {notFound ? notFoundText ?? translate('portal.common.not_found') : translate('portal.common.load_error')}
    </Alert>
  );
};

/** Moves the keyboard focus to the first control inside an element. */
export function focusFirstControl(container: HTMLElement | null): void {
  const control = container?.querySelector<HTMLElement>('textarea:not([aria-hidden="true"]), input:not([type="hidden"]), button, [tabindex="0"]');
  control?.focus();
  container?.scrollIntoView({ block: 'center' });
}

/** Short words under an exercise's title: stage, how often, when due. */
export function useCadenceText(): (cadence: ExerciseCadence) => string {
  const translate = useTranslate();
  return (cadence) => {
    switch (cadence.kind) {
      case 'once':
        return translate('portal.homework.cadence_once');
      case 'daily':
        return translate('portal.homework.cadence_daily', { smart_count: cadence.days });
      case 'weekly':
        return translate('portal.homework.cadence_weekly', { smart_count: cadence.weeks });
      default:
        return describeCadence(cadence);
    }
  };
}
