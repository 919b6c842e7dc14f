import { PROFILE_DIMENSION_LABELS, PROFILE_DIMENSIONS, type IntakeRequestDto } from '@attune/domain';
import { Alert, Box, Button, Card, CardContent, Checkbox, FormControlLabel, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useGetList, useNotify, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { useFormatDate } from '../shared/use-format';
import { measuresApi } from './measures-api';
import { PlaybookList } from './playbook.list';
import { useMeasureText } from './use-measure-text';
import { useErrorText } from '../shared/use-error-text';

/** The practice's public test page: its address and its switch. */
const PracticeSettingsCard = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { data, refetch } = useQuery({ queryKey: ['practice'], queryFn: measuresApi.practice });
  const [slug, setSlug] = useState<string | null>(null);
  if (!data) return null;
  const save = async (body: { slug?: string; publicTestEnabled?: boolean }) => {
    try {
      await measuresApi.savePractice(body);
      notify(translate('measures.practice.saved'), { type: 'success' });
      await refetch();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const url = data.slug ? `${window.location.origin}${window.location.pathname}#/test/${data.slug}` : '';
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Typography component="h2" variant="h6">{translate('measures.practice.title')}</Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems={{ sm: 'center' }} sx={{ mt: 1 }}>
          <TextField size="small" label={translate('measures.practice.slug')} value={slug ?? data.slug ?? ''} onChange={(e) => setSlug(e.target.value)} />
          <Button variant="outlined" onClick={() => void save({ slug: slug ?? data.slug ?? '' })}>{translate('measures.practice.save')}</Button>
          <FormControlLabel control={<Checkbox checked={data.publicTestEnabled} onChange={(e) => void save({ publicTestEnabled: e.target.checked })} />} label={translate('measures.practice.enabled')} />
        </Stack>
        {url && data.publicTestEnabled ? <Typography variant="body2" sx={{ mt: 1 }}>{translate('measures.practice.link', { url })}</Typography> : null}
      </CardContent>
    </Card>
  );
};

const IntakeCard = ({ request, practitioners }: { request: IntakeRequestDto; practitioners: Array<{ id: string; displayName: string }> }) => {
  const translate = useTranslate();
  const text = useMeasureText();
  const formatDate = useFormatDate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [picked, setPractitionerId] = useState('');
  // the practitioners may arrive after the requests: until one is picked, the first of them
  const practitionerId = picked || (practitioners[0]?.id ?? '');
  const act = async (action: 'accept' | 'decline') => {
    try {
      if (action === 'accept') await measuresApi.acceptIntake(request.id, practitionerId);
      else await measuresApi.declineIntake(request.id);
      if (action === 'accept') notify(translate('measures.intake.accepted'), { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: ['intake-requests'] });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <Card component="li" variant="outlined" sx={{ listStyle: 'none' }}>
      <CardContent>
        <Typography component="h2" variant="h6">{request.name}</Typography>
        <Typography variant="body2" color="text.secondary">
          {formatDate(request.createdAt, 'dateTime')} · {translate(`measures.intake.status.${request.status}`)} · {[request.email, request.phone].filter(Boolean).join(' · ')}
        </Typography>
        {request.message ? <Typography sx={{ mt: 1 }}>{request.message}</Typography> : null}
        {request.safetyConcern ? <Alert severity="warning" sx={{ mt: 1 }}>{translate('measures.couple.safety')}</Alert> : null}
        <Typography variant="body2" sx={{ mt: 1 }}>
          {PROFILE_DIMENSIONS.map((d) => `${text(PROFILE_DIMENSION_LABELS[d])} ${request.profile.dimensions[d] ?? '–'}`).join(' · ')}
        </Typography>
        <PlaybookList text={text} playbook={request.playbook} heading={translate('measures.couple.playbook')} kindLabel={(k) => translate(`measures.kind.${k}`)} />
        {request.status === 'new' ? (
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 1 }}>
            <TextField select size="small" label={translate('measures.intake.practitioner')} value={practitionerId} onChange={(e) => setPractitionerId(e.target.value)} sx={{ minWidth: 200 }}>
              {practitioners.map((p) => <MenuItem key={p.id} value={p.id}>{p.displayName}</MenuItem>)}
            </TextField>
            <Button variant="contained" disabled={!practitionerId} onClick={() => void act('accept')}>{translate('measures.intake.accept')}</Button>
            <Button onClick={() => void act('decline')}>{translate('measures.intake.decline')}</Button>
          </Stack>
        ) : request.caseId ? (
          <Button component={RouterLink} to={`/cases/${request.caseId}/show`} sx={{ mt: 1 }}>{translate('measures.intake.open_case')}</Button>
        ) : null}
      </CardContent>
    </Card>
  );
};

/** Admins: the public test page's settings and the requests it filed, accepted into a client and case or declined. */
export const IntakeRequestsPage = () => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const { data, isPending, error } = useQuery({ queryKey: ['intake-requests'], queryFn: measuresApi.intakeRequests });
  const { data: users } = useGetList<{ id: string; displayName: string; role: string; active: boolean }>('users', {
    filter: { role: 'practitioner', active: true }, pagination: { page: 1, perPage: 100 }, sort: { field: 'displayName', order: 'ASC' },
  });
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('measures.intake.title')} />
      <Typography component="h1" variant="h5" sx={{ mb: 2 }}>{translate('measures.intake.title')}</Typography>
      <PracticeSettingsCard />
      {error ? <Alert severity="error">{errorText(error)}</Alert> : null}
      {!isPending && data?.length === 0 ? <Typography>{translate('measures.intake.none')}</Typography> : null}
      <Stack component="ul" spacing={2} sx={{ p: 0 }}>
        {data?.map((r) => <IntakeCard key={r.id} request={r} practitioners={users ?? []} />)}
      </Stack>
    </Box>
  );
};
