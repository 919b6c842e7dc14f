import { clientInputSchema, type ClientDto } from '@attune/domain';
import { useMediaQuery, type Theme } from '@mui/material';
import {
  Create,
  DataTable,
  Edit,
  EmailField,
  FunctionField,
  List,
  SelectInput,
  SimpleForm,
  SimpleList,
  TextField,
  useTranslate,
  TopToolbar,
} from 'react-admin';
import { PortalInvitationButton } from '../../notifications/portal-invitation.button';
import { zodFormValidator } from '../../forms/zod-form-validator';
import { enumChoices, enumKey } from '../../shared/choices';
import { EnumChip } from '../../shared/enum-chip';
import { QuickSearchInput } from '../../shared/quick-search.input';
import { DateText } from '../../shared/use-format';
import { useVersionConflict } from '../../shared/version-conflict';
import { ClientInputs } from './clients.inputs';
import { ExportingListActions } from '../../lists/export-csv.button';
import { SaveOnlyToolbar } from '../../lists/save-only.toolbar';
import { RowLink } from '../../lists/row-link';

const validateClient = zodFormValidator(clientInputSchema);

const clientFilters = [
  <QuickSearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('client_status')} />,
];

export const ClientList = () => {
  const translate = useTranslate();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
  <List filters={clientFilters} sort={{ field: 'displayName', order: 'ASC' }} perPage={25} actions={<ExportingListActions />}>
    {phone ? (
      <SimpleList<ClientDto>
        linkType="show"
        primaryText={(record) => record.displayName}
        secondaryText={(record) => record.pronouns ?? ''}
        tertiaryText={(record) => translate(enumKey('client_status', record.status))}
      />
    ) : <DataTable rowClick="show">
      <DataTable.Col source="displayName">
        <RowLink source="displayName" />
      </DataTable.Col>
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
        <DateText source="createdAt" />
      </DataTable.Col>
    </DataTable>}
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
      <SimpleForm validate={validateClient} toolbar={<SaveOnlyToolbar />}>
        {conflict.alert}
        <ClientInputs />
      </SimpleForm>
    </Edit>
  );
};
