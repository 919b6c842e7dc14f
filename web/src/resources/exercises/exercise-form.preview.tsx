import type { ExerciseField } from '@attune/domain';
import {
  Autocomplete,
  Box,
  Checkbox,
  Chip,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  Slider,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useId } from 'react';
import { useTranslate } from 'react-admin';

/**
 * The preview's inputs belong to no form (their `form` attribute names an id no form has): a
 * required field of the preview shows as required but never blocks saving the exercise around it.
 */
const PREVIEW_INPUT = { htmlInput: { form: 'exercise-preview-only' } } as const;

const PreviewField = ({ field }: { field: Partial<ExerciseField> }) => {
  const translate = useTranslate();
  const id = useId();
  const label = field.label || translate('attune.exercises_library.untitled_field');
  const help = field.help ? <FormHelperText id={`${id}-help`}>{field.help}</FormHelperText> : null;
  switch (field.kind) {
    case 'longText':
      return <TextField label={label} helperText={field.help} required={field.required} multiline minRows={3} fullWidth size="small" slotProps={PREVIEW_INPUT} />;
    case 'list':
    case 'ranking': {
      const count = Math.min(Math.max(field.minItems ?? 1, 1), 3);
      const itemLabel = field.itemLabel || label;
      return (
        <FormControl component="fieldset" fullWidth>
          <FormLabel component="legend" required={field.required}>
            {label}
          </FormLabel>
          <Stack spacing={1} sx={{ mt: 1 }}>
            {Array.from({ length: count }, (_, i) => (
              <TextField key={i} size="small" label={`${field.kind === 'ranking' ? `${i + 1}. ` : ''}${itemLabel}`} fullWidth />
            ))}
          </Stack>
          <FormHelperText>
            {translate('attune.exercises_library.items_between', { min: field.minItems ?? 0, max: field.maxItems ?? 0 })}
          </FormHelperText>
          {help}
        </FormControl>
      );
    }
    case 'scale':
      return (
        <FormControl fullWidth>
          <FormLabel id={`${id}-label`} required={field.required}>
            {label}
          </FormLabel>
          <Slider aria-labelledby={`${id}-label`} min={1} max={10} step={0.5} marks defaultValue={5} valueLabelDisplay="auto" sx={{ mx: 1, width: 'calc(100% - 16px)' }} />
          {help}
        </FormControl>
      );
    case 'date':
      return <TextField type="date" label={label} helperText={field.help} required={field.required} size="small" slotProps={{ ...PREVIEW_INPUT, inputLabel: { shrink: true } }} />;
    case 'choice':
      return (
        <FormControl component="fieldset">
          <FormLabel component="legend" required={field.required}>
            {label}
          </FormLabel>
          <RadioGroup>
            {(field.options ?? []).map((option, i) => (
              <FormControlLabel key={`${option?.value}-${i}`} value={option?.value ?? String(i)} control={<Radio size="small" />} label={option?.label ?? ''} />
            ))}
          </RadioGroup>
          {help}
        </FormControl>
      );
    case 'tags':
      return (
        <Autocomplete
          multiple
          freeSolo
          options={field.suggestions ?? []}
          renderInput={(params) => <TextField {...params} label={label} helperText={field.help} size="small" />}
        />
      );
    case 'boolean':
      return (
        <Box>
          <FormControlLabel control={<Checkbox />} label={label} />
          {help}
        </Box>
      );
    case 'text':
    default:
      return <TextField label={label} helperText={field.help} required={field.required} fullWidth size="small" slotProps={PREVIEW_INPUT} />;
  }
};

/** What the client will see: the exercise's fields rendered as the portal's form would render them. */
export const ExerciseFormPreview = ({ fields }: { fields: readonly Partial<ExerciseField>[] | undefined }) => {
  const translate = useTranslate();
  const list = (fields ?? []).filter(Boolean);
  return (
    <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 2, p: 2, m: 0 }}>
      <Typography component="legend" variant="subtitle2" sx={{ px: 1 }}>
        {translate('attune.exercises_library.preview')}
      </Typography>
      {list.length === 0 ? (
        <Typography color="text.secondary">{translate('attune.exercises_library.preview_empty')}</Typography>
      ) : (
        <Stack spacing={2.5}>
          {list.map((field, index) => (
            <PreviewField key={`${field.name}-${index}`} field={field} />
          ))}
        </Stack>
      )}
    </Box>
  );
};
