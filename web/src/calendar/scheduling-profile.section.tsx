import { WEEKDAYS, type Weekday, type WorkingHours } from '@attune/domain';
import { Alert, Box, Button, Checkbox, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { AccountSection } from '../account/account-section';
import { errorMessageOf, type ApiErrorBody } from '../data/api-errors';
import { schedulingApi, type SchedulingProfile } from './scheduling-api';

/** Monday first, as the working week is read. */
const WEEK: readonly Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];

/** One day of the form: whether it is a working day and its one interval. */
interface DayHours { works: boolean; from: string; to: string }
type WeekForm = Record<Weekday, DayHours>;

const toForm = (hours: WorkingHours | null): WeekForm =>
  Object.fromEntries(WEEK.map((day) => {
    const first = hours?.[day]?.[0];
    return [day, first ? { works: true, from: first[0], to: first[1] } : { works: false, from: '09:00', to: '18:00' }];
  })) as WeekForm;

const toHours = (form: WeekForm): WorkingHours =>
  Object.fromEntries(WEEK.filter((day) => form[day].works).map((day) => [day, [[form[day].from, form[day].to]]]));

/** Every IANA zone the browser knows, the current one kept even if it does not. */
const zonesWith = (current: string): string[] => {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
};

/**
 * My account → Calendar (staff): one's time zone (the calendar's local times and a series' wall
 * clock are kept in it) and working hours per weekday (a booking outside them asks first), or no
 * limits; and the private iCalendar feed for one's own calendar app.
 */
export const SchedulingProfileSection = ({ userId }: { userId: string }) => {
  const translate = useTranslate();
  const { data } = useQuery({ queryKey: ['scheduling-profile', userId], queryFn: () => schedulingApi.profile(userId) });
  const [timeZone, setTimeZone] = useState('');
  const [limited, setLimited] = useState(true);
  const [week, setWeek] = useState<WeekForm>(toForm(null));
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (!data) return;
    setTimeZone(data.timeZone);
    setLimited(data.workingHours !== null);
    setWeek(toForm(data.workingHours));
  }, [data]);
  if (!data) return null;
  const setDay = (day: Weekday, change: Partial<DayHours>) => setWeek({ ...week, [day]: { ...week[day], ...change } });
  const save = async () => {
    try {
      const saved: SchedulingProfile = await schedulingApi.saveProfile(userId, { timeZone, workingHours: limited ? toHours(week) : null });
      setTimeZone(saved.timeZone);
      setWeek(toForm(saved.workingHours));
      setResult({ ok: true, text: translate('calendar.profile.saved') });
    } catch (caught) {
      const body = (caught as { body?: ApiErrorBody }).body;
      const errors = body?.errors;
      setResult({
        ok: false,
        text: errors
          ? Object.entries(errors).map(([field, message]) => `${translate(`calendar.profile.fields.${field.split('.')[0] ?? field}`, { _: field })}: ${message}`).join('; ')
          : errorMessageOf(body, (caught as Error).message),
      });
    }
  };
  return (
    <AccountSection id="scheduling-profile" heading={translate('calendar.profile.heading')}>
      <Typography color="text.secondary" sx={{ mb: 2 }}>{translate('calendar.profile.intro')}</Typography>
      <TextField select fullWidth label={translate('calendar.profile.fields.timeZone')} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }} sx={{ mb: 2 }}>
        {zonesWith(timeZone).map((zone) => <option key={zone} value={zone}>{zone}</option>)}
      </TextField>
      <FormControlLabel label={translate('calendar.profile.limited')}
        control={<Checkbox checked={limited} onChange={(e) => setLimited(e.target.checked)} />} />
      {limited ? (
        <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mt: 1 }}>
          <Typography component="legend" sx={{ fontWeight: 500, mb: 1 }}>{translate('calendar.profile.fields.workingHours')}</Typography>
          <Stack spacing={1}>
            {WEEK.map((day) => {
              const name = translate(`calendar.profile.days.${day}`);
              return (
                <Stack key={day} direction={{ xs: 'column', sm: 'row' }} spacing={1} alignItems={{ sm: 'center' }}>
                  <FormControlLabel sx={{ minWidth: 140 }} label={name}
                    control={<Checkbox checked={week[day].works} onChange={(e) => setDay(day, { works: e.target.checked })} />} />
                  <TextField type="time" size="small" disabled={!week[day].works} label={translate('calendar.profile.from', { day: name })}
                    value={week[day].from} onChange={(e) => setDay(day, { from: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
                  <TextField type="time" size="small" disabled={!week[day].works} label={translate('calendar.profile.to', { day: name })}
                    value={week[day].to} onChange={(e) => setDay(day, { to: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
                </Stack>
              );
            })}
          </Stack>
        </Box>
      ) : null}
      {result ? <Alert severity={result.ok ? 'success' : 'error'} role="status" sx={{ my: 1 }}>{result.text}</Alert> : null}
      <Button variant="contained" onClick={() => void save()} sx={{ mt: 1 }}>{translate('calendar.profile.save')}</Button>
      <CalendarFeedPart />
    </AccountSection>
  );
};

/** The private feed URL: created (which revokes an earlier one), shown once, revocable. */
const CalendarFeedPart = () => {
  const translate = useTranslate();
  const [showInitials, setShowInitials] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const create = async () => {
    try {
      setUrl((await schedulingApi.createFeed(showInitials)).url);
      setStatus({ ok: true, text: translate('calendar.feed.created') });
    } catch (caught) {
      setStatus({ ok: false, text: errorMessageOf((caught as { body?: ApiErrorBody }).body, (caught as Error).message) });
    }
  };
  const revoke = async () => {
    try {
      await schedulingApi.revokeFeed();
      setUrl(null);
      setStatus({ ok: true, text: translate('calendar.feed.revoked') });
    } catch (caught) {
      const notFound = (caught as { status?: number }).status === 404;
      setStatus({ ok: notFound, text: notFound ? translate('calendar.feed.none') : errorMessageOf((caught as { body?: ApiErrorBody }).body, (caught as Error).message) });
    }
  };
  return (
    <Box component="section" aria-labelledby="calendar-feed-heading" sx={{ mt: 3 }}>
      <Typography id="calendar-feed-heading" component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>{translate('calendar.feed.heading')}</Typography>
      <Typography color="text.secondary" sx={{ mb: 1 }}>{translate('calendar.feed.intro')}</Typography>
      <FormControlLabel label={translate('calendar.feed.show_initials')}
        control={<Checkbox checked={showInitials} onChange={(e) => setShowInitials(e.target.checked)} />} />
      {url ? (
        <TextField fullWidth label={translate('calendar.feed.url')} value={url} sx={{ my: 1 }}
          helperText={translate('calendar.feed.url_help')} slotProps={{ htmlInput: { readOnly: true } }} onFocus={(e) => e.target.select()} />
      ) : null}
      {status ? <Alert severity={status.ok ? 'success' : 'error'} role="status" sx={{ my: 1 }}>{status.text}</Alert> : null}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button variant="outlined" onClick={() => void create()}>{translate('calendar.feed.create')}</Button>
        <Button color="error" onClick={() => void revoke()}>{translate('calendar.feed.revoke')}</Button>
      </Stack>
    </Box>
  );
};
