import { Alert, Box, Button, Checkbox, FormControlLabel, FormGroup, FormLabel, MenuItem, TextField } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { AccountSection } from '../account/account-section';
import type { NotificationSettingsDto } from '@attune/domain';
import { notificationsApi } from './notifications-api';
import { useErrorText } from '../shared/use-error-text';
import { SETTINGS_QUERY_KEY } from '../layout/settings-language';

const OPTIONAL_KINDS_CLIENT = [
  'homework_assigned', 'homework_due_soon', 'homework_overdue', 'homework_check_in', 'homework_feedback',
  'questionnaire_waiting', 'appointment_booked', 'appointment_moved', 'appointment_cancelled', 'appointment_reminder',
] as const;
const OPTIONAL_KINDS_STAFF = ['homework_submitted', 'alert_opened'] as const;

/** My account → Notifications: the e-mail language, the zone and quiet hours, e-mail per kind, the digest. */
export const NotificationSettingsSection = ({ staff }: { staff: boolean }) => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { data } = useQuery({ queryKey: SETTINGS_QUERY_KEY, queryFn: () => notificationsApi.settings() });
  const [form, setForm] = useState<NotificationSettingsDto | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (data) setForm(data);
  }, [data]);
  if (!form) return null;
  const kinds = staff ? OPTIONAL_KINDS_STAFF : OPTIONAL_KINDS_CLIENT;
  const save = async () => {
    try {
      const saved = await notificationsApi.saveSettings(form);
      setForm(saved);
      queryClient.setQueryData(SETTINGS_QUERY_KEY, saved);
      setResult({ ok: true, text: translate('notifications.settings.saved') });
    } catch (caught) {
      const errors = (caught as { body?: { errors?: Record<string, string> } }).body?.errors;
      setResult({ ok: false, text: errors ? Object.entries(errors).map(([k, v]) => `${translate(`notifications.settings.${k}`, { _: k })}: ${v}`).join('; ') : errorText(caught) });
    }
  };
  return (
    <AccountSection id="notification-settings" heading={translate('notifications.settings.heading')}>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
        <TextField select label={translate('notifications.settings.language')} value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value as NotificationSettingsDto['language'] })}>
          <MenuItem value="en">English</MenuItem>
          <MenuItem value="zh-CN">简体中文</MenuItem>
        </TextField>
        <TextField label={translate('notifications.settings.timeZone')} value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.target.value })}
          helperText={translate('notifications.settings.timeZone_help')} />
        <TextField type="time" label={translate('notifications.settings.quietStart')} value={form.quietStart} onChange={(e) => setForm({ ...form, quietStart: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField type="time" label={translate('notifications.settings.quietEnd')} value={form.quietEnd} onChange={(e) => setForm({ ...form, quietEnd: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
      </Box>
      <FormGroup sx={{ mt: 2 }} aria-labelledby="notification-email-kinds">
        <FormLabel id="notification-email-kinds">{translate('notifications.settings.email_for')}</FormLabel>
        {kinds.map((kind) => (
          <FormControlLabel key={kind} label={translate(`notifications.settings.kinds.${kind}`)} control={
            <Checkbox checked={!form.emailOff.includes(kind)} onChange={(e) => setForm({
              ...form, emailOff: e.target.checked ? form.emailOff.filter((k) => k !== kind) : [...form.emailOff, kind],
            })} />
          } />
        ))}
        {staff ? (
          <FormControlLabel label={translate('notifications.settings.digest')} control={<Checkbox checked={form.digest} onChange={(e) => setForm({ ...form, digest: e.target.checked })} />} />
        ) : null}
      </FormGroup>
      {result ? <Alert severity={result.ok ? 'success' : 'error'} role="status" sx={{ my: 1 }}>{result.text}</Alert> : null}
      <Button variant="contained" onClick={() => void save()} sx={{ mt: 1 }}>{translate('notifications.settings.save')}</Button>
    </AccountSection>
  );
};
