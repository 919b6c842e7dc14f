import { EXCEPTION_TAG_SUGGESTIONS, type CaseDto } from '@attune/domain';
import { Grid } from '@mui/material';
import { AutocompleteArrayInput, BooleanInput, DateTimeInput, RadioButtonGroupInput, TextInput } from 'react-admin';
import { useCaseClients } from '../../../shared/use-case-clients';
import { tagKey } from '../../../shared/use-tag-text';
import { parseLocalDateTime } from '../../sessions/sessions.inputs';

/** The suggestions keep their stored (English) value and show in the user's language; a new tag shows as typed. */
const TAG_CHOICES = EXCEPTION_TAG_SUGGESTIONS.map((tag) => ({ id: tag, name: tagKey(tag) }));

/** The inputs of an exception, shared by logging one and editing one staff logged. */
export const ExceptionInputs = ({ record }: { record: CaseDto }) => {
  const { clients } = useCaseClients(record.clientIds);
  return (
    <>
      <Grid container columnSpacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <RadioButtonGroupInput
            source="clientId"
            resource="exceptions"
            choices={clients.map((c) => ({ id: c.id, name: c.displayName }))}
            translateChoice={false}
            isRequired
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <DateTimeInput source="occurredAt" resource="exceptions" parse={parseLocalDateTime} isRequired />
        </Grid>
      </Grid>
      <TextInput source="context" resource="exceptions" multiline minRows={2} isRequired helperText="attune.exceptions.context_help" />
      <TextInput source="behavior" resource="exceptions" multiline minRows={2} />
      <Grid container columnSpacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput source="thoughts" resource="exceptions" multiline />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput source="emotions" resource="exceptions" multiline />
        </Grid>
      </Grid>
      <TextInput source="meaning" resource="exceptions" multiline minRows={2} />
      <AutocompleteArrayInput
        source="tags"
        resource="exceptions"
        choices={TAG_CHOICES}
        onCreate={(tag) => (tag ? { id: tag.trim().toLowerCase(), name: tag.trim().toLowerCase() } : undefined)}
        helperText="attune.exceptions.tags_help"
      />
      <BooleanInput source="significant" resource="exceptions" />
    </>
  );
};
