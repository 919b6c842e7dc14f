import { caseReassignmentSchema, type CaseDto, type Role } from '@attune/domain';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { Typography } from '@mui/material';
import { AutocompleteInput, ReferenceInput, TextInput, usePermissions, useTranslate } from 'react-admin';
import { useAttuneDataProvider } from '../data/data-provider';
import { zodFormValidator } from '../forms/zod-form-validator';
import { FormDialog } from '../shared/form-dialog';

const validateReassignment = zodFormValidator(caseReassignmentSchema);

/** Admins: hand the case to another active practitioner, with a reason; the clients follow it. */
export const ReassignCaseButton = ({ record }: { record: CaseDto }) => {
  const { permissions } = usePermissions<Role>();
  const translate = useTranslate();
  const dataProvider = useAttuneDataProvider();
  if (permissions !== 'admin') return null;
  return (
    <FormDialog
      buttonLabel="lists.reassign.button"
      title="lists.reassign.title"
      buttonIcon={<SwapHorizIcon />}
      saveLabel="lists.reassign.save"
      successMessage="lists.reassign.done"
      validate={validateReassignment}
      onSubmit={(values) => dataProvider.reassignCase(String(record.id), {
        practitionerId: String(values['practitionerId'] ?? ''),
        reason: String(values['reason'] ?? ''),
      })}
    >
      <Typography sx={{ mb: 2 }}>{translate('lists.reassign.help')}</Typography>
      <ReferenceInput
        source="practitionerId"
        reference="users"
        filter={{ role: 'practitioner', active: true }}
        sort={{ field: 'displayName', order: 'ASC' }}
      >
        <AutocompleteInput
          label="lists.reassign.practitioner"
          optionText="displayName"
          filterToQuery={(q) => ({ q })}
          isRequired
          fullWidth
        />
      </ReferenceInput>
      <TextInput source="reason" label="lists.reassign.reason" helperText="lists.reassign.reason_help" multiline minRows={2} fullWidth isRequired />
    </FormDialog>
  );
};

