import { DEFAULT_TEXT_MAX_LENGTH } from '@attune/domain';
import { useFieldMessage } from './field-message';
import type { AnswerProps, FieldOfKind } from './field-props';
import { QuestionTextField } from './question-text-field';

/** A text or long text answer: a textarea labelled by the question above it, with its help and its error. */
export const TextAnswer = ({ field, value, onChange, errors, idPrefix }: AnswerProps<FieldOfKind<'text'> | FieldOfKind<'longText'>>) => {
  const say = useFieldMessage();
  return (
    <QuestionTextField
      id={`${idPrefix}-input`}
      label={field.label}
      required={field.required === true}
      help={field.help}
      error={say(errors[field.name])}
      minRows={field.kind === 'longText' ? 3 : 1}
      maxRows={field.kind === 'longText' ? 16 : 4}
      maxLength={field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH}
      value={typeof value === 'string' ? value : ''}
      onChange={onChange}
    />
  );
};
