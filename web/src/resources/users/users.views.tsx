import type { UserDto } from '@attune/domain';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import PasswordIcon from '@mui/icons-material/Password';
import PhonelinkEraseIcon from '@mui/icons-material/PhonelinkErase';
import { Typography, useMediaQuery, type Theme } from '@mui/material';
import {
  BooleanInput,
  Create,
  DataTable,
  Edit,
  FunctionField,
  List,
  maxLength,
  minLength,
  NullableBooleanInput,
  required,
  SelectInput,
  SimpleForm,
  SimpleList,
  TextInput,
  TopToolbar,
  Link,
  useCreatePath,
  useGetIdentity,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { FormDialog } from '../../shared/form-dialog';
import { enumChoices, enumKey } from '../../shared/choices';
import { EnumChip } from '../../shared/enum-chip';
import { QuickSearchInput } from '../../shared/quick-search.input';
import { DateText, useFormatDate } from '../../shared/use-format';
import { usersApi } from './users-api';
import { UserInputs } from './users.inputs';
import { ExportingListActions } from '../../lists/export-csv.button';
import { SaveOnlyToolbar } from '../../lists/save-only.toolbar';
import { InvitationActions } from '../../notifications/invitation.actions';

const userFilters = [
  <QuickSearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={enumChoices('role')} />,
  <NullableBooleanInput key="active" source="active" />,
];

export const UserList = () => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  // on a phone the table's six columns become a list of people, each opening like a row
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
    <List filters={userFilters} sort={{ field: 'displayName', order: 'ASC' }} perPage={25} actions={<ExportingListActions />}>
      {phone ? (
        <SimpleList<UserDto>
          rowClick="edit"
          primaryText={(u) => u.displayName}
          secondaryText={(u) => u.email}
          tertiaryText={(u) => [translate(enumKey('role', u.role)), u.active ? null : translate('resources.users.fields.active') + ': ' + translate('ra.boolean.false'), u.lastLoginAt ? formatDate(u.lastLoginAt, 'dateTime') : null].filter(Boolean).join(' · ')}
          sx={{ '& .MuiListItemText-root': { overflowWrap: 'anywhere' } }}
        />
      ) : <DataTable rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="displayName" />
        <DataTable.Col source="email" />
        <DataTable.Col source="role">
          <FunctionField<UserDto> render={(u) => <EnumChip enumeration="role" value={u.role} />} />
        </DataTable.Col>
        <DataTable.Col source="active">
          {/* In words: react-admin's BooleanField is an icon hidden from screen readers. */}
          <FunctionField<UserDto> render={(u) => translate(u.active ? 'ra.boolean.true' : 'ra.boolean.false')} />
        </DataTable.Col>
        <DataTable.Col source="lastLoginAt">
          <DateText source="lastLoginAt" style="dateTime" />
        </DataTable.Col>
      </DataTable>}
    </List>
  );
};

export const UserCreate = () => (
  <Create redirect="list">
    <SimpleForm defaultValues={{ role: 'practitioner' }}>
      <UserInputs />
      <InvitationHint />
    </SimpleForm>
  </Create>
);

const InvitationHint = () => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  return (
    <>
      <Typography variant="body2" color="text.secondary">{translate('notifications.users.create_help')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {translate('attune.users.client_accounts_help')}{' '}
        <Link to={createPath({ resource: 'clients', type: 'list' })}>{translate('attune.users.open_clients')}</Link>
      </Typography>
    </>
  );
};

const DeactivateHint = () => {
  const translate = useTranslate();
  return <span>{translate('attune.users.active_help')}</span>;
};

const validateReason = [required(), minLength(3), maxLength(500)];

/** Why the admin does it: kept with the action (not clinical, not in the audit trail). */
const ReasonInput = () => (
  <TextInput source="reason" label="attune.users.reason" helperText="attune.users.reason_help" validate={validateReason} multiline minRows={2} fullWidth autoFocus />
);

/**
 * An admin's help for someone who cannot sign in: clear their failed sign-ins, or turn off two-step
 * sign-in after a lost phone; and, for a password that may be known to others, force a new one.
 */
const AccountRecoveryActions = () => {
  const record = useRecordContext<UserDto>();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  if (!record) return null;
  return (
    <TopToolbar>
      <InvitationActions />
      <FormDialog
        buttonLabel="attune.users.unlock"
        title="attune.users.unlock_title"
        buttonIcon={<LockOpenIcon />}
        saveLabel="attune.users.unlock"
        successMessage="attune.users.unlocked"
        onSubmit={(values) => usersApi.unlock(String(record.id), String(values['reason'] ?? ''))}
      >
        <Typography sx={{ mb: 2 }}>{translate('attune.users.unlock_help', { name: record.displayName })}</Typography>
        <ReasonInput />
      </FormDialog>
      {record.totpEnabled ? (
        <FormDialog
          buttonLabel="attune.users.reset_two_step"
          title="attune.users.reset_two_step_title"
          buttonIcon={<PhonelinkEraseIcon />}
          buttonProps={{ color: 'warning' }}
          saveLabel="attune.users.reset_two_step"
          successMessage="attune.users.two_step_reset"
          onSubmit={(values) => usersApi.resetTwoStep(String(record.id), String(values['reason'] ?? ''))}
        >
          <Typography sx={{ mb: 2 }}>{translate('attune.users.reset_two_step_help', { name: record.displayName })}</Typography>
          <ReasonInput />
        </FormDialog>
      ) : null}
      {record.id === identity?.id ? null : record.passwordChangeRequired ? (
        <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>{translate('attune.users.password_change_pending')}</Typography>
      ) : (
        <FormDialog
          buttonLabel="attune.users.force_password_change"
          title="attune.users.force_password_change_title"
          buttonIcon={<PasswordIcon />}
          buttonProps={{ color: 'warning' }}
          saveLabel="attune.users.force_password_change"
          successMessage="attune.users.password_change_forced"
          onSubmit={(values) => usersApi.forcePasswordChange(String(record.id), String(values['reason'] ?? ''))}
        >
          <Typography sx={{ mb: 2 }}>{translate('attune.users.force_password_change_help', { name: record.displayName })}</Typography>
          <ReasonInput />
        </FormDialog>
      )}
    </TopToolbar>
  );
};

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" actions={<AccountRecoveryActions />}>
    <SimpleForm toolbar={<SaveOnlyToolbar />}>
      <UserInputs editing />
      <BooleanInput source="active" helperText={<DeactivateHint />} />
    </SimpleForm>
  </Edit>
);
