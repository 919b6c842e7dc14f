import { useCallback } from 'react';
import { useTranslate } from 'react-admin';

/** The translation key of a suggested tag (stored in English: `shared activity` → `attune.tags.shared_activity`). */
export function tagKey(tag: string): string {
  return `attune.tags.${tag.trim().replace(/\s+/g, '_')}`;
}

/** An exception tag in the user's language: a suggested one translated, a person's own as they wrote it. */
export function useTagText(): (tag: string) => string {
  const translate = useTranslate();
  return useCallback((tag: string) => (/^[a-z ]+$/.test(tag) ? translate(tagKey(tag), { _: tag }) : tag), [translate]);
}
