import { Grid } from '@mui/material';
import {
  AutocompleteArrayInput,
  DateInput,
  RadioButtonGroupInput,
  ReferenceArrayInput,
  TextInput,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { enumChoices } from '../../shared/choices';

const toIsoDate = (value: string | null) => (value ? value : null);

/** The inputs of a case, shared by create and edit: the stage moves only through transitions. */
export const CaseInputs = () => {
  const kind = useWatch({ name: 'kind' }) as string | undefined;
  return (
    <Grid container columnSpacing={2} sx={{ width: '100%', maxWidth: 760 }}>
      <Grid size={12}>
        <TextInput source="title" isRequired />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <RadioButtonGroupInput source="kind" choices={enumChoices('case_kind')} isRequired />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <DateInput source="openedAt" parse={toIsoDate} />
      </Grid>
      <Grid size={12}>
        <ReferenceArrayInput source="clientIds" reference="clients" sort={{ field: 'displayName', order: 'ASC' }} perPage={50}>
          <AutocompleteArrayInput
            optionText="displayName"
            isRequired
            helperText={kind === 'couple' ? 'attune.cases.clients_help_couple' : 'attune.cases.clients_help_individual'}
            filterToQuery={(q) => ({ q })}
          />
        </ReferenceArrayInput>
      </Grid>
      <Grid size={12}>
        <TextInput source="presentingConcern" multiline minRows={3} helperText="attune.cases.presenting_concern_help" />
      </Grid>
      <Grid size={12}>
        <TextInput source="problemName" helperText="attune.cases.problem_name_help" />
      </Grid>
    </Grid>
  );
};
