import type { ExerciseField } from '@attune/domain';
import { Box, Checkbox, FormControl, FormControlLabel, FormHelperText, FormLabel, Radio, RadioGroup, Stack } from '@mui/material';
import { useFieldMessage } from './field-message';
import type { AnswerProps } from './field-props';
import { ListAnswer } from './list-answer';
import { QuestionTextField } from './question-text-field';
import { RankingAnswer } from './ranking-answer';
import { ScaleAnswer } from './scale-answer';
import { TagsInput } from './tags-answer';
import { TextAnswer } from './text-answer';
import type { FormValues } from '../response-values';

const DateAnswer = ({ field, value, onChange, errors, idPrefix }: AnswerProps) => {
  const say = useFieldMessage();
  return (
    <Box sx={{ maxWidth: 320 }}>
      <QuestionTextField
        id={`${idPrefix}-input`}
        type="date"
        label={field.label}
        required={field.required === true}
        help={field.help}
        error={say(errors[field.name])}
        value={typeof value === 'string' ? value : ''}
        onChange={onChange}
      />
    </Box>
  );
};

const ChoiceAnswer = ({ field, value, onChange, errors, idPrefix }: AnswerProps) => {
  const say = useFieldMessage();
  if (field.kind !== 'choice') return null;
  const error = say(errors[field.name]);
  return (
    <FormControl component="fieldset" error={Boolean(error)}>
      <FormLabel component="legend" id={`${idPrefix}-label`} required={field.required === true} sx={{ color: 'text.primary', fontWeight: 500 }}>
        {field.label}
      </FormLabel>
      {field.help ? <FormHelperText error={false} sx={{ mx: 0 }}>{field.help}</FormHelperText> : null}
      <RadioGroup value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value)}>
        {field.options.map((option) => (
          <FormControlLabel key={option.value} value={option.value} control={<Radio />} label={option.label} />
        ))}
      </RadioGroup>
      {error ? <FormHelperText sx={{ mx: 0 }}>{error}</FormHelperText> : null}
    </FormControl>
  );
};

const BooleanAnswer = ({ field, value, onChange, errors, idPrefix }: AnswerProps) => {
  const say = useFieldMessage();
  const error = say(errors[field.name]);
  return (
    <FormControl error={Boolean(error)}>
      <FormControlLabel
        control={<Checkbox id={`${idPrefix}-input`} checked={value === true} onChange={(event) => onChange(event.target.checked)} />}
        label={field.label}
      />
      {error ?? field.help ? <FormHelperText sx={{ mx: 0 }}>{error ?? field.help}</FormHelperText> : null}
    </FormControl>
  );
};

const TagsAnswer = ({ field, value, onChange, errors, idPrefix }: AnswerProps) => {
  const say = useFieldMessage();
  if (field.kind !== 'tags') return null;
  const firstTagError = Object.entries(errors).find(([path]) => path.startsWith(`${field.name}.`))?.[1];
  return (
    <TagsInput
      idPrefix={idPrefix}
      label={field.label}
      help={field.help}
      required={field.required === true}
      value={Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []}
      suggestions={field.suggestions}
      onChange={onChange}
      error={say(errors[field.name] ?? firstTagError)}
    />
  );
};

/** The input for one field, by its kind. */
const AnswerInput = (props: AnswerProps) => {
  const { field } = props;
  switch (field.kind) {
    case 'text':
    case 'longText':
      return <TextAnswer {...props} field={field} />;
    case 'list':
      return <ListAnswer {...props} field={field} />;
    case 'ranking':
      return <RankingAnswer {...props} field={field} />;
    case 'scale':
      return <ScaleAnswer {...props} field={field} />;
    case 'date':
      return <DateAnswer {...props} />;
    case 'choice':
      return <ChoiceAnswer {...props} />;
    case 'tags':
      return <TagsAnswer {...props} />;
    case 'boolean':
      return <BooleanAnswer {...props} />;
  }
};

/** The id of the block that holds a field's input, for moving the focus to a field with an error. */
export function answerBlockId(fieldName: string): string {
  return `answer-${fieldName}`;
}

/**
 * The form of an exercise, rendered from its fields alone: no exercise has a hand-written form.
 * Values and errors belong to the page; this only draws them.
 */
export const ExerciseForm = ({
  fields,
  values,
  errors,
  onChange,
  picks = {},
}: {
  fields: readonly ExerciseField[];
  values: FormValues;
  errors: Record<string, string>;
  onChange: (name: string, value: unknown) => void;
  /** Items of the client's own earlier answers a list field offers, by field name. */
  picks?: Readonly<Record<string, readonly string[]>>;
}) => (
  <Stack spacing={3}>
    {fields.map((field) => (
      <Box key={field.name} id={answerBlockId(field.name)}>
        <AnswerInput
          field={field}
          value={values[field.name]}
          onChange={(value) => onChange(field.name, value)}
          errors={errors}
          idPrefix={`answer-${field.name}`}
          picks={picks[field.name]}
        />
      </Box>
    ))}
  </Stack>
);
