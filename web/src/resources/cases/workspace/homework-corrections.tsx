import { assignmentDueInputSchema, dueTimeRefinement, type AssignmentDto } from '@attune/domain';
import EventIcon from '@mui/icons-material/Event';
import { Stack } from '@mui/material';
import { BooleanInput, DateInput, DeleteWithConfirmButton, useDataProvider, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { zodFormValidator } from '../../../forms/zod-form-validator';
import { FormDialog } from '../../../shared/form-dialog';
import { parseDueDate } from './homework.section';

/** Shown once the due date picked lies in the past: the homework would be overdue from the start. */
export const PastDueConfirmation = () => {
  const dueAt = useWatch({ name: 'dueAt' }) as string | undefined;
  if (!dueAt || Date.parse(dueAt) >= Date.now()) return null;
  return <BooleanInput source="pastDueConfirmed" label="records.corrections.past_due_confirm" helperText="records.corrections.past_due_help" />;
};

/**
 * Corrections of homework the client has not sent yet: a new due date (with the version check of
 * PUT), or withdrawing it after a confirmation. Both are audited by the API; sent homework is part
 * of the record and offers neither.
 */
export const HomeworkCorrections = ({ assignment, title, caseOpenedAt }: { assignment: AssignmentDto & { version?: number }; title: string; caseOpenedAt: string }) => {
  const translate = useTranslate();
  const validateDue = zodFormValidator(assignmentDueInputSchema.superRefine(dueTimeRefinement(caseOpenedAt)));
  const dataProvider = useDataProvider();
  if (assignment.status !== 'assigned' && assignment.status !== 'in_progress') return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mb: 1.5 }}>
      <FormDialog
        buttonLabel="records.corrections.change_due"
        title="records.corrections.change_due_title"
        buttonIcon={<EventIcon />}
        buttonProps={{ 'aria-label': translate('records.corrections.change_due_label', { title }) }}
        successMessage="records.corrections.due_changed"
        validate={validateDue}
        defaultValues={{ dueAt: assignment.dueAt }}
        onSubmit={(values) =>
          dataProvider.update('assignments', {
            id: assignment.id,
            data: { ...assignment, dueAt: values['dueAt'], note: assignment.note ?? '', pastDueConfirmed: values['pastDueConfirmed'] === true },
            previousData: assignment,
          })
        }
      >
        <DateInput source="dueAt" resource="assignments" parse={parseDueDate} isRequired />
        <PastDueConfirmation />
      </FormDialog>
      <DeleteWithConfirmButton
        record={assignment}
        resource="assignments"
        redirect={false}
        mutationMode="pessimistic"
        label="records.corrections.withdraw"
        aria-label={translate('records.corrections.withdraw_label', { title })}
        confirmTitle="records.corrections.withdraw_title"
        confirmContent="records.corrections.withdraw_content"
        successMessage="records.corrections.withdrawn"
      />
    </Stack>
  );
};
