import type { ValueTransformer } from 'typeorm';

/** PostgreSQL returns numeric as a string; scale scores are numbers in the domain. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? value : Number(value)),
};
