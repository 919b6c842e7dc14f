import { FormControl, FormHelperText, FormLabel, TextField } from '@mui/material';
import type { ReactNode } from 'react';

export interface QuestionTextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean | undefined;
  help?: ReactNode;
  error?: string | undefined;
  minRows?: number;
  maxRows?: number;
  maxLength?: number;
  type?: string;
  inputProps?: Record<string, unknown>;
}

/**
 * A question written above its answer box (questions are often long and must never be cut off),
 * the box labelled by it, with help and error text below.
 */
export const QuestionTextField = ({ id, label, value, onChange, required, help, error, minRows = 2, maxRows = 16, maxLength, type, inputProps }: QuestionTextFieldProps) => {
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const multiline = type === undefined;
  return (
    <FormControl fullWidth error={Boolean(error)}>
      <FormLabel htmlFor={id} required={required} sx={{ color: 'text.primary', fontWeight: 500, mb: 0.75, '&.Mui-focused': { color: 'text.primary' } }}>
        {label}
      </FormLabel>
      {help ? (
        <FormHelperText id={`${id}-help`} error={false} sx={{ mx: 0, mt: -0.5, mb: 0.75 }}>
          {help}
        </FormHelperText>
      ) : null}
      <TextField
        id={id}
        variant="outlined"
        fullWidth
        multiline={multiline}
        minRows={multiline ? minRows : undefined}
        maxRows={multiline ? maxRows : undefined}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={Boolean(error)}
        required={required}
        slotProps={{ htmlInput: { maxLength, 'aria-describedby': describedBy, ...inputProps } }}
      />
      {error ? (
        <FormHelperText id={`${id}-error`} sx={{ mx: 0 }}>
          {error}
        </FormHelperText>
      ) : null}
    </FormControl>
  );
};
