import { EXERCISE_FIELD_KINDS, MAX_FIELDS } from '@attune/domain';
import { Box, Grid, Typography } from '@mui/material';
import {
  ArrayInput,
  BooleanInput,
  FormDataConsumer,
  NumberInput,
  SelectInput,
  SimpleFormIterator,
  TextArrayInput,
  TextInput,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { enumChoices, STAGE_CHOICES } from '../../shared/choices';
import { ExerciseFormPreview } from './exercise-form.preview';

const FIELD_KIND_CHOICES = EXERCISE_FIELD_KINDS.map((kind) => ({ id: kind, name: `attune.enums.field_kind.${kind}` }));

/** The extra settings of one field, depending on its kind. */
const FieldKindSettings = ({ kind }: { kind: string | undefined }) => {
  switch (kind) {
    case 'text':
      return <NumberInput source="maxLength" label="attune.exercises_library.field.maxLength" min={1} />;
    case 'longText':
      return (
        <>
          <NumberInput source="minLength" label="attune.exercises_library.field.minLength" min={0} />
          <NumberInput source="maxLength" label="attune.exercises_library.field.maxLength" min={1} />
        </>
      );
    case 'list':
    case 'ranking':
      return (
        <>
          <TextInput source="itemLabel" label="attune.exercises_library.field.itemLabel" isRequired />
          <NumberInput source="minItems" label="attune.exercises_library.field.minItems" min={0} isRequired />
          <NumberInput source="maxItems" label="attune.exercises_library.field.maxItems" min={1} isRequired />
        </>
      );
    case 'choice':
      return (
        <ArrayInput source="options" label="attune.exercises_library.field.options">
          <SimpleFormIterator inline disableReordering>
            <TextInput source="value" label="attune.exercises_library.field.optionValue" helperText={false} />
            <TextInput source="label" label="attune.exercises_library.field.optionLabel" helperText={false} />
          </SimpleFormIterator>
        </ArrayInput>
      );
    case 'tags':
      return <TextArrayInput source="suggestions" label="attune.exercises_library.field.suggestions" />;
    default:
      return null;
  }
};

const LivePreview = () => {
  const fields = useWatch({ name: 'fields' }) as [] | undefined;
  return <ExerciseFormPreview fields={fields} />;
};

/** The inputs of a custom exercise, shared by create and edit, with a live preview of the client's form. */
export const ExerciseInputs = () => {
  const translate = useTranslate();
  const cadenceKind = useWatch({ name: 'cadence.kind' }) as string | undefined;
  return (
    <Grid container spacing={3} sx={{ width: '100%' }}>
      <Grid size={{ xs: 12, lg: 7 }}>
        <Grid container columnSpacing={2}>
          <Grid size={{ xs: 12, sm: 8 }}>
            <TextInput source="title" isRequired />
          </Grid>
          <Grid size={{ xs: 12, sm: 4 }}>
            <SelectInput source="stage" choices={STAGE_CHOICES} isRequired />
          </Grid>
        </Grid>
        <TextInput source="summary" />
        <TextInput source="instructions" multiline minRows={4} isRequired />
        <Grid container columnSpacing={2}>
          <Grid size={{ xs: 12, sm: 6 }}>
            <SelectInput source="audience" choices={enumChoices('exercise_audience')} isRequired />
          </Grid>
          <Grid size={{ xs: 12, sm: 3 }}>
            <SelectInput source="cadence.kind" choices={enumChoices('cadence_kind')} isRequired />
          </Grid>
          <Grid size={{ xs: 12, sm: 3 }}>
            {cadenceKind === 'daily' ? <NumberInput source="cadence.days" min={1} max={60} isRequired /> : null}
            {cadenceKind === 'weekly' ? <NumberInput source="cadence.weeks" min={1} max={26} isRequired /> : null}
          </Grid>
        </Grid>
        <Typography component="h3" variant="h6" sx={{ mt: 2 }}>
          {translate('attune.exercises_library.fields_heading')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('attune.exercises_library.fields_help', { max: MAX_FIELDS })}
        </Typography>
        <ArrayInput source="fields" label={false}>
          <SimpleFormIterator fullWidth>
            <TextInput source="label" label="attune.exercises_library.field.label" isRequired />
            <Grid container columnSpacing={2}>
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextInput source="name" label="attune.exercises_library.field.name" helperText={<>{translate('attune.exercises_library.field.name_help')} <code>whatHelped</code></>} isRequired />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <SelectInput source="kind" label="attune.exercises_library.field.kind" choices={FIELD_KIND_CHOICES} isRequired />
              </Grid>
            </Grid>
            <TextInput source="help" label="attune.exercises_library.field.help" />
            <BooleanInput source="required" label="attune.exercises_library.field.required" />
            <FormDataConsumer>
              {({ scopedFormData }) => (
                <Box>
                  <FieldKindSettings kind={(scopedFormData as { kind?: string } | undefined)?.kind} />
                </Box>
              )}
            </FormDataConsumer>
          </SimpleFormIterator>
        </ArrayInput>
      </Grid>
      <Grid size={{ xs: 12, lg: 5 }}>
        <Box sx={{ position: { lg: 'sticky' }, top: { lg: 80 } }}>
          <LivePreview />
        </Box>
      </Grid>
    </Grid>
  );
};
