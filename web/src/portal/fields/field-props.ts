import type { ExerciseField } from '@attune/domain';

/** What every answer input gets: its field, its value, how to change it, and the errors of the form. */
export interface AnswerProps<F extends ExerciseField = ExerciseField> {
  field: F;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Field errors keyed by their path in the response ("actions", "actions.3", "values.focus"). */
  errors: Record<string, string>;
  /** Prefix of the ids of this field's elements. */
  idPrefix: string;
  /** For a list: items the client may take from her own earlier answers (her action menu), besides her own words. */
  picks?: readonly string[] | undefined;
}

export type FieldOfKind<K extends ExerciseField['kind']> = Extract<ExerciseField, { kind: K }>;
