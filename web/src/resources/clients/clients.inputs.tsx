import { Grid } from '@mui/material';
import { SelectInput, TextInput } from 'react-admin';
import { enumChoices } from '../../shared/choices';

/** The inputs of a client record, shared by create and edit. */
export const ClientInputs = () => (
  <Grid container columnSpacing={2} sx={{ width: '100%', maxWidth: 720 }}>
    <Grid size={{ xs: 12, sm: 8 }}>
      <TextInput source="displayName" helperText="attune.clients.display_name_help" isRequired />
    </Grid>
    <Grid size={{ xs: 12, sm: 4 }}>
      <TextInput source="pronouns" />
    </Grid>
    <Grid size={{ xs: 12, sm: 6 }}>
      <TextInput source="email" type="email" />
    </Grid>
    <Grid size={{ xs: 12, sm: 6 }}>
      <TextInput source="phone" type="tel" />
    </Grid>
    <Grid size={{ xs: 12, sm: 6 }}>
      <SelectInput source="status" choices={enumChoices('client_status')} isRequired />
    </Grid>
  </Grid>
);
