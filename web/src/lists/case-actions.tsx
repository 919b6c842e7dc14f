import { caseReassignmentSchema, type CaseDto, type Role } from '@attune/domain';
import DoNotDisturbOnIcon from '@mui/icons-material/DoNotDisturbOn';
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

/**
 * Closes an open case (cases are closed, never deleted). A minimal action: the confirming dialog
 * and one PUT of the status; reopening and a reason for closing are the case record's own work.
 */
export const CloseCaseButton = ({ record }: { record: CaseDto & { version?: number } }) => {
  const translate = useTranslate();
  const dataProvider = useAttuneDataProvider();
  if (record.status !== 'open') return null;
  return (
    <FormDialog
      buttonLabel="lists.close_case.button"
      title="lists.close_case.title"
      buttonIcon={<DoNotDisturbOnIcon />}
      saveLabel="lists.close_case.button"
      successMessage="lists.close_case.done"
      onSubmit={() => dataProvider.closeCase(String(record.id), record.version)}
    >
      <Typography>{translate('lists.close_case.help')}</Typography>
    </FormDialog>
  );
};
