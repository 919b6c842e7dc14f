import { assignmentDueCorrectionSchema, correctionInputSchema, dueTimeRefinement, type AssignmentDto } from '@attune/domain';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import EventIcon from '@mui/icons-material/Event';
import { Stack } from '@mui/material';
import { BooleanInput, DateInput, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { zodFormValidator } from '../../../forms/zod-form-validator';
import { useAttuneDataProvider } from '../../../data/data-provider';
import { FormDialog } from '../../../shared/form-dialog';
import { CorrectionNotice, CorrectionReasonInput } from './correction-reason.input';
import { parseDueDate } from './homework.section';

/** Shown once the due date picked lies in the past: the homework would be overdue from the start. */
export const PastDueConfirmation = () => {
  const dueAt = useWatch({ name: 'dueAt' }) as string | undefined;
  if (!dueAt || Date.parse(dueAt) >= Date.now()) return null;
  return <BooleanInput source="pastDueConfirmed" label="records.corrections.past_due_confirm" helperText="records.corrections.past_due_help" />;
};

const validateWithdrawal = zodFormValidator(correctionInputSchema);

/**
 * Corrections of homework the client has not sent yet: a new due date (with the version check of
 * PUT), or withdrawing it, each with the reason for the change (kept with the case, audited by the
 * API without it); sent homework is part of the record and offers neither.
 */
export const HomeworkCorrections = ({ assignment, title, caseOpenedAt }: { assignment: AssignmentDto & { version?: number }; title: string; caseOpenedAt: string }) => {
  const translate = useTranslate();
  const validateDue = zodFormValidator(assignmentDueCorrectionSchema.superRefine(dueTimeRefinement(caseOpenedAt)));
  const dataProvider = useAttuneDataProvider();
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
            data: { ...assignment, dueAt: values['dueAt'], note: assignment.note ?? '', pastDueConfirmed: values['pastDueConfirmed'] === true, reason: values['reason'] },
            previousData: assignment,
          })
        }
      >
        <DateInput source="dueAt" resource="assignments" parse={parseDueDate} isRequired />
        <PastDueConfirmation />
        <CorrectionReasonInput />
      </FormDialog>
      <FormDialog
        buttonLabel="records.corrections.withdraw"
        title="records.corrections.withdraw_title"
        buttonIcon={<EventBusyIcon />}
        buttonProps={{ 'aria-label': translate('records.corrections.withdraw_label', { title }), color: 'error' }}
        saveLabel="records.corrections.withdraw"
        successMessage="records.corrections.withdrawn"
        validate={validateWithdrawal}
        onSubmit={(values) => dataProvider.removeWithReason('assignments', assignment.id, { reason: values['reason'] as string })}
      >
        <CorrectionNotice text="records.corrections.withdraw_content" />
        <CorrectionReasonInput />
      </FormDialog>
    </Stack>
  );
};
