import { caseStatusChangeInputSchema, type CaseDto } from '@attune/domain';
import LockIcon from '@mui/icons-material/Lock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import { TextInput } from 'react-admin';
import { useAttuneDataProvider } from '../../../data/data-provider';
import { zodFormValidator } from '../../../forms/zod-form-validator';
import { FormDialog } from '../../../shared/form-dialog';

const validateReason = zodFormValidator(caseStatusChangeInputSchema);

/** Closes an open case or reopens a closed one, with the reason kept beside the case (audited). */
export const CaseStatusButton = ({ record }: { record: CaseDto }) => {
  const dataProvider = useAttuneDataProvider();
  const closing = record.status === 'open';
  return (
    <FormDialog
      buttonLabel={closing ? 'records.case_status.close' : 'records.case_status.reopen'}
      title={closing ? 'records.case_status.close_title' : 'records.case_status.reopen_title'}
      buttonIcon={closing ? <LockIcon /> : <LockOpenIcon />}
      buttonProps={{ variant: 'outlined' }}
      saveLabel={closing ? 'records.case_status.close' : 'records.case_status.reopen'}
      successMessage={closing ? 'records.case_status.closed' : 'records.case_status.reopened'}
      defaultValues={{ reason: '' }}
      validate={validateReason}
      onSubmit={(values) => {
        const input = { reason: String(values['reason'] ?? '') };
        return closing ? dataProvider.closeCase(record.id, input) : dataProvider.reopenCase(record.id, input);
      }}
    >
      <TextInput source="reason" label="records.case_status.reason" multiline minRows={3} isRequired helperText="records.case_status.reason_help" />
    </FormDialog>
  );
};
