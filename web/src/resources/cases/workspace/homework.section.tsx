import {
  assignmentInputSchema,
  cadenceDueAt,
  dueTimeRefinement,
  exerciseCadenceSchema,
  reviewInputSchema,
  type AssignmentDto,
  type CaseDto,
  type ExerciseDto,
} from '@attune/domain';
import AssignmentAddIcon from '@mui/icons-material/AssignmentAdd';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Alert,
  Box,
  Chip,
  Skeleton,
  Stack,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import {
  AutocompleteInput,
  DateInput,
  Form,
  HttpError,
  NumberInput,
  RadioButtonGroupInput,
  ReferenceInput,
  SaveButton,
  SelectInput,
  TextInput,
  useDataProvider,
  useGetOne,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { useAttuneDataProvider } from '../../../data/data-provider';
import { zodFormValidator } from '../../../forms/zod-form-validator';
import { AnswersView } from '../../../shared/answers.view';
import { useCadenceText } from '../../../shared/cadence-text';
import { enumChoices } from '../../../shared/choices';
import { cadenceOfForm } from '../../exercises/exercise-input.shape';
import { EnumChip } from '../../../shared/enum-chip';
import { useExerciseTitle, useExerciseWords } from '../../../shared/exercise-title';
import { FormDialog } from '../../../shared/form-dialog';
import { SectionHeading } from '../../../shared/section-heading';
import { useCaseClients } from '../../../shared/use-case-clients';
import { useFormatDate } from '../../../shared/use-format';
import { CheckInNotes } from './check-in-notes';
import { HomeworkCorrections, PastDueConfirmation } from './homework-corrections';
import { useCaseHomework } from './use-case-homework';
import { useErrorText } from '../../../shared/use-error-text';

const validateReview = zodFormValidator(reviewInputSchema);

/** A due date picked as a day means the end of that day, in the practitioner's time zone. */
export const parseDueDate = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const [y, m, d] = value.split('-').map(Number);
  if (!y || !m || !d) return value;
  return new Date(y, m - 1, d, 23, 59, 0).toISOString();
};

function inDays(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return parseDueDate(`${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`)!;
}

/** The radio's choice that gives the homework to both partners of a couple case at once. */
const BOTH_PARTNERS = 'both';

/**
 * The form's values as the API takes them: "both partners" is the first partner with `bothPartners`;
 * the cadence with its kind's count only, and a due date only for homework done once (a daily or
 * weekly one falls due on its last check-in's day).
 */
function assignmentBody(values: Record<string, unknown>, record: CaseDto): Record<string, unknown> {
  const body: Record<string, unknown> = values['clientId'] === BOTH_PARTNERS ? { ...values, clientId: record.clientIds[0], bothPartners: true } : { ...values };
  if (values['cadence'] === undefined) return body;
  const cadence = cadenceOfForm(values['cadence']);
  body['cadence'] = cadence;
  if (cadence['kind'] === 'daily' || cadence['kind'] === 'weekly') {
    delete body['dueAt'];
    delete body['pastDueConfirmed'];
  }
  return body;
}

/** Homework done once needs its due date; the API asks the same of the exercise's own cadence. */
function dueAtOfOnce(value: Record<string, unknown>, ctx: { addIssue: (issue: { code: 'custom'; path: string[]; message: string }) => void }): void {
  const kind = (value['cadence'] as { kind?: unknown } | undefined)?.kind ?? 'once';
  if (kind === 'once' && (typeof value['dueAt'] !== 'string' || value['dueAt'] === '')) ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'is required' });
}

/**
 * How often the homework is done, the chosen exercise's cadence until the practitioner changes it,
 * and its due date: picked for homework done once, the last check-in's day for daily or weekly.
 */
