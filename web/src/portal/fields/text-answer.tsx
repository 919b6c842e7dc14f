import { DEFAULT_TEXT_MAX_LENGTH } from '@attune/domain';
import { TextField } from '@mui/material';
import { useFieldMessage } from './field-message';
import type { AnswerProps, FieldOfKind } from './field-props';

/** A text or long text answer: a textarea labelled by the question, its help and its error below. */
export const TextAnswer = ({ field, value, onChange, errors, idPrefix }: AnswerProps<FieldOfKind<'text'> | FieldOfKind<'longText'>>) => {
  const say = useFieldMessage();
  const error = say(errors[field.name]);
  const maxLength = field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
  return (
    <TextField
      id={`${idPrefix}-input`}
      label={field.label}
      required={field.required === true}
      multiline
      minRows={field.kind === 'longText' ? 3 : 1}
      maxRows={field.kind === 'longText' ? 16 : 4}
      fullWidth
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => onChange(event.target.value)}
      error={Boolean(error)}
      helperText={error ?? field.help}
      slotProps={{ htmlInput: { maxLength } }}
    />
  );
};
