import { SaveButton, Toolbar } from 'react-admin';

/**
 * The edit form's toolbar where the domain forbids deleting (react-admin's default toolbar would
 * offer Delete, which the API has no route for): cases are closed, users deactivated, client
 * records discharged.
 */
export const SaveOnlyToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);