const AssignmentCadenceInputs = () => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const { setValue } = useFormContext();
  const exerciseId = useWatch({ name: 'exerciseId' }) as string | undefined;
  const cadence = useWatch({ name: 'cadence' }) as Record<string, unknown> | undefined;
  const { data: exercise } = useGetOne<ExerciseDto>('exercises', { id: exerciseId ?? '' }, { enabled: !!exerciseId });
  useEffect(() => {
    if (exercise) setValue('cadence', { ...exercise.cadence }, { shouldDirty: true });
  }, [exercise, setValue]);
  const kind = cadence?.['kind'];
  const chosen = exerciseCadenceSchema.safeParse(cadenceOfForm(cadence));
  const due = chosen.success ? cadenceDueAt(chosen.data, new Date()) : null;
  return (
    <>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ sm: 2 }}>
        <SelectInput source="cadence.kind" label="resources.assignments.fields.cadence.kind" choices={enumChoices('cadence_kind')} isRequired />
        {kind === 'daily' ? <NumberInput source="cadence.days" label="resources.assignments.fields.cadence.days" min={1} max={60} isRequired /> : null}
        {kind === 'weekly' ? <NumberInput source="cadence.weeks" label="resources.assignments.fields.cadence.weeks" min={1} max={26} isRequired /> : null}
      </Stack>
      {kind === 'daily' || kind === 'weekly' ? (
        <Typography variant="body2" sx={{ mb: 2 }} role="status">
          {due ? translate('attune.homework.due_last_check_in', { date: formatDate(due) }) : translate('attune.homework.due_follows_cadence')}
        </Typography>
      ) : (
        <>
          <DateInput source="dueAt" resource="assignments" parse={parseDueDate} isRequired />
          <PastDueConfirmation />
        </>
      )}
    </>
  );
};

const AssignExerciseButton = ({ record }: { record: CaseDto }) => {
  const dataProvider = useDataProvider();
  const exerciseTitle = useExerciseTitle();
  const translate = useTranslate();
  const { clients } = useCaseClients(record.clientIds);
  const validateAssignment = useMemo(
    () => zodFormValidator(
      assignmentInputSchema.superRefine(dueTimeRefinement(record.openedAt)).superRefine(dueAtOfOnce),
      (values: Record<string, unknown>) => assignmentBody(values, record),
    ),
    [record],
  );
  const choices = clients.map((c) => ({ id: c.id, name: c.displayName }));
  if (record.kind === 'couple' && clients.length === 2) choices.push({ id: BOTH_PARTNERS, name: translate('records.homework.both_partners') });
  if (record.status === 'closed') return null;
  return (
    <FormDialog
      buttonLabel="attune.homework.assign"
      title="attune.homework.assign"
      buttonIcon={<AssignmentAddIcon />}
      successMessage="attune.homework.assigned"
      validate={validateAssignment}
      defaultValues={{
        caseId: record.id,
        clientId: record.clientIds.length === 1 ? record.clientIds[0] : undefined,
        dueAt: inDays(7),
        note: '',
      }}
      onSubmit={(values) => dataProvider.create('assignments', { data: assignmentBody(values, record) })}
    >
      <RadioButtonGroupInput
        source="clientId"
        resource="assignments"
        choices={choices}
        translateChoice={false}
        isRequired
      />
      <ReferenceInput
        source="exerciseId"
        reference="exercises"
        sort={{ field: 'stage', order: 'ASC' }}
        perPage={100}
        filter={record.kind === 'couple' ? {} : { audience: 'individual' }}
      >
        <AutocompleteInput
          label="resources.assignments.fields.exerciseId"
          optionText={(exercise: ExerciseDto) => `${exercise.stage} · ${exerciseTitle(exercise)}`}
          groupBy={(exercise: ExerciseDto) => translate('attune.exercises_library.stage_group', { stage: exercise.stage })}
          isRequired
          filterToQuery={(q) => ({ q })}
        />
      </ReferenceInput>
      <AssignmentCadenceInputs />
      <TextInput source="note" resource="assignments" multiline minRows={2} helperText="attune.homework.note_help" />
    </FormDialog>
  );
};

