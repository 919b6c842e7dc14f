import type { AssignmentDto, CaseDto, CaseExceptionDto, ClientDto, ExerciseDto, ScaleScoreDto, SessionDto } from '@attune/domain';
import { Box, Card, CardContent, Grid, Link as MuiLink, List as MuiList, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { PortalInvitationButton } from '../../notifications/portal-invitation.button';
import { EditButton, Link, Show, useCreatePath, useGetList, useGetMany, useRecordContext, useTranslate } from 'react-admin';
import { useAttuneDataProvider } from '../../data/data-provider';
import { enumKey, stageTitleKey } from '../../shared/choices';
import { EnumChip } from '../../shared/enum-chip';
import { useExerciseTitle } from '../../shared/exercise-title';
import { formatNumber, useFormatDate } from '../../shared/use-format';

const RECENT = { page: 1, perPage: 5 };

/** A card of the profile with its heading and, when there is nothing, a sentence saying so. */
const ProfileCard = ({ id, title, empty, children }: { id: string; title: string; empty: string | null; children?: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Card component="section" aria-labelledby={id} sx={{ height: '100%' }}>
      <CardContent>
        <Typography id={id} component="h3" variant="h6" gutterBottom>
          {translate(title)}
        </Typography>
        {empty ? <Typography color="text.secondary">{translate(empty)}</Typography> : children}
      </CardContent>
    </Card>
  );
};

const PortalAccount = ({ clientId }: { clientId: string }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const dataProvider = useAttuneDataProvider();
  const { data } = useQuery({ queryKey: ['clients', clientId, 'portal-account'], queryFn: () => dataProvider.getPortalAccount(clientId) });
  if (!data) return null;
  const account = data.data;
  return <>{translate(`lists.profile.portal_state.${account.state}`, {
    date: formatDate(account.lastSignInAt, 'dateTime'), expires: formatDate(account.invitationExpiresAt, 'dateTime'),
  })}</>;
};

const Details = ({ client }: { client: ClientDto }) => {
  const translate = useTranslate();
  const row = (label: string, value: ReactNode) => (
    <Box component="div" sx={{ display: 'contents' }}>
      <Typography component="dt" variant="body2" color="text.secondary">{translate(label)}</Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>{value || translate('lists.profile.none')}</Typography>
    </Box>
  );
  return (
    <ProfileCard id="profile-details" title="lists.profile.details" empty={null}>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 1, m: 0 }}>
        {row('lists.profile.pronouns', client.pronouns)}
        {row('lists.profile.email', client.email)}
        {row('lists.profile.phone', client.phone)}
        {row('lists.profile.status', <EnumChip enumeration="client_status" value={client.status} />)}
        {row('lists.profile.portal', <PortalAccount clientId={String(client.id)} />)}
      </Box>
    </ProfileCard>
  );
};

const Cases = ({ clientId }: { clientId: string }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { data = [], isPending } = useGetList<CaseDto>('cases', { filter: { clientId }, sort: { field: 'openedAt', order: 'DESC' }, pagination: { page: 1, perPage: 50 } });
  if (isPending) return null;
  return (
    <ProfileCard id="profile-cases" title="lists.profile.cases" empty={data.length === 0 ? 'lists.profile.no_cases' : null}>
      <MuiList dense disablePadding>
        {data.map((k) => (
          <ListItem key={k.id} disableGutters>
            <ListItemText
              primary={<MuiLink component={Link} to={createPath({ resource: 'cases', id: k.id, type: 'show' })}>{k.title}</MuiLink>}
              secondary={`${translate('lists.profile.case_line', { stage: k.stage, title: translate(stageTitleKey(k.stage)) })} · ${translate(enumKey('case_status', k.status))}`}
            />
          </ListItem>
        ))}
      </MuiList>
    </ProfileCard>
  );
};

const Sessions = ({ clientId }: { clientId: string }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const createPath = useCreatePath();
  const { data = [], isPending } = useGetList<SessionDto>('sessions', { filter: { attendeeId: clientId }, sort: { field: 'startsAt', order: 'DESC' }, pagination: RECENT });
  if (isPending) return null;
  return (
    <ProfileCard id="profile-sessions" title="lists.profile.sessions" empty={data.length === 0 ? 'lists.profile.no_sessions' : null}>
      <MuiList dense disablePadding>
        {data.map((s) => (
          <ListItem key={s.id} disableGutters>
            <ListItemText
              primary={<MuiLink component={Link} to={createPath({ resource: 'sessions', id: s.id, type: 'show' })}>{formatDate(s.startsAt, 'dateTime')}</MuiLink>}
              secondary={`${translate(enumKey('session_format', s.format))} · ${translate(stageTitleKey(s.stage))}`}
            />
          </ListItem>
        ))}
      </MuiList>
    </ProfileCard>
  );
};

