import {
  caseExceptionCorrectionSchema,
  correctionInputSchema,
  recordedTimeRefinement,
  scaleScoreCorrectionSchema,
  staffAnnotationInputSchema,
  staffMayRewrite,
  type CaseDto,
  type CaseExceptionDto,
  type ScaleScoreDto,
} from '@attune/domain';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import NoteAltIcon from '@mui/icons-material/NoteAlt';
import { Chip, Stack, Tooltip, Typography } from '@mui/material';
import { BooleanInput, SelectInput, TextInput, useDataProvider, useTranslate } from 'react-admin';
import { useAttuneDataProvider } from '../../../data/data-provider';
import { zodFormValidator } from '../../../forms/zod-form-validator';
import { SCALE_CHOICES } from '../../../shared/choices';
import { FormDialog } from '../../../shared/form-dialog';
import { useFormatDate } from '../../../shared/use-format';
import { CorrectionNotice, CorrectionReasonInput } from './correction-reason.input';
import { ExceptionInputs } from './exception.inputs';

/** An entry of the case that staff may annotate: a rating or an exception, as the API answers it. */
type AnnotatedEntry = Pick<ScaleScoreDto, 'id' | 'staffAnnotation' | 'hidden' | 'hiddenReason' | 'version'> & { source?: 'practitioner' | 'client' };

const validateAnnotation = zodFormValidator(staffAnnotationInputSchema);
const validateScoreEdit = zodFormValidator(scaleScoreCorrectionSchema);
const validateRemoval = zodFormValidator(correctionInputSchema);

/** Who wrote it, the staff note beside it and, when hidden, why: shown with the entry. */
export const EntryNotes = ({ entry }: { entry: AnnotatedEntry }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={0.5} alignItems="flex-start">
      {entry.source === 'client' ? (
        <Tooltip title={translate('attune.client_words.client_entry_help')}>
          <Chip size="small" variant="outlined" label={translate('attune.client_words.client_entry')} />
        </Tooltip>
      ) : null}
      {entry.staffAnnotation ? (
        <Typography variant="caption" sx={{ whiteSpace: 'pre-wrap' }}>
          {translate('attune.client_words.staff_note', { note: entry.staffAnnotation })}
        </Typography>
      ) : null}
      {entry.hidden ? (
        <Chip size="small" color="warning" label={translate('attune.client_words.hidden', { reason: entry.hiddenReason ?? '' })} />
      ) : null}
    </Stack>
  );
};

/** Adds a staff note beside an entry or hides it with a reason; the entry's own words are not in the form. */
const AnnotateButton = ({ resource, entry, label }: { resource: 'scale-scores' | 'exceptions'; entry: AnnotatedEntry; label: string }) => {
  const dataProvider = useAttuneDataProvider();
  return (
    <FormDialog
      buttonLabel="attune.client_words.annotate"
      title="attune.client_words.annotate_title"
      buttonIcon={<NoteAltIcon />}
      buttonProps={{ 'aria-label': label }}
      successMessage="attune.client_words.annotated"
      validate={validateAnnotation}
      defaultValues={{ staffAnnotation: entry.staffAnnotation, hidden: entry.hidden, hiddenReason: entry.hiddenReason, version: entry.version }}
      onSubmit={(values) => {
        const input = { staffAnnotation: values['staffAnnotation'] as string | null, hidden: values['hidden'] === true, hiddenReason: values['hiddenReason'] as string | null, version: Number(values['version']) };
        return resource === 'scale-scores' ? dataProvider.annotateScaleScore(String(entry.id), input) : dataProvider.annotateException(String(entry.id), input);
      }}
    >
      <TextInput source="staffAnnotation" resource={resource} multiline minRows={2} />
      <BooleanInput source="hidden" resource={resource} />
      <TextInput source="hiddenReason" resource={resource} />
    </FormDialog>
  );
};

/**
 * Removes a mistaken entry staff entered, after a dialog naming it that asks why; the API allows it
 * for the person who entered it (and admins), keeps the reason with the case and audits it. A
 * client's own entry never offers it.
 */
