import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, Checkbox, Chip, FormControlLabel, FormHelperText, Paper, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { HttpError, useGetIdentity, useLogoutIfAccessDenied, useTranslate } from 'react-admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { AnswersView } from '../shared/answers.view';
import { useExerciseTitle, useExerciseWords } from '../shared/exercise-title';
import { useFormatDate } from '../shared/use-format';
import { CheckInsSection } from './check-ins.section';
import { browserStorage, clearLocalDraft, readLocalDraft, shouldRestoreLocal } from './draft-storage';
import { answerBlockId, ExerciseForm } from './fields/exercise-form';
import { withChangedAssignment } from './homework-groups';
import { newIdempotencyKey } from './idempotency-key';
import { portalApi, portalKeys } from './portal-api';
import type { PortalAssignmentSummary } from './portal-types';
import { focusFirstControl, LoadError, LoadingBlock, PageTitle, SectionTitle, useCadenceText } from './portal-ui';
import {
  checkBeforeSubmit,
  firstFieldWithError,
  initialValues,
  responseErrors,
  submitPayload,
  type FormValues,
} from './response-values';
import { isTransient, useAutosave, type AutosaveState } from './use-autosave';

const AutosaveStatus = ({ state, savedAt }: { state: AutosaveState; savedAt: Date | null }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const time = savedAt ? formatDate(savedAt, 'time') : null;
  const text = state === 'saved' && time ? translate('portal.autosave.saved_at', { time }) : translate(`portal.autosave.${state}`);
  const tone = state === 'offline' || state === 'invalid' || state === 'signed_out' || state === 'conflict' || state === 'case_closed' ? 'warning.dark' : 'text.secondary';
  return (
    <Box
      role="status"
      aria-live="polite"
      sx={{
        position: 'sticky',
        bottom: 0,
        zIndex: 2,
        mx: -2,
        px: 2,
        py: 1,
        bgcolor: 'background.default',
        borderTop: 1,
        borderColor: 'divider',
        color: tone,
        fontSize: '0.875rem',
      }}
    >
      {text}
    </Box>
  );
};

