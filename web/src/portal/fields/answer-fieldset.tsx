import { FormControl, FormHelperText, FormLabel } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * A question whose answer has several controls (a list, a ranking, a scale, tags, a choice): a
 * fieldset whose legend is the question, with its help below it and its error at the end.
 */
export const AnswerFieldset = ({
  idPrefix,
  label,
  required,
  help,
  error,
  children,
}: {
  idPrefix: string;
  label: string;
  required?: boolean | undefined;
  help?: string | undefined;
  error?: string | undefined;
  children: ReactNode;
}) => (
  <FormControl
    component="fieldset"
    error={Boolean(error)}
    fullWidth
    aria-describedby={[help ? `${idPrefix}-help` : '', error ? `${idPrefix}-error` : ''].filter(Boolean).join(' ') || undefined}
  >
    <FormLabel component="legend" id={`${idPrefix}-label`} required={required} sx={{ color: 'text.primary', fontWeight: 500, mb: 0.5 }}>
      {label}
    </FormLabel>
    {help ? (
      <FormHelperText id={`${idPrefix}-help`} error={false} sx={{ mx: 0, mt: 0, mb: 1 }}>
        {help}
      </FormHelperText>
    ) : null}
    {children}
    {error ? (
      <FormHelperText id={`${idPrefix}-error`} sx={{ mx: 0 }}>
        {error}
      </FormHelperText>
    ) : null}
  </FormControl>
);
