import { Chip, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import { enumKey, type EnumerationName } from './choices';

const COLOURS: Record<string, ChipProps['color']> = {
  active: 'success',
  open: 'primary',
  paused: 'warning',
  discharged: 'default',
  closed: 'default',
  assigned: 'default',
  in_progress: 'info',
  submitted: 'warning',
  reviewed: 'success',
  high: 'error',
  medium: 'warning',
  low: 'info',
};

/** A small label for an enumeration value, in the user's language. */
export const EnumChip = ({ enumeration, value, ...rest }: { enumeration: EnumerationName; value: unknown } & Omit<ChipProps, 'label'>) => {
  const translate = useTranslate();
  if (typeof value !== 'string' || value === '') return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={COLOURS[value] ?? 'default'}
      label={translate(enumKey(enumeration, value), { _: value })}
      {...rest}
    />
  );
};
