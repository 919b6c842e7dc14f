import type { UserDto } from '@attune/domain';
import {
  BooleanInput,
  Create,
  DataTable,
  DateField,
  Edit,
  FunctionField,
  List,
  NullableBooleanInput,
  SelectInput,
  SimpleForm,
  useTranslate,
} from 'react-admin';
import { enumChoices } from '../../shared/choices';
import { EnumChip } from '../../shared/enum-chip';
import { QuickSearchInput } from '../../shared/quick-search.input';
import { useIntlLocale } from '../../shared/use-format';
import { UserInputs } from './users.inputs';

const userFilters = [
  <QuickSearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={enumChoices('role')} />,
  <NullableBooleanInput key="active" source="active" />,
];

export const UserList = () => {
  const locale = useIntlLocale();
  const translate = useTranslate();
  return (
    <List filters={userFilters} sort={{ field: 'displayName', order: 'ASC' }} perPage={25}>
      <DataTable rowClick="edit" bulkActionButtons={false}>
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
          <DateField source="lastLoginAt" showTime locales={locale} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};

export const UserCreate = () => (
  <Create redirect="list">
    <SimpleForm defaultValues={{ role: 'practitioner' }}>
      <UserInputs />
    </SimpleForm>
  </Create>
);

const DeactivateHint = () => {
  const translate = useTranslate();
  return <span>{translate('attune.users.active_help')}</span>;
};

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <UserInputs editing />
      <BooleanInput source="active" helperText={<DeactivateHint />} />
    </SimpleForm>
  </Edit>
);