const ReviewForm = ({ assignment }: { assignment: AssignmentDto }) => {
  const dataProvider = useAttuneDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const submit = async (values: Record<string, unknown>) => {
    try {
      await dataProvider.reviewAssignment(assignment.id, { feedback: String(values['feedback'] ?? '') });
      notify('attune.homework.reviewed', { type: 'success' });
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
    <Form onSubmit={submit} validate={validateReview} defaultValues={{ feedback: '' }} noValidate>
      <TextInput source="feedback" label="attune.homework.feedback" multiline minRows={3} helperText="attune.homework.feedback_help" />
      <SaveButton label="attune.homework.send_review" alwaysEnable />
    </Form>
  );
};

const AssignmentItem = ({
  assignment,
  exercise,
  clientName,
  expanded,
  onToggle,
  caseOpenedAt,
}: {
  assignment: AssignmentDto;
  exercise: ExerciseDto | undefined;
  clientName: string;
  expanded: boolean;
  onToggle: () => void;
  caseOpenedAt: string;
}) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const exerciseTitle = useExerciseTitle();
  const exerciseWords = useExerciseWords();
  const cadenceText = useCadenceText();
  const answered = assignment.status === 'submitted' || assignment.status === 'reviewed';
  const headerId = `assignment-${assignment.id}`;
  return (
    <Accordion expanded={expanded} onChange={onToggle} disableGutters variant="outlined">
      <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`${headerId}-content`} id={headerId}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} alignItems={{ sm: 'center' }} sx={{ width: '100%' }} useFlexGap flexWrap="wrap">
          <Typography component="h4" variant="subtitle1" sx={{ fontWeight: 600, flex: 1 }}>
            {exerciseTitle(exercise) || translate('attune.homework.unknown_exercise')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {clientName}
          </Typography>
          <EnumChip enumeration="assignment_status" value={assignment.status} />
          <Chip size="small" variant="outlined" label={cadenceText(assignment.cadence)} />
          {assignment.overdue ? <Chip size="small" color="error" label={translate('attune.homework.overdue')} /> : null}
          <Typography variant="body2" color={assignment.overdue ? 'error.main' : 'text.secondary'}>
            {translate('attune.homework.due', { date: formatDate(assignment.dueAt) })}
          </Typography>
        </Stack>
      </AccordionSummary>
      <AccordionDetails id={`${headerId}-content`}>
        {assignment.note ? (
          <Typography variant="body2" sx={{ mb: 1.5 }}>
            {translate('attune.homework.your_note', { note: assignment.note })}
          </Typography>
        ) : null}
        <CheckInNotes assignment={assignment} />
        <HomeworkCorrections
          assignment={assignment}
          title={exerciseTitle(exercise) || translate('attune.homework.unknown_exercise')}
          caseOpenedAt={caseOpenedAt}
        />
        {answered ? (
          <>
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
              {translate('attune.homework.submitted_at', { date: formatDate(assignment.submittedAt, 'dateTime') })}
            </Typography>
            <AnswersView fields={exercise ? exerciseWords(exercise).fields : []} response={assignment.response} />
            {assignment.status === 'reviewed' ? (
              <Alert severity="success" sx={{ mt: 1 }}>
                <Typography variant="subtitle2">{translate('attune.homework.feedback')}</Typography>
                <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                  {assignment.feedback}
                </Typography>
              </Alert>
            ) : (
              <Box sx={{ mt: 2 }}>
                <ReviewForm assignment={assignment} />
              </Box>
            )}
          </>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {translate(assignment.status === 'in_progress' ? 'attune.homework.draft_saved' : 'attune.homework.not_started')}
          </Typography>
        )}
      </AccordionDetails>
    </Accordion>
  );
};

/** The case's homework: what was given, to whom, when it is due, and the answers waiting for review. */
export const HomeworkSection = ({ record }: { record: CaseDto }) => {
  const translate = useTranslate();
  const errorText = useErrorText();
  const { assignments, exerciseOf, isPending, error } = useCaseHomework(record.id);
  const { nameOf } = useCaseClients(record.clientIds);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const waiting = assignments.filter((a) => a.status === 'submitted');
  const isExpanded = (a: AssignmentDto) => expanded.has(a.id) || (a.status === 'submitted' && !expanded.has(`closed:${a.id}`));
  const toggle = (a: AssignmentDto) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (isExpanded(a)) {
        next.delete(a.id);
        next.add(`closed:${a.id}`);
      } else {
        next.add(a.id);
        next.delete(`closed:${a.id}`);
      }
      return next;
    });
  return (
    <Box component="section" aria-labelledby="homework-heading">
      <SectionHeading id="homework-heading" actions={<AssignExerciseButton record={record} />}>
        {translate('attune.homework.heading')}
      </SectionHeading>
      {error ? <Alert severity="error">{errorText(error)}</Alert> : null}
      {waiting.length > 0 ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('attune.homework.waiting_for_review', { smart_count: waiting.length })}
        </Alert>
      ) : null}
      {isPending ? (
        <Skeleton height={120} />
      ) : assignments.length === 0 ? (
        <Typography color="text.secondary">{translate('attune.homework.none')}</Typography>
      ) : (
        <Stack spacing={1}>
          {assignments.map((assignment) => (
            <AssignmentItem
              key={assignment.id}
              assignment={assignment}
              exercise={exerciseOf(assignment)}
              clientName={nameOf(assignment.clientId)}
              expanded={isExpanded(assignment)}
              onToggle={() => toggle(assignment)}
              caseOpenedAt={record.openedAt}
            />
          ))}
        </Stack>
      )}
    </Box>
  );
};
