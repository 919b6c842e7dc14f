import { clientExceptionInputSchema, EXCEPTION_TAG_SUGGESTIONS, EXCEPTION_TEXT_MAX_LENGTH, recordedTimeIssue, zodIssuesToFields } from '@attune/domain';
import { Alert, Box, Button, Stack } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { CasePicker } from './case-picker';
import { useFieldMessage } from './fields/field-message';
import { QuestionTextField } from './fields/question-text-field';
import { TagsInput } from './fields/tags-answer';
import { portalApi, portalKeys } from './portal-api';
import { focusFirstControl, PageTitle } from './portal-ui';
import { useEntryForm } from './use-entry-form';
import { useMyCases } from './use-open-cases';

/** "YYYY-MM-DDTHH:mm" in the device's own time, for a datetime-local input. */
export function localDateTimeValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const TEXTS = ['context', 'behavior', 'thoughts', 'emotions', 'meaning'] as const;
type TextKey = (typeof TEXTS)[number];

const EMPTY: Record<TextKey, string> = { context: '', behavior: '', thoughts: '', emotions: '', meaning: '' };

/** "Log a good moment": an exception of the client's own, available at any time. */
export const LogMomentPage = () => {
  const translate = useTranslate();
  const say = useFieldMessage();
  const queryClient = useQueryClient();
  const { openCases } = useMyCases();
  const [occurredAt, setOccurredAt] = useState(() => localDateTimeValue(new Date()));
  const [texts, setTexts] = useState(EMPTY);
  const [tags, setTags] = useState<string[]>([]);
  const [caseId, setCaseId] = useState('');
  const { errors, setErrors, message, setMessage, saving, messageRef, send } = useEntryForm();

  const labels: Record<TextKey, string> = {
    context: translate('portal.moment.context'),
    behavior: translate('portal.moment.behavior'),
    thoughts: translate('portal.moment.thoughts'),
    emotions: translate('portal.moment.emotions'),
    meaning: translate('portal.moment.meaning'),
  };

  const save = async () => {
    setMessage(null);
    const when = new Date(occurredAt);
    const body = {
      occurredAt: Number.isNaN(when.getTime()) ? '' : when.toISOString(),
      context: texts.context,
      ...Object.fromEntries(TEXTS.filter((k) => k !== 'context' && texts[k].trim() !== '').map((k) => [k, texts[k]])),
      tags,
      ...(openCases.length > 1 && caseId ? { caseId } : {}),
    };
    const checked = clientExceptionInputSchema.safeParse(body);
    const problems = checked.success ? {} : zodIssuesToFields(checked.error);
    if (openCases.length > 1 && !caseId) problems['caseId'] = 'is required';
    // The same rule as the API's: not before the case opened, not in the future.
    const target = openCases.length > 1 ? openCases.find((c) => c.caseId === caseId) : openCases[0];
    const timeIssue = target && body.occurredAt && !problems['occurredAt'] ? recordedTimeIssue(body.occurredAt, target.openedAt) : undefined;
    if (timeIssue) problems['occurredAt'] = timeIssue;
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      const first = ['caseId', 'occurredAt', ...TEXTS, 'tags'].find((k) => Object.keys(problems).some((p) => p === k || p.startsWith(`${k}.`)));
      if (first === 'caseId') document.getElementById('entry-case')?.focus();
      else if (first === 'tags') focusFirstControl(document.getElementById('moment-tags'));
      else if (first) document.getElementById(`moment-${first}`)?.focus();
      return;
    }
    await send(() => portalApi.addException(body), () => {
      setTexts(EMPTY);
      setTags([]);
      setOccurredAt(localDateTimeValue(new Date()));
      void queryClient.invalidateQueries({ queryKey: portalKeys.all });
    }, translate('portal.moment.saved'));
  };

  return (
    <Box>
      <PageTitle subtitle={translate('portal.moment.intro')}>{translate('portal.moment.title')}</PageTitle>
      {message ? <Alert ref={messageRef} tabIndex={-1} severity={message.severity} sx={{ mb: 2 }}>{message.text}</Alert> : null}
      <Box component="form" noValidate onSubmit={(event) => { event.preventDefault(); void save(); }}>
        <Stack spacing={3}>
          <CasePicker cases={openCases} value={caseId} onChange={setCaseId} error={say(errors['caseId'])} />
          <Box sx={{ maxWidth: 320 }}>
            <QuestionTextField
              id="moment-occurredAt"
              type="datetime-local"
              label={translate('portal.moment.occurred_at')}
              required
              value={occurredAt}
              onChange={setOccurredAt}
              error={say(errors['occurredAt'])}
              inputProps={{ max: localDateTimeValue(new Date()) }}
            />
          </Box>
          {TEXTS.map((key) => (
            <QuestionTextField
              key={key}
              id={`moment-${key}`}
              label={labels[key]}
              required={key === 'context'}
              minRows={key === 'context' ? 3 : 2}
              value={texts[key]}
              onChange={(value) => {
                setTexts((current) => ({ ...current, [key]: value }));
                setErrors(({ [key]: _dropped, ...rest }) => rest);
              }}
              error={say(errors[key])}
              maxLength={EXCEPTION_TEXT_MAX_LENGTH}
            />
          ))}
          <Box id="moment-tags">
            <TagsInput
              idPrefix="moment-tags"
              label={translate('portal.moment.tags')}
              value={tags}
              suggestions={EXCEPTION_TAG_SUGGESTIONS}
              onChange={setTags}
              error={say(errors['tags'] ?? Object.entries(errors).find(([k]) => k.startsWith('tags.'))?.[1])}
            />
          </Box>
          <Box>
            <Button type="submit" variant="contained" disabled={saving}>{translate('portal.moment.save')}</Button>
          </Box>
        </Stack>
      </Box>
    </Box>
  );
};
