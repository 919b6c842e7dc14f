import type { ErasureRequestDto } from '@attune/domain';
import {
  Alert, Box, Button, Card, CardContent, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Stack,
  Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import { useCallback, useEffect, useId, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { API_URL, httpClient } from '../data/http-client';
import { useFormatDate } from '../shared/use-format';
import { useErrorText } from '../shared/use-error-text';

export const ERASURE_REQUESTS_PATH = '/erasure-requests';

type Decision = 'accepted' | 'declined';

/** Admins: clients' requests to erase, pending first; accept or decline each with a reason. */
export const ErasureRequestsPage = () => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const notify = useNotify();
  const formatDate = useFormatDate();
  const [rows, setRows] = useState<ErasureRequestDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<{ request: ErasureRequestDto; decision: Decision } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const titleId = useId();

  const load = useCallback(() => {
    httpClient(`${API_URL}/erasure-requests`).then(({ json }) => setRows(json as ErasureRequestDto[])).catch((e: Error) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);

  const decide = async () => {
    if (!deciding) return;
    if (!reason.trim()) {
      setReasonError(translate('ra.validation.required'));
      return;
    }
    try {
      await httpClient(`${API_URL}/erasure-requests/${deciding.request.id}/decision`, { method: 'POST', body: JSON.stringify({ decision: deciding.decision, reason: reason.trim() }) });
      notify('recordsOut.erasure.decided', { type: 'success' });
      setDeciding(null);
      load();
    } catch (e) {
      setReasonError(errorText(e));
    }
  };

  const open = (request: ErasureRequestDto, decision: Decision) => {
    setReason('');
    setReasonError(null);
    setDeciding({ request, decision });
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('recordsOut.erasure.title')} />
      <CardContent>
        <Typography component="h1" variant="h5" sx={{ mb: 1 }}>{translate('recordsOut.erasure.title')}</Typography>
        <Typography variant="body2" sx={{ mb: 1 }}>{translate('recordsOut.erasure.intro')}</Typography>
        <Alert severity="info" sx={{ mb: 2 }}>
          <strong>{translate('recordsOut.erasure.retention')}:</strong> {translate('recordsOut.retention_rule')}
        </Alert>
        {error ? <Alert severity="error">{error}</Alert> : null}
        {rows && rows.length === 0 ? <Typography>{translate('recordsOut.erasure.none')}</Typography> : null}
        {rows && rows.length > 0 ? (
          <TableContainer sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label={translate('recordsOut.erasure.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('recordsOut.erasure.client')}</TableCell>
                  <TableCell>{translate('recordsOut.erasure.requested')}</TableCell>
                  <TableCell>{translate('recordsOut.erasure.reason')}</TableCell>
                  <TableCell>{translate('recordsOut.erasure.status')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>{r.clientName}</TableCell>
                    <TableCell>{formatDate(r.requestedAt)}</TableCell>
                    <TableCell>{r.reason ?? '—'}</TableCell>
                    <TableCell>
                      {r.status === 'pending' ? (
                        <Stack direction="row" spacing={1}>
                          <Button size="small" variant="outlined" onClick={() => open(r, 'accepted')}>{translate('recordsOut.erasure.accept')}</Button>
                          <Button size="small" variant="outlined" color="warning" onClick={() => open(r, 'declined')}>{translate('recordsOut.erasure.decline')}</Button>
                        </Stack>
                      ) : (
                        <Box>
                          <Chip size="small" label={translate(`recordsOut.my_record.status_${r.status}`)} />
                          <Typography variant="body2">{translate('recordsOut.erasure.decided_by', { name: r.decidedBy ?? '—', reason: r.decisionReason ?? '' })}</Typography>
                        </Box>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        ) : null}
      </CardContent>
      <Dialog open={deciding !== null} onClose={() => setDeciding(null)} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <DialogTitle id={titleId}>
          {deciding ? translate('recordsOut.erasure.decide_title', {
            decision: translate(deciding.decision === 'accepted' ? 'recordsOut.erasure.accept' : 'recordsOut.erasure.decline'),
            name: deciding.request.clientName,
          }) : ''}
        </DialogTitle>
        <DialogContent>
          <TextField
            label={translate('recordsOut.erasure.decision_reason')} value={reason} onChange={(e) => setReason(e.target.value)}
            required fullWidth multiline minRows={3} sx={{ mt: 1 }} error={reasonError !== null} helperText={reasonError ?? ' '}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDeciding(null)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" onClick={decide}>{translate('recordsOut.erasure.confirm')}</Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
};
