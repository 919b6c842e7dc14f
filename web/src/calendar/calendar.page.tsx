import type { DateSelectArg, EventClickArg, EventContentArg, EventDropArg, EventSourceFuncArg } from '@fullcalendar/core';
import zhCnLocale from '@fullcalendar/core/locales/zh-cn';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type EventResizeDoneArg } from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { MEETING_FORMATS, plannedTimeIssue, type CaseDto, type ChangeRequestDecisionRequest, type Role } from '@attune/domain';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useRef, useState } from 'react';
import { Title, useGetList, useLocale, useNotify, usePermissions, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { useAttuneDataProvider, type AppointmentMoveRequest } from '../data/data-provider';
import { translateIssue } from '../forms/zod-form-validator';
import { stageTitleKey } from '../shared/choices';
import { useErrorText } from '../shared/use-error-text';
import { useFormatDate } from '../shared/use-format';
import { apiErrorOf, everyPage, minutesBetween, STATUS_COLOURS, toCalendarEntry, toLocalInputValue, type CalendarSession } from './calendar-entries';

type Retry = { kind: 'outside_hours' | 'clash'; message: string; run: (extra: Partial<AppointmentMoveRequest>) => Promise<void> };

const EntryContent = ({ arg }: { arg: EventContentArg }) => {
  const translate = useTranslate();
  const s = arg.event.extendedProps['session'] as CalendarSession;
  return (
    // its own background too, so a line that runs past a short entry still reads white on the state's colour
    <Box sx={{ overflow: 'hidden', height: '100%', fontSize: '0.8rem', lineHeight: 1.25, bgcolor: STATUS_COLOURS[s.status], color: '#ffffff' }}>
      <b>{arg.timeText}</b> {s.caseTitle}
      <div>{s.attendeeNames.join(', ')}</div>
      <div>
        {translate(stageTitleKey(s.stage))} · {translate(`calendar.meeting_formats.${s.meetingFormat}`)} · {translate(`calendar.statuses.${s.status}`)}
        {s.changeRequests.length > 0 ? ' · ⚑' : ''}
      </div>
    </Box>
  );
};

/**
 * The practice's calendar: day, week (default), month and agenda views of appointments, which are
 * sessions. Click a slot to book, drag to move, resize to change the length; opening an entry
 * gives the keyboard path (a form) and the note. An admin sees everyone or one practitioner.
 */
export const CalendarPage = () => {
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const navigate = useNavigate();
  const dataProvider = useAttuneDataProvider();
  const { permissions } = usePermissions<Role>();
  const calendarRef = useRef<FullCalendar>(null);
  const [practitionerId, setPractitionerId] = useState<string>('');
  const [booking, setBooking] = useState<{ start: Date; end: Date } | null>(null);
  const [open, setOpen] = useState<CalendarSession | null>(null);
  const [retry, setRetry] = useState<Retry | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const practitioners = useGetList('users', { filter: { role: 'practitioner' }, pagination: { page: 1, perPage: 100 }, sort: { field: 'displayName', order: 'ASC' } }, { enabled: permissions === 'admin' });

  const refetch = () => calendarRef.current?.getApi().refetchEvents();

  /** Every appointment of the range, page after page: a practice's month may hold more than a page. */
  const fetchEntries = async (info: EventSourceFuncArg) => {
    const filter = { startsFrom: info.start.toISOString(), startsTo: info.end.toISOString(), ...(practitionerId ? { practitionerId } : {}) };
    const sessions = await everyPage((page, perPage) =>
      dataProvider.getList<CalendarSession>('sessions', { pagination: { page, perPage }, sort: { field: 'startsAt', order: 'ASC' }, filter }));
    return sessions.map(toCalendarEntry);
  };

  /** Runs a booking or move; a clash or a time outside working hours asks before trying again. */
  const attempt = async (run: (extra: Partial<AppointmentMoveRequest>) => Promise<void>, onRefused?: () => void) => {
    try {
      await run({});
    } catch (error) {
      const body = apiErrorOf(error);
      if (body.code === 'OUTSIDE_WORKING_HOURS') {
        setRetry({ kind: 'outside_hours', message: translate('calendar.outside_hours'), run });
      } else if (body.code === 'SCHEDULE_CONFLICT') {
        const other = body.params;
        const text = other?.['title'] !== undefined
          ? translate('calendar.clash', { title: other['title'], time: formatDate(String(other['startsAt']), 'dateTime') })
          : errorText(error);
        notify(text, { type: 'error' });
        setRetry({ kind: 'clash', message: text, run });
      } else if (body.code === 'VERSION_CONFLICT') {
        notify(translate('calendar.moved_by_someone'), { type: 'warning' });
      } else {
        notify(errorText(error), { type: 'error' });
      }
      onRefused?.();
      refetch();
    }
  };

  const move = (session: CalendarSession, start: Date, end: Date, revert: () => void) =>
    attempt(async (extra) => {
      await dataProvider.moveSession(session.id, { startsAt: start.toISOString(), durationMinutes: minutesBetween(start, end), version: session.version, ...extra });
      notify(translate('calendar.moved'), { type: 'success' });
      setRetry(null);
      refetch();
    }, revert);

  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('calendar.title')} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }} alignItems={{ sm: 'center' }}>
        <Box sx={{ flexGrow: 1 }} />
        {permissions === 'admin' && (
          <TextField select size="small" label={translate('calendar.practitioner')} value={practitionerId} sx={{ minWidth: 220 }}
            onChange={(e) => { setPractitionerId(e.target.value); setTimeout(refetch); }}>
            <MenuItem value="">{translate('calendar.all_practitioners')}</MenuItem>
            {(practitioners.data ?? []).map((u) => <MenuItem key={u.id} value={String(u.id)}>{String(u['displayName'])}</MenuItem>)}
          </TextField>
        )}
        <Button variant="contained" onClick={() => { const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000); setBooking({ start, end: new Date(start.getTime() + 50 * 60_000) }); }}>
          {translate('calendar.new_appointment')}
        </Button>
      </Stack>
      <Typography variant="body2" sx={{ mb: 1 }}>{translate('calendar.keyboard_hint')}</Typography>
      <Card>
        <CardContent sx={{ p: { xs: 0.5, sm: 2 }, '& .fc .fc-day-other .fc-daygrid-day-top': { opacity: 1, color: '#595959' } }}>
          <FullCalendar
            ref={calendarRef}
            plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
            initialView="timeGridWeek"
            locales={[zhCnLocale]}
            locale={locale === 'zh' ? 'zh-cn' : 'en-gb'}
            headerToolbar={{ left: 'prev,next today', center: 'title', right: 'timeGridDay,timeGridWeek,dayGridMonth,listWeek' }}
            buttonIcons={false}
            buttonText={{
              prev: translate('calendar.views.prev'), next: translate('calendar.views.next'),
              today: translate('calendar.views.today'), day: translate('calendar.views.day'), week: translate('calendar.views.week'),
              month: translate('calendar.views.month'), list: translate('calendar.views.agenda'),
            }}
            height="auto"
            scrollTime="08:00:00"
            eventDisplay="block"
            // a month cell named only by its day number would hide the entries in it from its name (axe)
            dayCellDidMount={(arg) => arg.el.removeAttribute('aria-labelledby')}
            nowIndicator
            selectable
            selectMirror
            editable
            eventDurationEditable
            events={fetchEntries}
            eventContent={(arg) => <EntryContent arg={arg} />}
            select={(arg: DateSelectArg) => setBooking({ start: arg.start, end: arg.end })}
            eventClick={(arg: EventClickArg) => { arg.jsEvent.preventDefault(); setOpen(arg.event.extendedProps['session'] as CalendarSession); }}
            eventDrop={(arg: EventDropArg) => void move(arg.event.extendedProps['session'] as CalendarSession, arg.event.start!, arg.event.end ?? new Date(arg.event.start!.getTime() + (arg.event.extendedProps['session'] as CalendarSession).durationMinutes * 60_000), arg.revert)}
            eventResize={(arg: EventResizeDoneArg) => void move(arg.event.extendedProps['session'] as CalendarSession, arg.event.start!, arg.event.end!, arg.revert)}
          />
        </CardContent>
      </Card>

      {booking && (
        <BookingDialog start={booking.start} end={booking.end} onClose={() => setBooking(null)}
          onBook={(body) => attempt(async (extra) => {
            const { data } = await dataProvider.create('sessions', { data: { ...body, ...extra } });
            notify(translate('calendar.booked'), { type: 'success' });
            setBooking(null);
            setRetry(null);
            refetch();
            void data;
          })} />
      )}
      {open && (
        <AppointmentDialog session={open} onClose={() => setOpen(null)}
          onOpenNote={() => navigate(open.signedAt ? `/sessions/${encodeURIComponent(open.id)}/show` : `/sessions/${encodeURIComponent(open.id)}`)}
          onMove={(start, durationMinutes, scope) => attempt(async (extra) => {
            await dataProvider.moveSession(open.id, { startsAt: start.toISOString(), durationMinutes, version: open.version, scope, ...extra });
            notify(translate('calendar.moved'), { type: 'success' });
            setOpen(null);
            setRetry(null);
            refetch();
          })}
          onDecide={(requestId, decision) => attempt(async (extra) => {
            await dataProvider.decideChangeRequest(open.id, requestId, { ...decision, version: open.version, ...(decision.decision === 'accept' ? extra : {}) });
            notify(translate(decision.decision === 'accept' ? 'calendar.request.accepted' : 'calendar.request.declined'), { type: 'success' });
            setOpen(null);
            setRetry(null);
            refetch();
          })}
          onStatus={async (input) => {
            try {
              const { data } = await dataProvider.changeSessionStatus(open.id, { ...input, version: open.version });
              notify(translate('calendar.status_changed'), { type: 'success' });
              refetch();
              if (input.status === 'held') setOpen(data as CalendarSession);
              else setOpen(null);
            } catch (error) {
              notify(errorText(error), { type: 'error' });
            }
          }} />
      )}
      {retry && (
        <Dialog open onClose={() => setRetry(null)} aria-labelledby="attune-calendar-retry">
          <DialogTitle id="attune-calendar-retry">{retry.kind === 'outside_hours' ? translate('calendar.outside_hours_title') : translate('calendar.book_anyway')}</DialogTitle>
          <DialogContent>
            <Alert severity="warning" sx={{ mb: 2 }}>{retry.message}</Alert>
            {retry.kind === 'clash' && (
              <TextField fullWidth label={translate('calendar.override_reason')} value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} />
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setRetry(null)}>{translate('calendar.cancel')}</Button>
            <Button variant="contained" disabled={retry.kind === 'clash' && overrideReason.trim() === ''}
              onClick={() => void attempt(() => retry.run(retry.kind === 'clash' ? { conflictOverrideReason: overrideReason.trim(), outsideWorkingHours: true } : { outsideWorkingHours: true }))}>
              {translate('calendar.book_anyway')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
};

const BookingDialog = ({ start, end, onClose, onBook }: {
  start: Date; end: Date; onClose: () => void; onBook: (body: Record<string, unknown>) => Promise<void>;
}) => {
  const translate = useTranslate();
  const cases = useGetList<CaseDto>('cases', { filter: { status: 'open' }, pagination: { page: 1, perPage: 200 }, sort: { field: 'title', order: 'ASC' } });
  const [caseId, setCaseId] = useState('');
  const [startsAt, setStartsAt] = useState(toLocalInputValue(start));
  const [duration, setDuration] = useState(String(Math.max(5, minutesBetween(start, end) >= 24 * 60 ? 50 : minutesBetween(start, end))));
  const [meetingFormat, setMeetingFormat] = useState<string>('in_person');
  const [location, setLocation] = useState('');
  const [repeat, setRepeat] = useState('');
  const [count, setCount] = useState('6');
  const chosen = (cases.data ?? []).find((k) => k.id === caseId);
  // the API's rule for a session's time: not before the case opened, at most a year ahead
  const startIssue = chosen && startsAt ? plannedTimeIssue(new Date(startsAt), chosen.openedAt) : undefined;
  const submit = () => {
    if (!chosen || startIssue) return;
    void onBook({
      caseId: chosen.id, startsAt: new Date(startsAt).toISOString(), durationMinutes: Number(duration),
      format: chosen.kind === 'couple' ? 'joint' : 'individual', attendeeIds: chosen.clientIds, stage: chosen.stage,
      meetingFormat, location: location.trim() || null,
      ...(repeat ? { repeat: { frequency: repeat, count: Number(count) } } : {}),
    });
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="attune-booking-title" fullWidth maxWidth="sm">
      <DialogTitle id="attune-booking-title">{translate('calendar.new_appointment')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField select required label={translate('calendar.case')} value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            {(cases.data ?? []).map((k) => <MenuItem key={k.id} value={k.id}>{k.title}</MenuItem>)}
          </TextField>
          <TextField type="datetime-local" label={translate('calendar.starts_at')} value={startsAt} onChange={(e) => setStartsAt(e.target.value)} slotProps={{ inputLabel: { shrink: true } }}
            error={!!startIssue} helperText={startIssue ? translateIssue(translate, startIssue) : undefined} />
          <TextField type="number" label={translate('calendar.duration')} value={duration} onChange={(e) => setDuration(e.target.value)} slotProps={{ htmlInput: { min: 5, max: 480, step: 5 } }} />
          <TextField select label={translate('calendar.meeting_format')} value={meetingFormat} onChange={(e) => setMeetingFormat(e.target.value)}>
            {MEETING_FORMATS.map((f) => <MenuItem key={f} value={f}>{translate(`calendar.meeting_formats.${f}`)}</MenuItem>)}
          </TextField>
          <TextField label={translate('calendar.location')} value={location} onChange={(e) => setLocation(e.target.value)} />
          <TextField select label={translate('calendar.repeat')} value={repeat} onChange={(e) => setRepeat(e.target.value)}>
            <MenuItem value="">{translate('calendar.repeat_none')}</MenuItem>
            <MenuItem value="weekly">{translate('calendar.repeat_weekly')}</MenuItem>
            <MenuItem value="fortnightly">{translate('calendar.repeat_fortnightly')}</MenuItem>
          </TextField>
          {repeat && (
            <TextField type="number" label={translate('calendar.repeat_count')} value={count} onChange={(e) => setCount(e.target.value)} slotProps={{ htmlInput: { min: 2, max: 52 } }} />
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('calendar.cancel')}</Button>
        <Button variant="contained" disabled={!chosen || !!startIssue} onClick={submit}>{translate('calendar.book')}</Button>
      </DialogActions>
    </Dialog>
  );
};

/** A decision as the dialog sends it; the session's version is added by the page. */
type Decision = Omit<ChangeRequestDecisionRequest, 'version'>;

/**
 * A client's open request on the appointment, with its answers: accept (a cancel request cancels
 * the session; a reschedule request moves it to the time chosen in the form below) or decline with
 * the reason the client will read in the portal.
 */
const ChangeRequestCard = ({ request, answerable, onAccept, onDecline }: {
  request: CalendarSession['changeRequests'][number];
  answerable: boolean;
  onAccept: () => Promise<void>;
  onDecline: (reason: string) => Promise<void>;
}) => {
  const translate = useTranslate();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <Alert severity="info" sx={{ mt: 1, '& .MuiAlert-message': { width: '100%', overflowWrap: 'anywhere' } }}>
      <div>{translate('calendar.change_request', { kind: translate(`calendar.change_kinds.${request.kind}`) })}{request.message ? `: ${request.message}` : ''}</div>
      {answerable && (
        <Stack spacing={1} sx={{ mt: 1 }}>
          {request.kind === 'reschedule' && <Typography variant="body2">{translate('calendar.request.accept_reschedule_help')}</Typography>}
          {!declining && (
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }}>
              <Button size="small" variant="contained" onClick={() => void onAccept()}>
                {translate(request.kind === 'cancel' ? 'calendar.request.accept_cancel' : 'calendar.request.accept_reschedule')}
              </Button>
              <Button size="small" onClick={() => setDeclining(true)}>{translate('calendar.request.decline')}</Button>
            </Stack>
          )}
          {declining && (
            <Stack spacing={1}>
              <TextField required size="small" label={translate('calendar.request.decline_reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
              <Stack direction="row" spacing={1}>
                <Button size="small" variant="contained" color="error" disabled={reason.trim() === ''} onClick={() => void onDecline(reason.trim())}>
                  {translate('calendar.request.confirm_decline')}
                </Button>
                <Button size="small" onClick={() => setDeclining(false)}>{translate('calendar.cancel')}</Button>
              </Stack>
            </Stack>
          )}
        </Stack>
      )}
    </Alert>
  );
};

const AppointmentDialog = ({ session, onClose, onOpenNote, onMove, onStatus, onDecide }: {
  session: CalendarSession;
  onClose: () => void;
  onOpenNote: () => void;
  onMove: (start: Date, durationMinutes: number, scope: 'this' | 'following') => Promise<void>;
  onStatus: (input: { status: 'held' | 'no_show' | 'cancelled'; cancelledBy?: 'client' | 'practitioner'; reason?: string }) => Promise<void>;
  onDecide: (requestId: string, decision: Decision) => Promise<void>;
}) => {
  const translate = useTranslate();
  const [startsAt, setStartsAt] = useState(toLocalInputValue(session.startsAt));
  const [duration, setDuration] = useState(String(session.durationMinutes));
  const [scope, setScope] = useState<'this' | 'following'>('this');
  const [cancelling, setCancelling] = useState(false);
  const [cancelledBy, setCancelledBy] = useState<'client' | 'practitioner'>('client');
  const [reason, setReason] = useState('');
  const started = Date.parse(session.startsAt) <= Date.now();
  const scheduled = session.status === 'scheduled' && session.signedAt === null;
  return (
    <Dialog open onClose={onClose} aria-labelledby="attune-appointment-title" fullWidth maxWidth="sm">
      <DialogTitle id="attune-appointment-title">{session.caseTitle}</DialogTitle>
      <DialogContent>
        <Typography>{translate('calendar.attendees')}: {session.attendeeNames.join(', ')}</Typography>
        <Typography>{translate('calendar.stage')}: {translate(stageTitleKey(session.stage))}</Typography>
        <Typography>{translate('calendar.meeting_format')}: {translate(`calendar.meeting_formats.${session.meetingFormat}`)}{session.location ? ` · ${session.location}` : ''}</Typography>
        <Typography>{translate('calendar.state')}: {translate(`calendar.statuses.${session.status}`)}</Typography>
        {session.changeRequests.map((r) => (
          <ChangeRequestCard key={r.id} request={r} answerable={scheduled}
            onAccept={() => onDecide(r.id, r.kind === 'cancel'
              ? { decision: 'accept' }
              : { decision: 'accept', startsAt: new Date(startsAt).toISOString(), durationMinutes: Number(duration) })}
            onDecline={(reason) => onDecide(r.id, { decision: 'decline', reason })} />
        ))}
        {scheduled && (
          <Box component="section" aria-labelledby="attune-move-heading" sx={{ mt: 2 }}>
            <Typography id="attune-move-heading" variant="h2" sx={{ fontSize: '1.1rem', mb: 1 }}>{translate('calendar.move_heading')}</Typography>
            <Stack spacing={2}>
              <TextField type="datetime-local" label={translate('calendar.starts_at')} value={startsAt} onChange={(e) => setStartsAt(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
              <TextField type="number" label={translate('calendar.duration')} value={duration} onChange={(e) => setDuration(e.target.value)} slotProps={{ htmlInput: { min: 5, max: 480, step: 5 } }} />
              {session.seriesId && (
                <TextField select label={translate('calendar.scope')} value={scope} onChange={(e) => setScope(e.target.value as 'this' | 'following')}>
                  <MenuItem value="this">{translate('calendar.scope_this')}</MenuItem>
                  <MenuItem value="following">{translate('calendar.scope_following')}</MenuItem>
                </TextField>
              )}
              <Button variant="outlined" onClick={() => void onMove(new Date(startsAt), Number(duration), scope)}>{translate('calendar.move')}</Button>
            </Stack>
          </Box>
        )}
        {cancelling && (
          <Stack spacing={2} sx={{ mt: 2 }}>
            <TextField select label={translate('calendar.cancelled_by')} value={cancelledBy} onChange={(e) => setCancelledBy(e.target.value as 'client' | 'practitioner')}>
              <MenuItem value="client">{translate('calendar.cancelled_by_choices.client')}</MenuItem>
              <MenuItem value="practitioner">{translate('calendar.cancelled_by_choices.practitioner')}</MenuItem>
            </TextField>
            <TextField required label={translate('calendar.cancel_reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
            <Button color="error" variant="contained" disabled={reason.trim() === ''} onClick={() => void onStatus({ status: 'cancelled', cancelledBy, reason: reason.trim() })}>
              {translate('calendar.confirm_cancel')}
            </Button>
          </Stack>
        )}
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        {session.status === 'held' && <Button variant="contained" onClick={onOpenNote}>{session.signedAt ? translate('calendar.open_note') : translate('calendar.write_note')}</Button>}
        {scheduled && started && <Button onClick={() => void onStatus({ status: 'held' })}>{translate('calendar.mark_held')}</Button>}
        {scheduled && started && <Button onClick={() => void onStatus({ status: 'no_show' })}>{translate('calendar.mark_no_show')}</Button>}
        {scheduled && !cancelling && <Button color="error" onClick={() => setCancelling(true)}>{translate('calendar.cancel_appointment')}</Button>}
        <Button onClick={onClose}>{translate('calendar.cancel')}</Button>
      </DialogActions>
    </Dialog>
  );
};
