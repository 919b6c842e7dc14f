import { email, required, SelectInput, TextInput } from 'react-admin';
import { enumChoices } from '../../shared/choices';

const validateEmail = [required(), email()];

/** A client's account is opened from their profile (with its record), never as a bare account here. */
const STAFF_ROLE_CHOICES = enumChoices('role').filter((choice) => choice.id !== 'client');

/** Invite (create) and edit share these: who the person is and what role they have. */
export const UserInputs = ({ editing = false }: { editing?: boolean }) => (
  <>
    <TextInput source="email" type="email" validate={validateEmail} readOnly={editing} helperText={editing ? false : 'attune.users.email_help'} />
    <TextInput source="displayName" validate={required()} />
    <SelectInput source="role" choices={editing ? enumChoices('role') : STAFF_ROLE_CHOICES} validate={required()} />
  </>
);
