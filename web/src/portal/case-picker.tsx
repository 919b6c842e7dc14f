import { MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useFormatDate } from '../shared/use-format';
import type { PortalProgressCase } from './portal-types';

/** Only for someone with more than one open case: which piece of work an entry belongs to. */
export const CasePicker = ({ cases, value, onChange, error }: { cases: PortalProgressCase[]; value: string; onChange: (id: string) => void; error?: string | undefined }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  if (cases.length < 2) return null;
  return (
    <TextField
      select
      id="entry-case"
      label={translate('portal.moment.case')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      required
      error={Boolean(error)}
      helperText={error}
      sx={{ maxWidth: 420 }}
    >
      {cases.map((c) => (
        <MenuItem key={c.caseId} value={c.caseId}>
          {translate('portal.progress.case_since', { date: formatDate(c.openedAt), stage: c.stage })}
        </MenuItem>
      ))}
    </TextField>
  );
};
