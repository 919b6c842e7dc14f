import { useCallback } from 'react';
import { useTranslate } from 'react-admin';
import { translatedMessage } from '../response-values';

/** Says a field message from the API or the shared rules in the reader's language, when it knows it. */
export function useFieldMessage(): (message: string | undefined) => string | undefined {
  const translate = useTranslate();
  return useCallback(
    (message) => {
      if (!message) return undefined;
      const known = translatedMessage(message);
      return known ? translate(known.key, known.options) : message;
    },
    [translate],
  );
}

