import { clientInputSchema } from '@attune/domain';
import {
  Create,
  DataTable,
  DateField,
  Edit,
  EmailField,
  FunctionField,
  List,
  SelectInput,
  SimpleForm,
  TextField,
  TopToolbar,
} from 'react-admin';
import { PortalInvitationButton } from '../../notifications/portal-invitation.button';
import { zodFormValidator } from '../../forms/zod-form-validator';
import { enumChoices } from '../../shared/choices';
import { EnumChip } from '../../shared/enum-chip';
import { QuickSearchInput } from '../../shared/quick-search.input';
import { useIntlLocale } from '../../shared/use-format';
import { useVersionConflict } from '../../shared/version-conflict';
import { ClientInputs } from './clients.inputs';

const validateClient = zodFormValidator(clientInputSchema);

const clientFilters = [
  <QuickSearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('client_status')} />,
];

export const ClientList = () => {
  const locale = useIntlLocale();
  return (
  <List filters={clientFilters} sort={{ field: 'displayName', order: 'ASC' }} perPage={25}>
    <DataTable rowClick="edit">
      <DataTable.Col source="displayName" />
      <DataTable.Col source="pronouns" />
      <DataTable.Col source="status">
        <FunctionField render={(record) => <EnumChip enumeration="client_status" value={record.status} />} />
      </DataTable.Col>
      <DataTable.Col source="email">
        <EmailField source="email" />
      </DataTable.Col>
      <DataTable.Col source="phone" disableSort>
        <TextField source="phone" />
      </DataTable.Col>
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" locales={locale} />
      </DataTable.Col>
    </DataTable>
  </List>
  );
};

export const ClientCreate = () => (
  <Create redirect="list">
    <SimpleForm validate={validateClient} defaultValues={{ status: 'active' }}>
      <ClientInputs />
    </SimpleForm>
  </Create>
);

/** Pessimistic, with the version it was read at: a concurrent change answers 409 and the form keeps the input. */
export const ClientEdit = () => {
  const conflict = useVersionConflict();
  return (
    <Edit mutationMode="pessimistic" mutationOptions={{ onError: conflict.onError }} actions={<TopToolbar><PortalInvitationButton /></TopToolbar>}>
      <SimpleForm validate={validateClient}>
        {conflict.alert}
        <ClientInputs />
      </SimpleForm>
    </Edit>
  );
};
