import type { ChangeRequestKind, MyChangeRequestDto, MySessionDto } from '@attune/domain';
import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { API_URL, httpClient } from '../data/http-client';
import { useErrorText } from '../shared/use-error-text';
import { useFormatDate } from '../shared/use-format';
import { browserTimeZone as browserZone } from '../shared/time-zone';

function listMySessions(timeZone: string): Promise<MySessionDto[]> {
  return httpClient(`${API_URL}/me/sessions?${new URLSearchParams({ timeZone })}`).then(({ json }) => json as MySessionDto[]);
}

function listMyChangeRequests(timeZone: string): Promise<MyChangeRequestDto[]> {
  return httpClient(`${API_URL}/me/sessions/change-requests?${new URLSearchParams({ timeZone })}`).then(({ json }) => json as MyChangeRequestDto[]);
}

function askForChange(id: string, kind: ChangeRequestKind, message: string, idempotencyKey: string): Promise<unknown> {
  return httpClient(`${API_URL}/me/sessions/${encodeURIComponent(id)}/change-requests`, {
    method: 'POST', body: JSON.stringify({ kind, message: message.trim() || null }), headers: new Headers({ 'Idempotency-Key': idempotencyKey }),
  });
}

const SessionCard = ({ session }: { session: MySessionDto }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<ChangeRequestKind | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const when = (zone: string) => formatDate(session.startsAt, 'weekdayDateTime', zone);
  const send = async () => {
    if (!asking) return;
    try {
      await askForChange(session.id, asking, message, key);
      setAsking(null);
      await queryClient.invalidateQueries({ queryKey: ['my-sessions'] });
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Card component="li" sx={{ listStyle: 'none' }}>
      <CardContent>
        <Typography variant="h3" sx={{ fontSize: '1.1rem', fontWeight: 600 }}>{when(session.timeZone)}</Typography>
        <Typography variant="body2">{translate('calendar.my_sessions.your_time', { zone: session.timeZone })}</Typography>
        {session.practitionerLocalStartsAt && (
          <Typography variant="body2">{translate('calendar.my_sessions.their_time', { zone: session.practitionerTimeZone, time: when(session.practitionerTimeZone) })}</Typography>
        )}
        <Typography sx={{ mt: 1 }}>
          {translate(`calendar.meeting_formats.${session.meetingFormat}`)} · {translate('calendar.my_sessions.minutes', { count: session.durationMinutes })} · {translate('calendar.my_sessions.with', { name: session.practitionerName })}
        </Typography>
        {session.location && <Typography sx={{ wordBreak: 'break-word' }}>{translate('calendar.my_sessions.where', { place: session.location })}</Typography>}
        {session.pendingRequest && (
          <Alert severity="info" sx={{ mt: 1 }}>{translate('calendar.my_sessions.pending', { kind: translate(`calendar.change_kinds.${session.pendingRequest}`) })}</Alert>
        )}
        {!session.pendingRequest && !session.changeAllowed && (
          <Typography variant="body2" sx={{ mt: 1 }}>{translate('calendar.my_sessions.too_late', { hours: session.changeNoticeHours })}</Typography>
        )}
        {!session.pendingRequest && session.changeAllowed && !asking && (
          <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }}>
            <Button variant="outlined" size="small" onClick={() => setAsking('reschedule')}>{translate('calendar.my_sessions.ask_reschedule')}</Button>
            <Button variant="outlined" size="small" color="error" onClick={() => setAsking('cancel')}>{translate('calendar.my_sessions.ask_cancel')}</Button>
          </Stack>
        )}
        {asking && (
          <Stack spacing={1} sx={{ mt: 1 }}>
            <TextField label={translate('calendar.my_sessions.message')} value={message} onChange={(e) => setMessage(e.target.value)} multiline minRows={2} />
            <Stack direction="row" spacing={1}>
              <Button variant="contained" onClick={() => void send()}>{translate('calendar.my_sessions.send')}</Button>
              <Button onClick={() => setAsking(null)}>{translate('calendar.cancel')}</Button>
            </Stack>
          </Stack>
        )}
        {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
      </CardContent>
    </Card>
  );
};

/**
 * The practitioner's answers to the client's requests of the last 60 days: accepted (cancelled, or
 * moved to the new time) or declined with the practitioner's reason. Open ones show on their session.
 */
const RequestAnswers = ({ zone }: { zone: string }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const answers = useQuery({ queryKey: ['my-sessions', 'change-requests', zone], queryFn: () => listMyChangeRequests(zone) });
  const answered = (answers.data ?? []).filter((r) => r.outcome !== 'pending');
  if (answered.length === 0) return null;
  // wall-clock times in the zone asked for, which is this browser's
  const when = (local: string) => formatDate(local, 'weekdayDateTime');
  return (
    <Box component="section" aria-labelledby="attune-request-answers" sx={{ mt: 3 }}>
      <Typography id="attune-request-answers" variant="h2" sx={{ fontSize: '1.2rem', mb: 1 }}>{translate('calendar.my_sessions.outcome_heading')}</Typography>
      <Stack component="ul" spacing={1} sx={{ p: 0, m: 0 }}>
        {answered.map((r) => (
          // a list item, not an alert: an answer read on opening the page is no interruption
          <Alert component="li" role="listitem" key={r.id} severity={r.outcome === 'declined' ? 'warning' : 'success'} sx={{ listStyle: 'none', overflowWrap: 'anywhere' }}>
            {r.outcome === 'declined'
              ? translate('calendar.my_sessions.outcome_declined', { kind: translate(`calendar.change_kinds.${r.kind}`), time: when(r.askedLocalStartsAt), reason: r.reason ?? '' })
              : r.kind === 'cancel'
                ? translate('calendar.my_sessions.outcome_accepted_cancel', { time: when(r.askedLocalStartsAt) })
                : translate('calendar.my_sessions.outcome_accepted_reschedule', { time: when(r.askedLocalStartsAt), newTime: when(r.localStartsAt) })}
          </Alert>
        ))}
      </Stack>
    </Box>
  );
};

/** The client's upcoming sessions in their own time zone, with a way to ask for a change within the practice's policy. */
export const MySessionsPage = () => {
  const translate = useTranslate();
  const zone = browserZone();
  const sessions = useQuery({ queryKey: ['my-sessions', zone], queryFn: () => listMySessions(zone) });
  return (
    <Box component="section" aria-labelledby="attune-my-sessions">
      <Typography id="attune-my-sessions" variant="h2" sx={{ fontSize: '1.4rem', mb: 2 }}>{translate('calendar.my_sessions.heading')}</Typography>
      {sessions.isError && <Alert severity="error">{translate('calendar.my_sessions.load_error')}</Alert>}
      {sessions.data?.length === 0 && <Typography>{translate('calendar.my_sessions.none')}</Typography>}
      <Stack component="ul" spacing={2} sx={{ p: 0, m: 0 }}>
        {(sessions.data ?? []).map((s) => <SessionCard key={s.id} session={s} />)}
      </Stack>
      <RequestAnswers zone={zone} />
    </Box>
  );
};
