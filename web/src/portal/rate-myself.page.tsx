import { clientScaleScoreInputSchema, SCALE_SCORE_TEXT_MAX_LENGTH, zodIssuesToFields } from '@attune/domain';
import { Alert, Box, Button, Stack } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { CasePicker } from './case-picker';
import { useFieldMessage } from './fields/field-message';
import { QuestionTextField } from './fields/question-text-field';
import { ScaleInput } from './fields/scale-answer';
import { portalApi, portalKeys } from './portal-api';
import { focusFirstControl, PageTitle } from './portal-ui';
import { useEntryForm } from './use-entry-form';
import { useMyCases } from './use-open-cases';

/** "Rate myself": a self-rating on the 1-10 scale with the two follow-up questions, at any time. */
export const RateMyselfPage = () => {
  const translate = useTranslate();
  const say = useFieldMessage();
  const queryClient = useQueryClient();
  const { openCases } = useMyCases();
  const [score, setScore] = useState<number | null>(null);
  const [keepsFromLower, setKeepsFromLower] = useState('');
  const [onePointHigher, setOnePointHigher] = useState('');
  const [caseId, setCaseId] = useState('');
  const { errors, setErrors, message, setMessage, saving, messageRef, send } = useEntryForm();

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
    await send(() => portalApi.addScaleScore(body as Parameters<typeof portalApi.addScaleScore>[0]), () => {
      setScore(null);
      setKeepsFromLower('');
      setOnePointHigher('');
      void queryClient.invalidateQueries({ queryKey: portalKeys.progress });
    }, translate('portal.rating.saved'));
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
