import { addendumInputSchema, noteHasContent, plannedTimeRefinement, SESSION_NOTE_SECTIONS, sessionInputSchema, type CaseDto, type ScaleScoreDto, type SessionDto } from '@attune/domain';
import LockIcon from '@mui/icons-material/Lock';
import { Alert, Box, Button, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import {
  Confirm,
  Create,
  Edit,
  EditButton,
  Form,
  HttpError,
  Link,
  SaveButton,
  Show,
  SimpleForm,
  TextInput,
  TopToolbar,
  useGetIdentity,
  useGetList,
  useGetOne,
  useNotify,
  useRecordContext,
  useRedirect,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useAttuneDataProvider } from '../../data/data-provider';
import { zodFormValidator } from '../../forms/zod-form-validator';
import { EnumChip } from '../../shared/enum-chip';
import { SectionHeading } from '../../shared/section-heading';
import { useCaseClients } from '../../shared/use-case-clients';
import { formatNumber, useFormatDate } from '../../shared/use-format';
import { LogExceptionButton } from '../cases/workspace/exceptions.section';
import { RecordScoreButton } from '../cases/workspace/record-score.dialog';
import { enumKey, stageTitleKey } from '../../shared/choices';
import { SessionInputs } from './sessions.inputs';

const validateAddendum = zodFormValidator(addendumInputSchema);

const caseShowPath = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/show/sessions`;

/**
 * A session's form, validated with the shared schema and the case's date bounds (not before the
 * case opened, at most a year ahead), as the API will check it.
 */
const SessionForm = ({ defaultValues }: { defaultValues?: Record<string, unknown> }) => {
  const record = useRecordContext<Partial<SessionDto>>();
  const { data: caseRecord } = useGetOne<CaseDto>('cases', { id: record?.caseId ?? '' }, { enabled: !!record?.caseId });
  const validate = useMemo(
    () => zodFormValidator(sessionInputSchema.superRefine(plannedTimeRefinement('startsAt', caseRecord?.openedAt))),
    [caseRecord?.openedAt],
  );
  return (
    <SimpleForm validate={validate} {...(defaultValues ? { defaultValues } : {})}>
      <SessionInputs />
    </SimpleForm>
  );
};

export const SessionCreate = () => (
  <Create redirect="show">
    <SessionForm defaultValues={{ note: {}, durationMinutes: 50 }} />
  </Create>
);

const SignedNoteGuard = () => {
  const record = useRecordContext<SessionDto>();
  const translate = useTranslate();
  if (!record?.signedAt) return null;
  return (
    <Alert severity="info" icon={<LockIcon />} sx={{ mb: 2 }}>
      {translate('attune.sessions.signed_read_only')}{' '}
      <Link to={`/sessions/${encodeURIComponent(String(record.id))}/show`}>{translate('attune.sessions.open_signed')}</Link>
    </Alert>
  );
};

/** A signed note is locked: its edit page explains that and offers the addendum, never a form. */
const SessionEditForm = () => {
  const record = useRecordContext<SessionDto>();
  if (!record) return null;
  if (record.signedAt) return <SignedNoteGuard />;
  return <SessionForm />;
};

export const SessionEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SessionEditForm />
  </Edit>
);

const SignNoteButton = ({ session }: { session: SessionDto }) => {
  const translate = useTranslate();
  const dataProvider = useAttuneDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const empty = !noteHasContent(session.note);
  const sign = async () => {
    setBusy(true);
    try {
      await dataProvider.signSession(String(session.id));
      notify('attune.sessions.signed_done', { type: 'success' });
      refresh();
    } catch (error) {
      const message = (error as Error).message;
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <Button
        variant="contained"
        startIcon={<LockIcon />}
        onClick={() => setOpen(true)}
        disabled={busy || empty}
        aria-describedby={empty ? 'empty-note-hint' : undefined}
      >
        {translate('attune.sessions.sign')}
      </Button>
      {empty ? (
        <Typography id="empty-note-hint" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
          {translate('records.sessions.empty_note')}
        </Typography>
      ) : null}
      <Confirm
        isOpen={open}
        loading={busy}
        title="attune.sessions.sign_confirm_title"
        content="attune.sessions.sign_confirm_content"
        confirm="attune.sessions.sign"
        onConfirm={sign}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

const AddendumForm = ({ session }: { session: SessionDto }) => {
  const translate = useTranslate();
  const dataProvider = useAttuneDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [formKey, setFormKey] = useState(0);
  const submit = async (values: Record<string, unknown>) => {
    try {
      await dataProvider.addAddendum(String(session.id), { text: String(values['text'] ?? '') });
      notify('attune.sessions.addendum_added', { type: 'success' });
      setFormKey((k) => k + 1);
      refresh();
      return undefined;
    } catch (error) {
      if (error instanceof HttpError && (error.body as { errors?: unknown })?.errors) return (error.body as { errors: Record<string, unknown> }).errors;
      const message = (error as Error).message;
      notify(message, { type: 'error', messageArgs: { _: message } });
      return undefined;
    }
  };
  return (
    <Form key={formKey} onSubmit={submit} validate={validateAddendum} defaultValues={{ text: '' }} noValidate>
      <TextInput source="text" label="attune.sessions.addendum_text" multiline minRows={3} helperText="attune.sessions.addendum_help" />
      <SaveButton label="attune.sessions.add_addendum" alwaysEnable />
    </Form>
  );
};

/**
 * What was heard in the session goes into the case from here, once: a rating (dated at the session
 * and linked to it) and an exception (starting from the note's "Exceptions heard").
 */
const RecordedInSession = ({ session, caseRecord, nameOf }: { session: SessionDto; caseRecord: CaseDto; nameOf: (id: string) => string }) => {
  const translate = useTranslate();
  const { data: ratings = [] } = useGetList<ScaleScoreDto>('scale-scores', {
    filter: { sessionId: session.id }, sort: { field: 'recordedAt', order: 'ASC' }, pagination: { page: 1, perPage: 20 },
  });
  if (Date.parse(session.startsAt) > Date.now()) return null;
  return (
    <Card component="section" aria-labelledby="session-entries-heading">
      <CardContent>
        <SectionHeading
          id="session-entries-heading"
          actions={
            <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
              <RecordScoreButton record={caseRecord} session={session} />
              <LogExceptionButton record={caseRecord} session={session} />
            </Stack>
          }
        >
          {translate('records.sessions.recorded_here')}
        </SectionHeading>
        {ratings.length === 0 ? (
          <Typography color="text.secondary">{translate('records.sessions.no_ratings_here')}</Typography>
        ) : (
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {ratings.map((r) => (
              <li key={r.id}>
                <Typography variant="body2">
                  {translate('records.sessions.rating_here', { name: nameOf(r.clientId), score: formatNumber(r.score), source: translate(enumKey('score_source', r.source)) })}
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};

const SessionDetails = () => {
  const session = useRecordContext<SessionDto>();
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const { data: identity } = useGetIdentity();
  const { data: caseRecord } = useGetOne('cases', { id: session?.caseId ?? '' }, { enabled: !!session?.caseId });
  const { nameOf } = useCaseClients(caseRecord?.clientIds);
  if (!session) return null;
  const signed = !!session.signedAt;
  const signer = session.signedBy && identity && session.signedBy === identity.id ? identity.fullName : translate('attune.sessions.another_practitioner');
  const noteSections = SESSION_NOTE_SECTIONS.filter((s) => (session.note?.[s.key] ?? '').trim() !== '');
  return (
    <Stack spacing={2}>
      <Card>
        <CardContent>
          <Typography component="h2" variant="h5" sx={{ fontWeight: 600 }}>
            {translate('attune.sessions.title', { date: formatDate(session.startsAt, 'dateTime') })}
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center" sx={{ mt: 1 }}>
            {caseRecord ? <Link to={caseShowPath(session.caseId)}>{caseRecord.title}</Link> : null}
            <EnumChip enumeration="session_format" value={session.format} />
            <Typography variant="body2">
              {translate('attune.sessions.stage_and_duration', {
                stage: `${session.stage} · ${translate(stageTitleKey(session.stage))}`,
                minutes: session.durationMinutes,
              })}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('attune.sessions.attendees', { names: session.attendeeIds.map(nameOf).filter(Boolean).join(', ') })}
            </Typography>
          </Stack>
          <Box sx={{ mt: 2 }}>
            {signed ? (
              <Alert severity="success" icon={<LockIcon />}>
                {translate('attune.sessions.signed_by', { name: signer, date: formatDate(session.signedAt, 'dateTime') })}
              </Alert>
            ) : (
              <Stack direction="row" spacing={1} alignItems="center">
                <SignNoteButton session={session} />
                <EditButton record={session} variant="outlined" />
                <Typography variant="body2" color="text.secondary">
                  {translate('attune.sessions.unsigned_hint')}
                </Typography>
              </Stack>
            )}
          </Box>
        </CardContent>
      </Card>
      <Card component="section" aria-labelledby="note-heading">
        <CardContent>
          <SectionHeading id="note-heading">{translate('attune.sessions.note')}</SectionHeading>
          {noteSections.length === 0 ? (
            <Typography color="text.secondary">{translate('attune.sessions.note_empty')}</Typography>
          ) : (
            <Box component="dl" sx={{ m: 0 }}>
              {noteSections.map((section) => (
                <Box key={section.key} sx={{ mb: 2 }}>
                  <Typography component="dt" variant="subtitle2">
                    {translate(`attune.note_sections.${section.key}.label`)}
                  </Typography>
                  <Typography component="dd" variant="body2" sx={{ ml: 0, whiteSpace: 'pre-wrap' }}>
                    {session.note[section.key]}
                  </Typography>
                </Box>
              ))}
            </Box>
          )}
        </CardContent>
      </Card>
      {caseRecord ? <RecordedInSession session={session} caseRecord={caseRecord as CaseDto} nameOf={nameOf} /> : null}
      {signed ? (
        <Card component="section" aria-labelledby="addenda-heading">
          <CardContent>
            <SectionHeading id="addenda-heading">{translate('attune.sessions.addenda')}</SectionHeading>
            {(session.addenda ?? []).length === 0 ? (
              <Typography color="text.secondary" sx={{ mb: 2 }}>
                {translate('attune.sessions.no_addenda')}
              </Typography>
            ) : (
              <Stack spacing={1.5} divider={<Divider flexItem />} sx={{ mb: 2 }}>
                {session.addenda.map((addendum, index) => (
                  <Box key={addendum.id ?? index}>
                    <Typography variant="caption" color="text.secondary">
                      {addendum.authorName
                        ? translate('records.sessions.addendum_by', { name: addendum.authorName, date: formatDate(addendum.at, 'dateTime') })
                        : formatDate(addendum.at, 'dateTime')}
                    </Typography>
                    <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                      {addendum.text}
                    </Typography>
                  </Box>
                ))}
              </Stack>
            )}
            <AddendumForm session={session} />
          </CardContent>
        </Card>
      ) : null}
    </Stack>
  );
};

const SessionShowActions = () => {
  const session = useRecordContext<SessionDto>();
  const translate = useTranslate();
  const redirect = useRedirect();
  if (!session) return null;
  return (
    <TopToolbar>
      <Button onClick={() => redirect(caseShowPath(session.caseId))}>{translate('attune.sessions.back_to_case')}</Button>
    </TopToolbar>
  );
};

export const SessionShow = () => (
  <Show actions={<SessionShowActions />} component="div">
    <SessionDetails />
  </Show>
);