/** One piece of homework: what to do, the practitioner's note, the answers (editable until sent), feedback, check-ins. */
export const ExercisePage = () => {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const cadenceText = useCadenceText();
  const exerciseTitle = useExerciseTitle();
  const queryClient = useQueryClient();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const { identity, isPending: identityPending } = useGetIdentity();
  const userId = identity?.id === undefined ? undefined : String(identity.id);
  const query = useQuery({ queryKey: portalKeys.assignment(id), queryFn: () => portalApi.getAssignment(id), retry: (count, error) => isTransient(error) && count < 2 });
  const detail = query.data;
  // the exercise speaks of the problem by the case's name for it, in the client's own words
  const exerciseWords = useExerciseWords(detail?.problemName);

  const [values, setValues] = useState<FormValues | null>(null);
  const [shared, setShared] = useState(false);
  const [changeCount, setChangeCount] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formMessage, setFormMessage] = useState<{ severity: 'warning' | 'error' | 'info'; text: string } | null>(null);
  const [restored, setRestored] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [justSent, setJustSent] = useState(false);
  const initialisedFor = useRef<string | null>(null);
  const attempt = useRef<{ signature: string; key: string } | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const sentRef = useRef<HTMLDivElement>(null);

  const editable = detail !== undefined && (detail.status === 'assigned' || detail.status === 'in_progress');

  // The answers start from the device copy when it holds unsaved changes, otherwise from the server.
  useEffect(() => {
    if (!detail || identityPending || initialisedFor.current === detail.id) return;
    initialisedFor.current = detail.id;
    const storage = browserStorage();
    const local = userId ? readLocalDraft(storage, detail.id, userId) : null;
    if (editable && shouldRestoreLocal(local, detail)) {
      setValues({ ...initialValues(detail.exercise.fields, null), ...local!.values });
      setShared(local!.sharedWithPartner ?? detail.sharedWithPartner);
      setRestored(true);
      setChangeCount(1); // the restored answers go to the server at once
    } else {
      if (local && userId) clearLocalDraft(storage, detail.id, userId);
      setValues(initialValues(detail.exercise.fields, detail.draft ?? detail.response));
      setShared(detail.sharedWithPartner);
    }
  }, [detail, identityPending, userId, editable]);

  const autosave = useAutosave({
    assignmentId: id,
    userId,
    fields: detail?.exercise.fields ?? [],
    values: values ?? {},
    sharedWithPartner: detail?.coupleCase ? shared : undefined,
    changeCount,
    enabled: editable && values !== null && !submitting,
    onSaved: (saved) => {
      queryClient.setQueryData(portalKeys.assignment(id), saved);
      queryClient.setQueryData(portalKeys.assignments, (list: PortalAssignmentSummary[] | undefined) => withChangedAssignment(list, saved));
    },
    onInvalid: (fieldErrors) => setErrors((current) => ({ ...fieldErrors, ...current })),
  });

  useEffect(() => {
    if (formMessage) messageRef.current?.focus();
  }, [formMessage]);
  useEffect(() => {
    if (justSent) sentRef.current?.focus();
  }, [justSent]);

  if (query.isPending) return <LoadingBlock />;
  if (query.isError || !detail) return (
    <Box>
      <BackLink />
      <LoadError error={query.error} onRetry={() => void query.refetch()} />
    </Box>
  );

  const fields = detail.exercise.fields;
  const words = exerciseWords(detail.exercise);

  const change = (name: string, value: unknown) => {
    setValues((current) => ({ ...(current ?? {}), [name]: value }));
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([path]) => path !== name && !path.startsWith(`${name}.`))));
    setChangeCount((n) => n + 1);
  };

  const showErrors = (fieldErrors: Record<string, string>) => {
    setErrors(fieldErrors);
    setFormMessage({ severity: 'warning', text: translate('portal.exercise.fix_errors') });
    const first = firstFieldWithError(fields, fieldErrors);
    if (first) setTimeout(() => focusFirstControl(document.getElementById(answerBlockId(first))), 50);
  };

  const submit = async () => {
    if (!values || submitting) return;
    setFormMessage(null);
    const response = submitPayload(fields, values);
    const problems = checkBeforeSubmit(fields, response);
    if (Object.keys(problems).length > 0) {
      showErrors(problems);
      return;
    }
    const body = { response, ...(detail.coupleCase ? { sharedWithPartner: shared } : {}) };
    const signature = JSON.stringify(body);
    // One key per attempt: a retry of the same answers reuses it, so the API sends back the first result.
    if (!attempt.current || attempt.current.signature !== signature) attempt.current = { signature, key: newIdempotencyKey() };
    autosave.stop();
    setSubmitting(true);
    try {
      const sent = await portalApi.submit(detail.id, body, attempt.current.key);
      attempt.current = null;
      if (userId) clearLocalDraft(browserStorage(), detail.id, userId);
      setErrors({});
      queryClient.setQueryData(portalKeys.assignment(id), sent);
      // "My homework" shows it as sent at once, then fetches the list again
      queryClient.setQueryData(portalKeys.assignments, (list: PortalAssignmentSummary[] | undefined) => withChangedAssignment(list, sent));
      void queryClient.invalidateQueries({ queryKey: portalKeys.assignments });
      void queryClient.invalidateQueries({ queryKey: portalKeys.progress });
      setJustSent(true);
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        await logoutIfAccessDenied(error);
      } else if (error instanceof HttpError && error.status === 400) {
        showErrors(responseErrors((error.body as { errors?: Record<string, string> } | undefined)?.errors));
      } else if (error instanceof HttpError && error.status === 409 && (error.body as { code?: string } | undefined)?.code === 'CASE_CLOSED') {
        setFormMessage({ severity: 'warning', text: translate('api_errors.CASE_CLOSED') });
      } else if (error instanceof HttpError && error.status === 409) {
        setFormMessage({ severity: 'info', text: translate('portal.exercise.already_sent') });
        void query.refetch();
      } else if (isTransient(error)) {
        setFormMessage({ severity: 'error', text: translate('portal.exercise.send_failed_offline') });
      } else {
        attempt.current = null;
        setFormMessage({ severity: 'error', text: translate('portal.exercise.send_failed') });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const subtitle = [
    translate('portal.exercise.stage', { stage: detail.exercise.stage }),
    cadenceText(detail.exercise.cadence),
    detail.status === 'assigned' || detail.status === 'in_progress'
      ? translate(detail.overdue ? 'portal.homework.was_due_on' : 'portal.homework.due_on', { date: formatDate(detail.dueAt) })
      : null,
  ].filter(Boolean).join(' · ');

  return (
    <Box>
      <BackLink />
      <PageTitle subtitle={subtitle}>{exerciseTitle(detail.exercise)}</PageTitle>
      <Chip label={translate(`portal.status.${detail.status}`)} size="small" variant="outlined" sx={{ mb: 2 }} />

      {restored && editable ? <Alert severity="info" sx={{ mb: 2 }} onClose={() => setRestored(false)}>{translate('portal.exercise.restored')}</Alert> : null}

      {detail.status === 'reviewed' && detail.feedback ? (
        <Paper component="section" aria-labelledby="feedback-title" variant="outlined" sx={{ p: 2, mb: 2, borderColor: 'primary.main', bgcolor: '#eef5f4' }}>
          <Typography id="feedback-title" component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>{translate('portal.exercise.feedback')}</Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>{detail.feedback}</Typography>
        </Paper>
      ) : null}

      <Box component="section" aria-labelledby="instructions-title">
        <SectionTitle id="instructions-title">{translate('portal.exercise.instructions')}</SectionTitle>
        {words.summary ? <Typography lang={words.summary.lang} sx={{ fontWeight: 500, mb: 1 }}>{words.summary.text}</Typography> : null}
        <Typography lang={words.instructions.lang} sx={{ whiteSpace: 'pre-wrap', lineHeight: 1.7 }}>{words.instructions.text}</Typography>
      </Box>

      {detail.note ? (
        <Paper component="section" aria-labelledby="note-title" variant="outlined" sx={{ p: 2, mt: 2, bgcolor: '#fbf7ee' }}>
          <Typography id="note-title" component="h2" variant="subtitle1" sx={{ fontWeight: 600, mb: 0.5 }}>{translate('portal.exercise.practitioner_note')}</Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>{detail.note}</Typography>
        </Paper>
      ) : null}

      {detail.checkIns ? <CheckInsSection detail={detail} /> : null}

      {editable && values ? (
        <Box
          component="section"
          aria-labelledby="answers-title"
          // The autosave line sticks to the bottom of the screen: a control the keyboard focus moves
          // to (or a box being typed in) is scrolled clear of it, never left hidden behind it.
          sx={{ '& :is(button, input, textarea, [tabindex="0"])': { scrollMarginBottom: '6rem' } }}
        >
          <SectionTitle id="answers-title">{translate('portal.exercise.your_answers')}</SectionTitle>
          {fields.some((f) => f.required) ? (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{translate('portal.exercise.required_hint')}</Typography>
          ) : null}
          {formMessage ? (
            <Alert ref={messageRef} tabIndex={-1} severity={formMessage.severity} sx={{ mb: 2 }} role="alert">{formMessage.text}</Alert>
          ) : null}
          <Box component="form" noValidate onSubmit={(event) => { event.preventDefault(); void submit(); }}>
            <ExerciseForm fields={words.fields} values={values} errors={errors} onChange={change} picks={detail.picks} />
            {detail.coupleCase ? (
              <Box sx={{ mt: 3 }}>
                <FormControlLabel
                  control={<Checkbox checked={shared} onChange={(event) => { setShared(event.target.checked); setChangeCount((n) => n + 1); }} slotProps={{ input: { 'aria-describedby': 'share-help' } }} />}
                  label={translate('portal.exercise.share')}
                />
                <FormHelperText id="share-help" sx={{ mx: 0 }}>{translate('portal.exercise.share_help')}</FormHelperText>
              </Box>
            ) : null}
            {errors['_root'] ? <Alert severity="warning" sx={{ mt: 2 }}>{errors['_root']}</Alert> : null}
            <Typography variant="body2" color="text.secondary" sx={{ mt: 3 }}>{translate('portal.exercise.submit_hint')}</Typography>
            <Stack direction="row" spacing={1.5} useFlexGap flexWrap="wrap" sx={{ mt: 1.5, mb: 2 }}>
              <Button type="submit" variant="contained" disabled={submitting}>
                {submitting ? translate('portal.exercise.submitting') : translate('portal.exercise.submit')}
              </Button>
              <Button type="button" variant="outlined" onClick={() => void autosave.flush()} disabled={submitting}>
                {translate('portal.exercise.save_draft')}
              </Button>
            </Stack>
          </Box>
          <AutosaveStatus state={autosave.state} savedAt={autosave.savedAt} />
        </Box>
      ) : null}

      {!editable ? (
        <Box component="section" aria-labelledby="sent-title">
          {justSent ? (
            <Alert ref={sentRef} tabIndex={-1} severity="success" sx={{ mt: 2 }}>{translate('portal.exercise.submitted')}</Alert>
          ) : null}
          {formMessage && !justSent ? <Alert severity={formMessage.severity} sx={{ mt: 2 }}>{formMessage.text}</Alert> : null}
          <SectionTitle id="sent-title">{translate('portal.exercise.sent_answers')}</SectionTitle>
          {detail.status === 'submitted' && detail.submittedAt ? (
            <Typography color="text.secondary" sx={{ mb: 2 }}>{translate('portal.exercise.waiting', { date: formatDate(detail.submittedAt) })}</Typography>
          ) : null}
          <AnswersView fields={words.fields} response={detail.response} />
          {detail.coupleCase ? (
            <Typography variant="body2" color="text.secondary">
              {translate(detail.sharedWithPartner ? 'portal.exercise.shared_note' : 'portal.exercise.private_note')}
            </Typography>
          ) : null}
        </Box>
      ) : null}
    </Box>
  );
};

const BackLink = () => {
  const translate = useTranslate();
  return (
    <Button component={RouterLink} to="/" startIcon={<ArrowBackIcon />} sx={{ mb: 1, ml: -1 }}>
      {translate('portal.common.back_to_homework')}
    </Button>
  );
};
