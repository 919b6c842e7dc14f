import { BUILT_IN_MEASURES, builtInMeasure, COMMUNICATION_PROFILE, SAFETY_SCREEN_ITEMS, type CaseDto, type MeasureItem } from '@attune/domain';
import { Box, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { FormDataConsumer, RadioButtonGroupInput, SelectInput, useTranslate } from 'react-admin';
import { newIdempotencyKey } from '../portal/idempotency-key';
import { FormDialog } from '../shared/form-dialog';
import { useCaseClients } from '../shared/use-case-clients';
import { caseMeasuresKey, measuresApi } from './measures-api';
import { useMeasureText } from './use-measure-text';

type Answers = Record<string, number | null>;

/** Every item of the form, answered or left out (null): the server applies the measure's missing-answer rule. */
function answersOf(items: readonly MeasureItem[], given: unknown): Answers {
  const values = (given ?? {}) as Record<string, unknown>;
  return Object.fromEntries(items.map((item) => {
    const v = values[item.key];
    return [item.key, v === undefined || v === null || v === '' ? null : Number(v)];
  }));
}

/** One question as a group of radio buttons, one per option: arrow keys choose, Tab moves on. */
const ItemInput = ({ group, item, n }: { group: 'answers' | 'safety'; item: MeasureItem; n?: number }) => {
  const text = useMeasureText();
  return (
    <RadioButtonGroupInput
      source={`${group}.${item.key}`}
      label={n === undefined ? text(item.text) : `${n}. ${text(item.text)}`}
      choices={item.options.map((o) => ({ id: String(o.value), name: text(o.label) }))}
      translateChoice={false}
      format={(v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '')}
      parse={(v: string) => (v === '' ? null : Number(v))}
      row={false}
      helperText={false}
    />
  );
};

/**
 * Answers a client gave in session, entered by the practitioner: the client (in a couple), the
 * measure, then every item with its options; the server scores them and the case's chart and
 * table show the point as entered in session.
 */
export const EnterAnswersButton = ({ record }: { record: CaseDto }) => {
  const translate = useTranslate();
  const text = useMeasureText();
  const { clients } = useCaseClients(record.clientIds);
  const queryClient = useQueryClient();
  // one key per opened dialog's attempt: a retry after a lost answer does not enter the answers twice
  const idempotencyKey = useRef(newIdempotencyKey());
  if (record.status !== 'open') return null;
  const measures = BUILT_IN_MEASURES.filter((m) => m.audience === 'individual' || record.kind === 'couple');
  return (
    <FormDialog
      buttonLabel="measures.enter"
      title="measures.enter_title"
      saveLabel="measures.enter_submit"
      successMessage="measures.entered"
      buttonProps={{ onClickCapture: () => { idempotencyKey.current = newIdempotencyKey(); } }}
      defaultValues={{ clientId: record.clientIds.length === 1 ? record.clientIds[0] : undefined, measureKey: 'phq-9', answers: {}, safety: {} }}
      onSubmit={async (values) => {
        const def = builtInMeasure(String(values.measureKey));
        if (!def) throw new Error('measures.enter_title');
        await measuresApi.enterAnswers({
          caseId: record.id,
          clientId: typeof values.clientId === 'string' ? values.clientId : '',
          measureKey: def.key,
          answers: answersOf(def.items, values.answers),
          ...(def.key === COMMUNICATION_PROFILE.key ? { safety: answersOf(SAFETY_SCREEN_ITEMS, values.safety) } : {}),
        }, idempotencyKey.current);
        await queryClient.invalidateQueries({ queryKey: caseMeasuresKey(record.id) });
      }}
    >
      {record.clientIds.length > 1 ? (
        <RadioButtonGroupInput source="clientId" label="measures.field_client" choices={clients.map((c) => ({ id: c.id, name: c.displayName }))} translateChoice={false} isRequired />
      ) : null}
      <SelectInput source="measureKey" label="measures.field_measure" choices={measures.map((m) => ({ id: m.key, name: text(m.title) }))} translateChoice={false} isRequired />
      <FormDataConsumer>
        {({ formData }) => {
          const def = builtInMeasure(String(formData.measureKey ?? ''));
          if (!def) return null;
          return (
            <Box key={def.key}>
              {def.key === COMMUNICATION_PROFILE.key ? (
                <Box component="section" aria-label={translate('measures.enter_safety')}>
                  <Typography component="h3" variant="subtitle2" sx={{ mt: 1 }}>{translate('measures.enter_safety')}</Typography>
                  {SAFETY_SCREEN_ITEMS.map((item) => <ItemInput key={item.key} group="safety" item={item} />)}
                </Box>
              ) : null}
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{text(def.instructions)}</Typography>
              {def.items.map((item, i) => <ItemInput key={item.key} group="answers" item={item} n={i + 1} />)}
              <Typography variant="caption" color="text.secondary" component="p" lang="en" data-verbatim>{def.licence.attribution}</Typography>
            </Box>
          );
        }}
      </FormDataConsumer>
    </FormDialog>
  );
};
