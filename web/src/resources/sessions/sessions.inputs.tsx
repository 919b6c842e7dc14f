import { SESSION_NOTE_SECTIONS, type CaseDto } from '@attune/domain';
import { Box, Grid, Typography } from '@mui/material';
import {
  CheckboxGroupInput,
  DateTimeInput,
  NumberInput,
  RadioButtonGroupInput,
  SelectInput,
  TextInput,
  useGetOne,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { enumChoices, STAGE_CHOICES } from '../../shared/choices';
import { useCaseClients } from '../../shared/use-case-clients';

/** `datetime-local` gives local time without a zone; the API takes an instant with one. */
export const parseLocalDateTime = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
};

/** The session note's template sections, from the shared template, each with its guiding question. */
export const SessionNoteInputs = () => {
  const translate = useTranslate();
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, width: '100%' }}>
      <Typography component="legend" variant="h6" sx={{ mb: 1 }}>
        {translate('attune.sessions.note')}
      </Typography>
      {SESSION_NOTE_SECTIONS.map((section) => (
        <TextInput
          key={section.key}
          source={`note.${section.key}`}
          label={`attune.note_sections.${section.key}.label`}
          helperText={`attune.note_sections.${section.key}.prompt`}
          multiline
          minRows={section.key === 'freeText' ? 4 : 2}
        />
      ))}
    </Box>
  );
};

/** The inputs of a session, shared by create and edit. */
export const SessionInputs = () => {
  const caseId = useWatch({ name: 'caseId' }) as string | undefined;
  const { data: caseRecord } = useGetOne<CaseDto>('cases', { id: caseId ?? '' }, { enabled: !!caseId });
  const { clients } = useCaseClients(caseRecord?.clientIds);
  return (
    <Box sx={{ width: '100%', maxWidth: 860 }}>
      <Grid container columnSpacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <DateTimeInput source="startsAt" parse={parseLocalDateTime} isRequired />
        </Grid>
        <Grid size={{ xs: 12, sm: 3 }}>
          <NumberInput source="durationMinutes" min={5} max={480} step={5} isRequired />
        </Grid>
        <Grid size={{ xs: 12, sm: 3 }}>
          <SelectInput source="stage" choices={STAGE_CHOICES} isRequired />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <RadioButtonGroupInput source="format" choices={enumChoices('session_format')} isRequired />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <CheckboxGroupInput
            source="attendeeIds"
            choices={clients.map((c) => ({ id: c.id, name: c.displayName }))}
            translateChoice={false}
            isRequired
          />
        </Grid>
      </Grid>
      <SessionNoteInputs />
    </Box>
  );
};