const Homework = ({ clientId }: { clientId: string }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const exerciseTitle = useExerciseTitle();
  const { data = [], isPending } = useGetList<AssignmentDto>('assignments', { filter: { clientId }, sort: { field: 'dueAt', order: 'DESC' }, pagination: RECENT });
  const { data: exercises = [] } = useGetMany<ExerciseDto>('exercises', { ids: [...new Set(data.map((a) => a.exerciseId))] }, { enabled: data.length > 0 });
  if (isPending) return null;
  const byId = new Map(exercises.map((e) => [e.id, e]));
  return (
    <ProfileCard id="profile-homework" title="lists.profile.homework" empty={data.length === 0 ? 'lists.profile.no_homework' : null}>
      <MuiList dense disablePadding>
        {data.map((a) => (
          <ListItem key={a.id} disableGutters>
            <ListItemText
              primary={exerciseTitle(byId.get(a.exerciseId))}
              secondary={`${translate(enumKey('assignment_status', a.status))} · ${translate('lists.profile.due', { date: formatDate(a.dueAt) })}`}
            />
          </ListItem>
        ))}
      </MuiList>
    </ProfileCard>
  );
};

const Ratings = ({ clientId }: { clientId: string }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const { data = [], isPending } = useGetList<ScaleScoreDto>('scale-scores', { filter: { clientId }, sort: { field: 'recordedAt', order: 'DESC' }, pagination: RECENT });
  if (isPending) return null;
  return (
    <ProfileCard id="profile-ratings" title="lists.profile.ratings" empty={data.length === 0 ? 'lists.profile.no_ratings' : null}>
      <MuiList dense disablePadding>
        {data.map((s) => (
          <ListItem key={s.id} disableGutters>
            <ListItemText
              primary={translate('lists.profile.rating_line', { score: formatNumber(s.score), date: formatDate(s.recordedAt), source: translate(enumKey('score_source', s.source)) })}
              secondary={[s.keepsFromLower, s.onePointHigher].filter(Boolean).join(' · ') || undefined}
            />
          </ListItem>
        ))}
      </MuiList>
    </ProfileCard>
  );
};

/** What the client entered themselves: the moments they logged and their self-ratings with their words. */
const OwnWords = ({ clientId }: { clientId: string }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const own = { filter: { clientId, source: 'client' }, pagination: RECENT };
  const moments = useGetList<CaseExceptionDto>('exceptions', { ...own, sort: { field: 'occurredAt', order: 'DESC' } });
  const ratings = useGetList<ScaleScoreDto>('scale-scores', { ...own, sort: { field: 'recordedAt', order: 'DESC' } });
  if (moments.isPending || ratings.isPending) return null;
  const entries = [
    ...(moments.data ?? []).map((e) => ({ id: `e-${e.id}`, at: e.occurredAt, primary: e.context, secondary: e.behavior })),
    ...(ratings.data ?? []).map((r) => ({
      id: `s-${r.id}`,
      at: r.recordedAt,
      primary: translate('lists.profile.self_rating', { score: formatNumber(r.score) }),
      secondary: [r.keepsFromLower, r.onePointHigher].filter(Boolean).join(' · ') || null,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at)).slice(0, RECENT.perPage);
  return (
    <ProfileCard id="profile-own-words" title="lists.profile.own_words" empty={entries.length === 0 ? 'lists.profile.no_own_words' : null}>
      <MuiList dense disablePadding>
        {entries.map((entry) => (
          <ListItem key={entry.id} disableGutters>
            <ListItemText
              primary={entry.primary}
              secondary={[formatDate(entry.at), entry.secondary].filter(Boolean).join(' · ')}
              slotProps={{ primary: { sx: { whiteSpace: 'pre-wrap' } } }}
            />
          </ListItem>
        ))}
      </MuiList>
    </ProfileCard>
  );
};

const Profile = () => {
  const client = useRecordContext<ClientDto>();
  if (!client) return null;
  const id = String(client.id);
  return (
    <Stack spacing={2} sx={{ mt: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
      <Stack direction="row" justifyContent="space-between" alignItems="center" useFlexGap flexWrap="wrap" spacing={1}>
        <Typography component="h2" variant="h5" sx={{ fontWeight: 600 }}>
          {client.displayName}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
          <PortalInvitationButton />
          <EditButton record={client} label="lists.profile.edit" variant="outlined" />
        </Stack>
      </Stack>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}><Details client={client} /></Grid>
        <Grid size={{ xs: 12, md: 6 }}><Cases clientId={id} /></Grid>
        <Grid size={{ xs: 12, md: 6 }}><Sessions clientId={id} /></Grid>
        <Grid size={{ xs: 12, md: 6 }}><Homework clientId={id} /></Grid>
        <Grid size={{ xs: 12, md: 6 }}><Ratings clientId={id} /></Grid>
        <Grid size={{ xs: 12, md: 6 }}><OwnWords clientId={id} /></Grid>
      </Grid>
    </Stack>
  );
};

/** A client's chart: details, portal account, every case with its stage, and the recent record. */
export const ClientProfileShow = () => (
  <Show component="div" actions={false}>
    <Profile />
  </Show>
);
