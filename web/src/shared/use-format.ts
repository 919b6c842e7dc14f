import { formatNumber } from '@attune/domain';
import { useCallback } from 'react';
import { useLocaleState } from 'react-admin';
import { intlLocaleFor } from '../i18n/locales';

export type DateStyle = 'date' | 'dateTime' | 'short';

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  short: { month: 'short', day: 'numeric' },
};

/** Formats dates in the user's language; an unreadable value becomes an empty string. */
export function useFormatDate(): (value: string | number | Date | null | undefined, style?: DateStyle) => string {
  const [locale] = useLocaleState();
  return useCallback(
    (value, style = 'date') => {
      if (value === null || value === undefined || value === '') return '';
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) return '';
      return new Intl.DateTimeFormat(intlLocaleFor(locale), OPTIONS[style]).format(date);
    },
    [locale],
  );
}

export { formatNumber };

/** The Intl locale of the current language, for react-admin's date fields. */
export function useIntlLocale(): string {
  const [locale] = useLocaleState();
  return intlLocaleFor(locale);
}
