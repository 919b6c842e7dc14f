import type { CaseAlert } from '@attune/domain';
import { Alert, AlertTitle, Box, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useAlertText } from '../../../shared/alert-text';
import { enumKey } from '../../../shared/choices';
import { SectionHeading } from '../../../shared/section-heading';

const SEVERITY: Record<string, 'error' | 'warning' | 'info'> = { high: 'error', medium: 'warning', low: 'info' };

/** The case's active alerts, most severe first, each with what triggered it. */
export const AlertsSection = ({ alerts }: { alerts: readonly CaseAlert[] | undefined }) => {
  const translate = useTranslate();
  const alertText = useAlertText();
  const list = alerts ?? [];
  return (
    <Box component="section" aria-labelledby="alerts-heading">
      <SectionHeading id="alerts-heading">{translate('attune.workspace.alerts')}</SectionHeading>
      {list.length === 0 ? (
        <Typography color="text.secondary">{translate('attune.workspace.no_alerts')}</Typography>
      ) : (
        <Stack spacing={1} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {list.map((alert, index) => {
            const text = alertText(alert);
            return (
              <li key={`${alert.kind}-${alert.clientId ?? ''}-${index}`}>
                <Alert severity={SEVERITY[alert.severity] ?? 'info'} variant="outlined">
                  <AlertTitle>
                    {translate(enumKey('alert_kind', alert.kind), { _: alert.kind })} ·{' '}
                    {translate(`attune.enums.alert_severity.${alert.severity}`, { _: alert.severity })}
                  </AlertTitle>
                  <span lang={text.lang}>{text.text}</span>
                </Alert>
              </li>
            );
          })}
        </Stack>
      )}
    </Box>
  );
};
