import { SearchInput, useTranslate, type SearchInputProps } from 'react-admin';

/** The list's full-text search (`q`), with an accessible name and not only a placeholder. */
export const QuickSearchInput = (props: Omit<SearchInputProps, 'source'> & { source?: string }) => {
  const translate = useTranslate();
  const label = translate('ra.action.search');
  return <SearchInput source="q" {...props} inputProps={{ 'aria-label': label }} placeholder={label} />;
};