const RemoveEntryButton = ({ resource, entry, when }: { resource: 'scale-scores' | 'exceptions'; entry: { id: string }; when: string }) => {
  const translate = useTranslate();
  const dataProvider = useAttuneDataProvider();
  return (
    <FormDialog
      buttonLabel="records.corrections.remove"
      title={resource === 'scale-scores' ? 'records.corrections.remove_rating_title' : 'records.corrections.remove_exception_title'}
      titleArgs={{ date: when }}
      buttonIcon={<DeleteIcon />}
      buttonProps={{ 'aria-label': translate('records.corrections.remove_label', { date: when }), color: 'error' }}
      saveLabel="records.corrections.remove"
      successMessage="records.corrections.removed"
      validate={validateRemoval}
      onSubmit={(values) => dataProvider.removeWithReason(resource, entry.id, { reason: values['reason'] as string })}
    >
      <CorrectionNotice text="records.corrections.remove_content" />
      <CorrectionReasonInput />
    </FormDialog>
  );
};

/** A rating's actions: staff may correct their own entries; a client's self-rating is annotated or hidden only. */
export const ScaleScoreActions = ({ score, record }: { score: ScaleScoreDto; record: CaseDto }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const dataProvider = useDataProvider();
  const when = formatDate(score.recordedAt, 'dateTime');
  return (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
      {staffMayRewrite(score.source) && record.status === 'open' ? (
        <FormDialog
          buttonLabel="attune.client_words.edit"
          title="attune.client_words.edit_score_title"
          buttonIcon={<EditIcon />}
          buttonProps={{ 'aria-label': `${translate('attune.client_words.edit')}: ${when}` }}
          successMessage="attune.client_words.edited"
          validate={validateScoreEdit}
          defaultValues={{ ...score }}
          onSubmit={(values) => dataProvider.update('scale-scores', { id: score.id, data: values, previousData: score })}
        >
          <SelectInput source="score" resource="scale-scores" choices={SCALE_CHOICES} translateChoice={false} isRequired />
          <TextInput source="keepsFromLower" resource="scale-scores" multiline minRows={2} />
          <TextInput source="onePointHigher" resource="scale-scores" multiline minRows={2} />
          <CorrectionReasonInput />
        </FormDialog>
      ) : null}
      <AnnotateButton resource="scale-scores" entry={score} label={`${translate('attune.client_words.annotate')}: ${when}`} />
      {staffMayRewrite(score.source) && record.status === 'open' ? <RemoveEntryButton resource="scale-scores" entry={score} when={when} /> : null}
    </Stack>
  );
};

/** An exception's actions: staff may edit their own entries; a client's logged moment is annotated or hidden only. */
export const ExceptionActions = ({ exception, record }: { exception: CaseExceptionDto & { source: 'practitioner' | 'client' }; record: CaseDto }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const dataProvider = useDataProvider();
  const when = formatDate(exception.occurredAt, 'dateTime');
  return (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
      {staffMayRewrite(exception.source) && record.status === 'open' ? (
        <FormDialog
          buttonLabel="attune.client_words.edit"
          title="attune.client_words.edit_exception_title"
          buttonIcon={<EditIcon />}
          buttonProps={{ 'aria-label': `${translate('attune.client_words.edit')}: ${when}` }}
          successMessage="attune.client_words.edited"
          maxWidth="md"
          validate={zodFormValidator(
            caseExceptionCorrectionSchema.superRefine(recordedTimeRefinement('occurredAt', record.openedAt)),
          )}
          defaultValues={{ ...exception }}
          onSubmit={(values) => dataProvider.update('exceptions', { id: exception.id, data: values, previousData: exception })}
        >
          <ExceptionInputs record={record} />
          <CorrectionReasonInput />
        </FormDialog>
      ) : null}
      <AnnotateButton resource="exceptions" entry={exception} label={`${translate('attune.client_words.annotate')}: ${when}`} />
      {staffMayRewrite(exception.source) && record.status === 'open' ? <RemoveEntryButton resource="exceptions" entry={exception} when={when} /> : null}
    </Stack>
  );
};
