import type { CheckInState } from '@attune/domain';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutline';
import TodayIcon from '@mui/icons-material/Today';
import { Alert, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { HttpError, useLogoutIfAccessDenied, useTranslate } from 'react-admin';
import { useFormatDate } from '../shared/use-format';
import { useFieldMessage } from './fields/field-message';
import { portalApi, portalKeys } from './portal-api';
import type { PortalAssignmentDetail } from './portal-types';
import { SectionTitle } from './portal-ui';
import { QuestionTextField } from './fields/question-text-field';

const STATE_ICON: Record<CheckInState, typeof CheckCircleIcon> = {
  done: CheckCircleIcon,
  missed: RemoveCircleOutlineIcon,
  due: TodayIcon,
  upcoming: RadioButtonUncheckedIcon,
};

const STATE_COLOUR: Record<CheckInState, string> = {
  done: 'success.main',
  missed: 'text.secondary',
  due: 'primary.main',
  upcoming: 'text.disabled',
};

/**
 * The calendar of a daily or weekly homework: each day (or week) done, missed, today or coming up,
 * in words as well as in icons, and a short check-in form for today or a missed day.
 */
export const CheckInsSection = ({ detail }: { detail: PortalAssignmentDetail }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const say = useFieldMessage();
  const queryClient = useQueryClient();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const checkIns = detail.checkIns!;
  const weekly = detail.exercise.cadence.kind === 'weekly';
  const open = checkIns.calendar.filter((p) => p.state === 'due' || p.state === 'missed');
  const today = checkIns.calendar.find((p) => p.state === 'due');
  const [period, setPeriod] = useState<string>((today ?? open[open.length - 1])?.start ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<{ severity: 'success' | 'warning' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const closed = detail.status === 'reviewed';
  const selected = open.some((p) => p.start === period) ? period : (today ?? open[open.length - 1])?.start ?? '';
  const done = checkIns.calendar.filter((p) => p.state === 'done').length;

  const stateWord = (state: CheckInState) => translate(`portal.check_ins.state_${state}`);
  const periodText = (start: string, state: CheckInState) =>
    translate(weekly ? 'portal.check_ins.week_label' : 'portal.check_ins.day_label', { date: formatDate(`${start}T12:00:00Z`), state: stateWord(state) });

  const submit = async () => {
    setMessage(null);
    if (note.trim() === '') {
      setError(translate('portal.errors.required'));
      return;
    }
    setSaving(true);
    try {
      const updated = await portalApi.addCheckIn(detail.id, { periodStart: selected, response: { note } });
      queryClient.setQueryData(portalKeys.assignment(detail.id), (current: PortalAssignmentDetail | undefined) =>
        current ? { ...current, status: updated.status, checkIns: updated.checkIns } : updated);
      void queryClient.invalidateQueries({ queryKey: portalKeys.assignments });
      setNote('');
      setError(undefined);
      setMessage({ severity: 'success', text: translate('portal.check_ins.saved') });
    } catch (e) {
      if (e instanceof HttpError && e.status === 401) await logoutIfAccessDenied(e);
      else if (e instanceof HttpError && e.status === 400) {
        const errors = (e.body as { errors?: Record<string, string> } | undefined)?.errors ?? {};
        setError(say(errors['response.note'] ?? errors['periodStart'] ?? e.message));
      } else if (e instanceof HttpError) setMessage({ severity: 'warning', text: e.message });
      else setMessage({ severity: 'error', text: translate('portal.common.load_error') });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box component="section" aria-labelledby="check-ins-title">
      <SectionTitle id="check-ins-title">{translate('portal.check_ins.title')}</SectionTitle>
      <Typography color="text.secondary" sx={{ mb: 1 }}>
        {translate(weekly ? 'portal.check_ins.intro_weekly' : 'portal.check_ins.intro_daily')}{' '}
        {translate('portal.check_ins.summary', { done, total: checkIns.calendar.length })}
      </Typography>
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 1 }}>
        {checkIns.calendar.map((p) => {
          const Icon = STATE_ICON[p.state];
          return (
            <Paper component="li" key={p.start} variant="outlined" sx={{ p: 1, display: 'flex', gap: 1, alignItems: 'center', borderColor: p.state === 'due' ? 'primary.main' : 'divider' }}>
              <Icon aria-hidden="true" sx={{ color: STATE_COLOUR[p.state] }} fontSize="small" />
              <Typography variant="body2">{periodText(p.start, p.state)}</Typography>
            </Paper>
          );
        })}
      </Box>
      {checkIns.entries.length > 0 ? (
        <Box component="ul" sx={{ pl: 2.5, mt: 2 }}>
          {checkIns.entries.map((entry) => (
            <li key={entry.periodStart}>
              <Typography variant="body2">
                <strong>{formatDate(`${entry.periodStart}T12:00:00Z`)}</strong>: {entry.response.note}
              </Typography>
            </li>
          ))}
        </Box>
      ) : null}
      {closed ? (
        <Typography color="text.secondary" sx={{ mt: 2 }}>{translate('portal.check_ins.closed')}</Typography>
      ) : open.length === 0 ? (
        <Typography color="text.secondary" sx={{ mt: 2 }}>{translate('portal.check_ins.all_done')}</Typography>
      ) : (
        <Paper variant="outlined" component="form" noValidate aria-labelledby="check-in-form-title" onSubmit={(event) => { event.preventDefault(); void submit(); }} sx={{ p: 2, mt: 2 }}>
          <Typography id="check-in-form-title" component="h3" variant="subtitle1" sx={{ fontWeight: 600, mb: 1.5 }}>
            {translate('portal.check_ins.form_title')}
          </Typography>
          <Stack spacing={2}>
            {open.length > 1 ? (
              <TextField select id="check-in-period" label={translate('portal.check_ins.period')} value={selected} onChange={(event) => setPeriod(event.target.value)} sx={{ maxWidth: 320 }}>
                {open.map((p) => (
                  <MenuItem key={p.start} value={p.start}>{periodText(p.start, p.state)}</MenuItem>
                ))}
              </TextField>
            ) : null}
            <QuestionTextField
              id="check-in-note"
              label={translate('portal.check_ins.note')}
              required
              value={note}
              onChange={(value) => { setNote(value); setError(undefined); }}
              error={error}
              maxLength={2000}
            />
            {message ? <Alert severity={message.severity} role={message.severity === 'success' ? 'status' : 'alert'}>{message.text}</Alert> : null}
            <Box>
              <Button type="submit" variant="contained" disabled={saving}>{translate('portal.check_ins.submit')}</Button>
            </Box>
          </Stack>
        </Paper>
      )}
    </Box>
  );
};
