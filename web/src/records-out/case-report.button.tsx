import type { CaseDto } from '@attune/domain';
import {
  Alert, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle,
  FormControl, FormControlLabel, FormLabel, MenuItem, Radio, RadioGroup, Stack, TextField,
} from '@mui/material';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { useId, useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { caseReportPath, downloadFile, DownloadError, type CaseReportChoice } from './records-api';
import { useErrorText } from '../shared/use-error-text';
import { browserTimeZone } from '../shared/time-zone';

/** "Download report" on the case page: a dialog to choose the period, language and kind, then the PDF. */
export const CaseReportButton = ({ record }: { record: CaseDto }) => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState<CaseReportChoice>({ from: '', to: '', lang: locale === 'zh' ? 'zh' : 'en', variant: 'report' });
  const titleId = useId();
  const statusId = useId();
  const closed = record.status === 'closed';

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const timeZone = browserTimeZone();
      await downloadFile(caseReportPath(record.id, choice, timeZone), `case-report-${choice.lang}.pdf`);
      notify('recordsOut.report.done', { type: 'success' });
      setOpen(false);
    } catch (e) {
      // a case reopened since the page was loaded: the app's words for CASE_NOT_CLOSED say what to do
      setError(e instanceof DownloadError && e.status === 429
        ? translate('recordsOut.report.too_many')
        : e instanceof DownloadError && e.code === 'CASE_NOT_CLOSED'
          ? errorText(e)
          : translate('recordsOut.report.failed', { message: errorText(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="outlined" startIcon={<PictureAsPdfIcon />} onClick={() => setOpen(true)}>
        {translate('recordsOut.report.button')}
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <DialogTitle id={titleId}>{translate('recordsOut.report.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('recordsOut.report.intro')}</DialogContentText>
          <Stack spacing={2}>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                label={translate('recordsOut.report.from')} type="date" value={choice.from} fullWidth
                onChange={(e) => setChoice({ ...choice, from: e.target.value })}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: choice.to || undefined } }}
                helperText={translate('recordsOut.report.period_help')}
              />
              <TextField
                label={translate('recordsOut.report.to')} type="date" value={choice.to} fullWidth
                onChange={(e) => setChoice({ ...choice, to: e.target.value })}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: choice.from || undefined } }}
              />
            </Stack>
            <TextField
              select label={translate('recordsOut.report.language')} value={choice.lang}
              onChange={(e) => setChoice({ ...choice, lang: e.target.value as CaseReportChoice['lang'] })}
            >
              <MenuItem value="en">{translate('recordsOut.report.language_en')}</MenuItem>
              <MenuItem value="zh">{translate('recordsOut.report.language_zh')}</MenuItem>
            </TextField>
            <FormControl>
              <FormLabel id={`${titleId}-variant`}>{translate('recordsOut.report.variant')}</FormLabel>
              <RadioGroup
                row aria-labelledby={`${titleId}-variant`} value={choice.variant}
                onChange={(e) => setChoice({ ...choice, variant: e.target.value as CaseReportChoice['variant'] })}
              >
                <FormControlLabel value="report" control={<Radio />} label={translate('recordsOut.report.variant_report')} />
                <FormControlLabel value="discharge" control={<Radio />} disabled={!closed} label={translate('recordsOut.report.variant_discharge')} />
              </RadioGroup>
              {!closed ? <FormLabel sx={{ fontSize: '0.8rem' }}>{translate('recordsOut.report.discharge_closed_only')}</FormLabel> : null}
            </FormControl>
            <div id={statusId} role="status" aria-live="polite">
              {busy ? (
                <Stack direction="row" spacing={1} alignItems="center">
                  <CircularProgress size={20} aria-hidden />
                  <span>{translate('recordsOut.report.preparing')}</span>
                </Stack>
              ) : null}
            </div>
            {error ? <Alert severity="error">{error}</Alert> : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>{translate('recordsOut.report.cancel')}</Button>
          <Button variant="contained" onClick={download} disabled={busy} aria-describedby={statusId}>
            {translate('recordsOut.report.download')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
