import type { ErasureRequestDto, MyErasureRequestsDto } from '@attune/domain';
import { Alert, Box, Button, Card, CardContent, Chip, CircularProgress, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useId, useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { API_URL, httpClient } from '../data/http-client';
import { newIdempotencyKey } from '../portal/idempotency-key';
import { PageTitle, SectionTitle } from '../portal/portal-ui';
import { useFormatDate } from '../shared/use-format';
import { downloadFile, DownloadError } from './records-api';
import { useErrorText } from '../shared/use-error-text';
import { browserTimeZone } from '../shared/time-zone';

/** `GET`/`POST /api/me/erasure-requests`; a retry of one request sends the same Idempotency-Key. */
async function erasureRequests(request?: { reason: string; idempotencyKey: string }): Promise<MyErasureRequestsDto> {
  const options = request
    ? { method: 'POST', body: JSON.stringify(request.reason ? { reason: request.reason } : {}), headers: new Headers({ 'Idempotency-Key': request.idempotencyKey }) }
    : {};
  const answer = await httpClient(`${API_URL}/me/erasure-requests`, options);
  return answer.json as MyErasureRequestsDto;
}

/** The portal's "My record": the client's own export (JSON and PDF) and their requests to erase. */
export const MyRecordPage = () => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const notify = useNotify();
  const formatDate = useFormatDate();
  const [locale] = useLocaleState();
  const [busy, setBusy] = useState<'json' | 'pdf' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [requests, setRequests] = useState<ErasureRequestDto[]>([]);
  const [reason, setReason] = useState('');
  // one key per request to erase: kept while it is retried, new once it was recorded or the reason changed
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [sending, setSending] = useState(false);
  const statusId = useId();
  const eraseId = useId();

  useEffect(() => {
    erasureRequests().then((mine) => setRequests(mine.requests)).catch(() => undefined);
  }, []);

  const download = async (kind: 'json' | 'pdf') => {
    setBusy(kind);
    setError(null);
    try {
      const timeZone = browserTimeZone();
      const lang = locale === 'zh' ? 'zh' : 'en';
      await downloadFile(kind === 'json' ? '/me/export' : `/me/export.pdf?lang=${lang}&timeZone=${encodeURIComponent(timeZone)}`, kind === 'json' ? 'my-attune-record.json' : 'my-attune-record.pdf');
      notify('recordsOut.my_record.downloaded', { type: 'success' });
    } catch (e) {
      setError(e instanceof DownloadError && e.status === 429
        ? translate('recordsOut.my_record.too_many')
        : translate('recordsOut.my_record.failed', { message: errorText(e) }));
    } finally {
      setBusy(null);
    }
  };

  const requestErasure = async () => {
    setSending(true);
    try {
      const mine = await erasureRequests({ reason: reason.trim(), idempotencyKey });
      setRequests(mine.requests);
      setReason('');
      setIdempotencyKey(newIdempotencyKey());
      notify('recordsOut.my_record.erase_sent', { type: 'success' });
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), { type: 'error' });
    } finally {
      setSending(false);
    }
  };

  const pending = requests.some((r) => r.status === 'pending');
  return (
    <Box>
      <PageTitle subtitle={translate('recordsOut.my_record.intro')}>{translate('recordsOut.my_record.title')}</PageTitle>
      <Alert severity="info" sx={{ mb: 2 }}>{translate('recordsOut.my_record.private_notice')}</Alert>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ mb: 1 }}>
        <Button variant="contained" onClick={() => download('pdf')} disabled={busy !== null} aria-describedby={statusId}>
          {translate('recordsOut.my_record.download_pdf')}
        </Button>
        <Button variant="outlined" onClick={() => download('json')} disabled={busy !== null} aria-describedby={statusId}>
          {translate('recordsOut.my_record.download_json')}
        </Button>
      </Stack>
      <div id={statusId} role="status" aria-live="polite">
        {busy ? (
          <Stack direction="row" spacing={1} alignItems="center" sx={{ my: 1 }}>
            <CircularProgress size={20} aria-hidden />
            <span>{translate('recordsOut.my_record.preparing')}</span>
          </Stack>
        ) : null}
      </div>
      {error ? <Alert severity="error" sx={{ my: 1 }}>{error}</Alert> : null}

      <Card component="section" aria-labelledby={eraseId} variant="outlined" sx={{ mt: 4 }}>
        <CardContent>
          <SectionTitle id={eraseId}>{translate('recordsOut.my_record.erase_heading')}</SectionTitle>
          <Typography variant="body2" sx={{ mb: 1 }}>{translate('recordsOut.my_record.erase_intro')}</Typography>
          <Typography component="h3" variant="subtitle2">{translate('recordsOut.my_record.retention')}</Typography>
          <Typography variant="body2" sx={{ mb: 2 }}>{translate('recordsOut.retention_rule')}</Typography>
          {!pending ? (
            <Stack spacing={1.5}>
              <TextField label={translate('recordsOut.my_record.erase_reason')} value={reason} onChange={(e) => { setReason(e.target.value); setIdempotencyKey(newIdempotencyKey()); }} multiline minRows={2} slotProps={{ htmlInput: { maxLength: 2000 } }} />
              <Box>
                <Button variant="outlined" color="warning" onClick={requestErasure} disabled={sending}>{translate('recordsOut.my_record.erase_submit')}</Button>
              </Box>
            </Stack>
          ) : null}
          {requests.length > 0 ? (
            <>
              <Typography component="h3" variant="subtitle2" sx={{ mt: 2 }}>{translate('recordsOut.my_record.requests')}</Typography>
              <Box component="ul" sx={{ pl: 2 }}>
                {requests.map((r) => (
                  <li key={r.id}>
                    <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
                      <Chip size="small" label={translate(`recordsOut.my_record.status_${r.status}`)} color={r.status === 'pending' ? 'default' : r.status === 'accepted' ? 'success' : 'warning'} />
                      <span>{translate('recordsOut.my_record.requested_on', { date: formatDate(r.requestedAt) })}</span>
                    </Stack>
                    {r.decisionReason ? <Typography variant="body2">{translate('recordsOut.my_record.decision', { reason: r.decisionReason })}</Typography> : null}
                  </li>
                ))}
              </Box>
            </>
          ) : null}
        </CardContent>
      </Card>
    </Box>
  );
};
