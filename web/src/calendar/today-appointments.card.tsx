import { Card, CardContent, List, ListItem, ListItemButton, ListItemText, Skeleton, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useTranslate } from 'react-admin';
import { useAttuneDataProvider } from '../data/data-provider';
import { useFormatDate } from '../shared/use-format';
import { SectionHeading } from '../shared/section-heading';
import type { CalendarSession } from './calendar-entries';

/** Today in the viewer's zone: [start, end). */
function todayWindow(now = new Date()): { from: Date; to: Date } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  return { from, to: new Date(from.getFullYear(), from.getMonth(), from.getDate() + 1) };
}

/**
 * What the card shows: today's appointments and the held sessions with unsigned notes. The
 * dashboard reads it too (the same queries, fetched once) to lay out what comes under the card
 * only once the card has its height.
 */
export function useTodaySessions() {
  const dataProvider = useAttuneDataProvider();
  const { from, to } = todayWindow();
  const today = useQuery({
    queryKey: ['today-appointments', from.toISOString()],
    queryFn: async () => (await dataProvider.getList<CalendarSession>('sessions', {
      pagination: { page: 1, perPage: 100 }, sort: { field: 'startsAt', order: 'ASC' },
      filter: { startsFrom: from.toISOString(), startsTo: to.toISOString() },
    })).data,
  });
  const unsigned = useQuery({
    queryKey: ['unsigned-held-sessions', from.toISOString()],
    queryFn: async () => (await dataProvider.getList<CalendarSession>('sessions', {
      pagination: { page: 1, perPage: 5 }, sort: { field: 'startsAt', order: 'DESC' },
      filter: { status: 'held', signed: false, startsTo: from.toISOString() },
    })).data,
  });
  return { today, unsigned, pending: today.isPending || unsigned.isPending };
}

/**
 * The dashboard's first card: today's appointments in time order, each opening its session (the
 * note once held), and the held sessions of the past whose notes are still unsigned.
 */
export const TodayAppointmentsCard = () => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const { today, unsigned } = useTodaySessions();
  const time = (iso: string) => formatDate(iso, 'time');
  const day = (iso: string) => formatDate(iso, 'dateTime');
  const open = (s: CalendarSession) => `/sessions/${encodeURIComponent(s.id)}${s.status === 'held' && !s.signedAt ? '' : '/show'}`;
  return (
    <Card component="section" aria-labelledby="today-appointments-heading" sx={{ mb: 2 }}>
      <CardContent>
        <SectionHeading id="today-appointments-heading" level={2}>{translate('calendar.today_heading')}</SectionHeading>
        {today.isPending ? <Skeleton variant="rectangular" height={60} /> : (today.data ?? []).length === 0 ? (
          <Typography color="text.secondary">{translate('calendar.today_none')}</Typography>
        ) : (
          <List dense aria-labelledby="today-appointments-heading">
            {(today.data ?? []).map((s) => (
              <ListItem key={s.id} disablePadding>
              <ListItemButton component={Link} to={open(s)}>
                <ListItemText
                  primary={`${time(s.startsAt)} · ${s.caseTitle}`}
                  secondary={`${s.attendeeNames.join(', ')} · ${translate(`calendar.meeting_formats.${s.meetingFormat}`)} · ${translate(`calendar.statuses.${s.status}`)}${s.changeRequests.length > 0 ? ` · ${translate('calendar.change_request', { kind: translate(`calendar.change_kinds.${s.changeRequests[0]!.kind}`) })}` : ''}`}
                />
              </ListItemButton>
              </ListItem>
            ))}
          </List>
        )}
        {(unsigned.data ?? []).length > 0 && (
          <>
            <Typography id="unsigned-held-heading" variant="h3" sx={{ fontSize: '1rem', fontWeight: 600, mt: 2 }}>{translate('calendar.unsigned_heading')}</Typography>
            <List dense aria-labelledby="unsigned-held-heading">
              {(unsigned.data ?? []).map((s) => (
                <ListItem key={s.id} disablePadding>
                  <ListItemButton component={Link} to={open(s)}>
                    <ListItemText primary={`${day(s.startsAt)} · ${s.caseTitle}`} secondary={s.attendeeNames.join(', ')} />
                  </ListItemButton>
                </ListItem>
              ))}
            </List>
          </>
        )}
      </CardContent>
    </Card>
  );
};
