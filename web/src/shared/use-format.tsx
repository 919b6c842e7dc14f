import { displayDate, formatNumber, type DateStyle } from '@attune/domain';
import { useCallback } from 'react';
import { useLocaleState, useRecordContext } from 'react-admin';
import { Typography } from '@mui/material';

export type { DateStyle };

/**
 * Formats dates in the user's language through libs' one date format (en "3 Dec 2026", zh
 * "2026年12月3日"), in the viewer's zone unless `timeZone` says another; unreadable values become ''.
 */
export function useFormatDate(): (value: string | number | Date | null | undefined, style?: DateStyle, timeZone?: string) => string {
  const [locale] = useLocaleState();
  return useCallback(
    (value, style = 'date', timeZone) => displayDate(value, { language: locale, style, ...(timeZone ? { timeZone } : {}) }),
    [locale],
  );
}

/** A record's date in a list or a show page, in the app's one date format (react-admin's DateField follows the browser's). */
export const DateText = ({ source, style = 'date' }: { source: string; style?: DateStyle; label?: string; sortable?: boolean; sortBy?: string }) => {
  const record = useRecordContext<Record<string, unknown>>();
  const formatDate = useFormatDate();
  const value = record?.[source] as string | null | undefined;
  return <Typography component="span" variant="body2">{formatDate(value, style)}</Typography>;
};

export { formatNumber };

