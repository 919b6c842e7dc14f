import { clientScaleScoreInputSchema, SCALE_SCORE_TEXT_MAX_LENGTH, zodIssuesToFields } from '@attune/domain';
import { Alert, Box, Button, Stack } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { HttpError, useLogoutIfAccessDenied, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { CasePicker } from './case-picker';
import { useFieldMessage } from './fields/field-message';
import { QuestionTextField } from './fields/question-text-field';
import { ScaleInput } from './fields/scale-answer';
import { portalApi, portalKeys } from './portal-api';
import { focusFirstControl, PageTitle } from './portal-ui';
import { isTransient } from './use-autosave';
import { useMyCases } from './use-open-cases';

/** "Rate myself": a self-rating on the 1-10 scale with the two follow-up questions, at any time. */
export const RateMyselfPage = () => {
  const translate = useTranslate();
  const say = useFieldMessage();
  const queryClient = useQueryClient();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const { openCases } = useMyCases();
  const [score, setScore] = useState<number | null>(null);
  const [keepsFromLower, setKeepsFromLower] = useState('');
  const [onePointHigher, setOnePointHigher] = useState('');
  const [caseId, setCaseId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ severity: 'success' | 'warning' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const save = async () => {
    setMessage(null);
    const body = {
      score: score ?? undefined,
      ...(keepsFromLower.trim() ? { keepsFromLower } : {}),
      ...(onePointHigher.trim() ? { onePointHigher } : {}),
      ...(openCases.length > 1 && caseId ? { caseId } : {}),
    };
    const checked = clientScaleScoreInputSchema.safeParse(body);
    const problems = checked.success ? {} : zodIssuesToFields(checked.error);
    if (openCases.length > 1 && !caseId) problems['caseId'] = 'is required';
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      const first = ['caseId', 'score', 'keepsFromLower', 'onePointHigher'].find((k) => k in problems);
      focusFirstControl(document.getElementById(`rating-${first}`));
      return;
    }
    setSaving(true);
    try {
      await portalApi.addScaleScore(body as Parameters<typeof portalApi.addScaleScore>[0]);
      setErrors({});
      setScore(null);
      setKeepsFromLower('');
      setOnePointHigher('');
      void queryClient.invalidateQueries({ queryKey: portalKeys.progress });
      setMessage({ severity: 'success', text: translate('portal.rating.saved') });
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) await logoutIfAccessDenied(error);
      else if (error instanceof HttpError && error.status === 400) setErrors((error.body as { errors?: Record<string, string> })?.errors ?? {});
      else if (error instanceof HttpError && !isTransient(error)) setMessage({ severity: 'warning', text: error.message });
      else setMessage({ severity: 'error', text: translate('portal.common.load_error') });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box>
      <PageTitle subtitle={translate('portal.rating.intro')}>{translate('portal.rating.title')}</PageTitle>
      {message ? (
        <Alert ref={messageRef} tabIndex={-1} severity={message.severity} sx={{ mb: 2 }}
          action={message.severity === 'success' ? <Button component={RouterLink} to="/progress" color="inherit">{translate('portal.nav.progress')}</Button> : undefined}>
          {message.text}
        </Alert>
      ) : null}
      <Box component="form" noValidate onSubmit={(event) => { event.preventDefault(); void save(); }}>
        <Stack spacing={3}>
          <Box id="rating-caseId"><CasePicker cases={openCases} value={caseId} onChange={setCaseId} error={say(errors['caseId'])} /></Box>
          <Box id="rating-score">
            <ScaleInput idPrefix="rating-scale" label={translate('portal.rating.score')} required value={score} onChange={(v) => { setScore(v); setErrors(({ score: _s, ...rest }) => rest); }} error={say(errors['score'])} />
          </Box>
          <QuestionTextField id="rating-keepsFromLower" label={translate('portal.rating.keeps_from_lower')} value={keepsFromLower}
            onChange={setKeepsFromLower} error={say(errors['keepsFromLower'])} maxLength={SCALE_SCORE_TEXT_MAX_LENGTH} />
          <QuestionTextField id="rating-onePointHigher" label={translate('portal.rating.one_point_higher')} value={onePointHigher}
            onChange={setOnePointHigher} error={say(errors['onePointHigher'])} maxLength={SCALE_SCORE_TEXT_MAX_LENGTH} />
          <Box>
            <Button type="submit" variant="contained" disabled={saving}>{translate('portal.rating.save')}</Button>
          </Box>
        </Stack>
      </Box>
    </Box>
  );
};
