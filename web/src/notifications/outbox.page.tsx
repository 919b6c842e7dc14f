import type { PracticeSettingsDto } from '@attune/domain';
import { Alert, Box, Button, Card, CardContent, Checkbox, Chip, FormControlLabel, Link, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { measuresApi } from '../measures/measures-api';
import { notificationsApi } from './notifications-api';
import { useErrorText } from '../shared/use-error-text';
import { useFormatDate } from '../shared/use-format';

/** The practice's overdue notice to clients: on or off, and how many days after the due date. */
const ReminderSettingsCard = () => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const { data } = useQuery({ queryKey: ['practice'], queryFn: measuresApi.practice });
  const [form, setForm] = useState<Pick<PracticeSettingsDto, 'overdueNoticeEnabled' | 'overdueNoticeAfterDays'> | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (data) setForm({ overdueNoticeEnabled: data.overdueNoticeEnabled, overdueNoticeAfterDays: data.overdueNoticeAfterDays });
  }, [data]);
  if (!form) return null;
  const save = async () => {
    try {
      const saved = await measuresApi.savePractice(form);
      setForm({ overdueNoticeEnabled: saved.overdueNoticeEnabled, overdueNoticeAfterDays: saved.overdueNoticeAfterDays });
      setResult({ ok: true, text: translate('notifications.outbox.reminders.saved') });
    } catch (caught) {
      const errors = (caught as { body?: { errors?: Record<string, string> } }).body?.errors;
      setResult({ ok: false, text: errors?.['overdueNoticeAfterDays'] ?? errorText(caught) });
    }
  };
  return (
    <Card component="section" aria-labelledby="reminder-settings-heading" sx={{ mb: 3 }}>
      <CardContent>
        <Typography id="reminder-settings-heading" component="h3" variant="h6">{translate('notifications.outbox.reminders.heading')}</Typography>
        <Typography variant="body2" sx={{ mb: 2 }}>{translate('notifications.outbox.reminders.intro')}</Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems={{ sm: 'center' }}>
          <FormControlLabel
            control={<Checkbox checked={form.overdueNoticeEnabled} onChange={(e) => setForm({ ...form, overdueNoticeEnabled: e.target.checked })} />}
            label={translate('notifications.outbox.reminders.overdue_enabled')}
          />
          <TextField
            type="number" size="small" disabled={!form.overdueNoticeEnabled}
            label={translate('notifications.outbox.reminders.overdue_after_days')}
            helperText={translate('notifications.outbox.reminders.overdue_after_days_help')}
            value={form.overdueNoticeAfterDays}
            onChange={(e) => setForm({ ...form, overdueNoticeAfterDays: Number(e.target.value) })}
            slotProps={{ htmlInput: { min: 0, max: 14, step: 1 } }}
          />
          <Button variant="outlined" onClick={() => void save()}>{translate('notifications.outbox.reminders.save')}</Button>
        </Stack>
        {result ? <Alert severity={result.ok ? 'success' : 'error'} role="status" sx={{ mt: 2 }}>{result.text}</Alert> : null}
      </CardContent>
    </Card>
  );
};

export const OUTBOX_PATH = '/outbox';

/** Admin → Outbox: the clients' reminder settings, then every e-mail, with to, subject, body, links and state; where the kept ones are read. */
export const OutboxPage = () => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const { data, error } = useQuery({ queryKey: ['outbox'], queryFn: () => notificationsApi.outbox(), refetchInterval: 15_000 });
  return (
    <Box component="section" sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('notifications.outbox.heading')} />
      <Typography component="h2" variant="h5" sx={{ mb: 1 }}>{translate('notifications.outbox.heading')}</Typography>
      <ReminderSettingsCard />
      <Typography sx={{ mb: 2 }}>{translate('notifications.outbox.intro')}</Typography>
      {error ? <Alert severity="error">{errorText(error)}</Alert> : null}
      {data && data.length === 0 ? <Typography>{translate('notifications.outbox.empty')}</Typography> : null}
      <Stack spacing={2}>
        {data?.map((m) => (
          <Card key={m.id} component="article" aria-label={m.subject}>
            <CardContent>
              <Stack direction="row" spacing={1} sx={{ mb: 1, flexWrap: 'wrap' }}>
                <Chip size="small" label={translate(`notifications.outbox.states.${m.state}`)} color={m.state === 'sent' ? 'success' : m.state === 'given_up' ? 'error' : 'default'} />
                <Typography variant="body2">{translate('notifications.outbox.attempts')}: {m.attempts}</Typography>
                <Typography variant="body2">{formatDate(m.createdAt, 'dateTime')}</Typography>
              </Stack>
              <Typography variant="body2"><strong>{translate('notifications.outbox.to')}:</strong> {m.to}</Typography>
              <Typography component="h3" variant="subtitle1"><strong>{translate('notifications.outbox.subject')}:</strong> <span lang={m.language} data-verbatim>{m.subject}</span></Typography>
              {/* the mail as its recipient reads it, in their language, not the admin's */}
              <Typography component="pre" variant="body2" lang={m.language} data-verbatim sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', my: 1 }}>{m.text}</Typography>
              {m.links.map((link) => (
                <Typography key={link} variant="body2" sx={{ wordBreak: 'break-all' }}>
                  <strong>{translate('notifications.outbox.links')}:</strong> <Link href={link}>{link}</Link>
                </Typography>
              ))}
              {m.attachments.map((name) => (
                <Typography key={name} variant="body2">
                  <strong>{translate('notifications.outbox.attachment')}:</strong> <code>{name}</code> ({translate('notifications.outbox.calendar_file')})
                </Typography>
              ))}
              {m.lastAnswer ? <Typography variant="body2" color="text.secondary">{translate('notifications.outbox.last_answer')}: {m.lastAnswer}</Typography> : null}
            </CardContent>
          </Card>
        ))}
      </Stack>
    </Box>
  );
};
