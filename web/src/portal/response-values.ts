import {
  isValidScaleValue,
  MAX_TAGS,
  normaliseTags,
  validateExerciseResponse,
  type ExerciseField,
  type ExerciseResponse,
} from '@attune/domain';

/**
 * Pure helpers between an exercise's fields and the portal's form: the values a form starts from,
 * the draft and the submission it sends, and the API's field errors placed back at their inputs.
 * No React here; unit-tested.
 */

/** What the form holds while someone types: one value per field name. */
export type FormValues = Record<string, unknown>;

export interface RankingFormValue {
  items: string[];
  focus: string;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v))) : [];
}

function rankingFrom(value: unknown): RankingFormValue {
  const object = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const items = strings(object['items']);
  return { items: items.length > 0 ? items : [''], focus: typeof object['focus'] === 'string' ? object['focus'] : '' };
}

/** The form's starting values: each field's empty value, overlaid with what was saved before. */
export function initialValues(fields: readonly ExerciseField[], saved: ExerciseResponse | null | undefined): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = saved?.[field.name];
    switch (field.kind) {
      case 'text':
      case 'longText':
        values[field.name] = typeof value === 'string' ? value : '';
        break;
      case 'list': {
        const items = strings(value);
        values[field.name] = items.length > 0 ? items : [''];
        break;
      }
      case 'ranking':
        values[field.name] = rankingFrom(value);
        break;
      case 'scale':
        values[field.name] = isValidScaleValue(value) ? value : null;
        break;
      case 'date':
        values[field.name] = typeof value === 'string' ? value.slice(0, 10) : '';
        break;
      case 'choice':
        values[field.name] = typeof value === 'string' && field.options.some((o) => o.value === value) ? value : '';
        break;
      case 'tags':
        values[field.name] = strings(value).filter((t) => t.trim().length > 0);
        break;
      case 'boolean':
        values[field.name] = typeof value === 'boolean' ? value : null;
        break;
    }
  }
  return values;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A draft as the API accepts it: what was typed, with values that cannot be stored yet (an empty
 * date, a half-typed number) left out, so autosave never fails on an unfinished answer.
 */
export function draftPayload(fields: readonly ExerciseField[], values: FormValues): ExerciseResponse {
  const response: ExerciseResponse = {};
  for (const field of fields) {
    const value = values[field.name];
    switch (field.kind) {
      case 'text':
      case 'longText':
        if (typeof value === 'string' && value.trim() !== '') response[field.name] = value;
        break;
      case 'list': {
        const items = strings(value);
        if (items.some((i) => i.trim() !== '')) response[field.name] = items.slice(0, field.maxItems);
        break;
      }
      case 'ranking': {
        const ranking = rankingFrom(value);
        if (ranking.items.some((i) => i.trim() !== '') || ranking.focus) {
          response[field.name] = { items: ranking.items.slice(0, field.maxItems), ...(ranking.focus ? { focus: ranking.focus } : {}) };
        }
        break;
      }
      case 'scale':
        if (isValidScaleValue(value)) response[field.name] = value;
        break;
      case 'date':
        if (typeof value === 'string' && DATE.test(value)) response[field.name] = value;
        break;
      case 'choice':
        if (typeof value === 'string' && field.options.some((o) => o.value === value)) response[field.name] = value;
        break;
      case 'tags': {
        const tags = normaliseTags(strings(value)).slice(0, MAX_TAGS);
        if (tags.length > 0) response[field.name] = tags;
        break;
      }
      case 'boolean':
        if (typeof value === 'boolean') response[field.name] = value;
        break;
    }
  }
  return response;
}

/**
 * The answers as sent: like a draft, but empty rows of a list or ranking are dropped and a focus
 * that is no longer among the ranked items is cleared, so the only messages left are real ones.
 */
export function submitPayload(fields: readonly ExerciseField[], values: FormValues): ExerciseResponse {
  const response = draftPayload(fields, values);
  for (const field of fields) {
    if (field.kind === 'list') {
      const items = strings(values[field.name]).map((i) => i.trim()).filter((i) => i !== '');
      if (items.length > 0) response[field.name] = items;
      else delete response[field.name];
    }
    if (field.kind === 'ranking') {
      const ranking = rankingFrom(values[field.name]);
      const items = ranking.items.map((i) => i.trim()).filter((i) => i !== '');
      const focus = items.find((i) => i.toLowerCase() === ranking.focus.trim().toLowerCase()) ?? '';
      if (items.length > 0 || focus) response[field.name] = { items, focus };
      else delete response[field.name];
    }
  }
  return response;
}

/** The API's field errors ("response.actions.3") keyed by their path inside the response ("actions.3"). */
export function responseErrors(errors: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors ?? {})) {
    if (path === 'response' || path === '_root') result['_root'] = message;
    else if (path.startsWith('response.')) result[path.slice('response.'.length)] = message;
    else result[path] = message;
  }
  return result;
}

/** The same check the API makes before it accepts the answers, so a person sees it before sending. */
export function checkBeforeSubmit(fields: readonly ExerciseField[], response: ExerciseResponse): Record<string, string> {
  const result = validateExerciseResponse(fields, response, 'submit');
  return result.ok ? {} : result.fields;
}

/** The first field (in form order) that has an error, for moving the focus there. */
export function firstFieldWithError(fields: readonly ExerciseField[], errors: Record<string, string>): string | undefined {
  const paths = Object.keys(errors);
  return fields.find((f) => paths.some((p) => p === f.name || p.startsWith(`${f.name}.`)))?.name;
}

/** How many items of a list or ranking hold something: the "3 of 10-20" count. */
export function filledCount(items: readonly string[]): number {
  return items.filter((i) => i.trim() !== '').length;
}

/** Moves one item of a list, returning a new list; out-of-range moves return the list unchanged. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved as T);
  return next;
}

export interface TranslatedMessage {
  key: string;
  options?: Record<string, unknown>;
}

const MESSAGE_PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => TranslatedMessage]> = [
  [/^is required$/, () => ({ key: 'portal.errors.required' })],
  [/^must have at least (\d+) items?, or none$/, (m) => ({ key: 'portal.errors.min_items_or_none', options: { smart_count: Number(m[1]) } })],
  [/^must have at least (\d+) items?$/, (m) => ({ key: 'portal.errors.min_items', options: { smart_count: Number(m[1]) } })],
  [/^must have at most (\d+) items?$/, (m) => ({ key: 'portal.errors.max_items', options: { smart_count: Number(m[1]) } })],
  [/^must have at most (\d+) tags$/, (m) => ({ key: 'portal.errors.max_tags', options: { smart_count: Number(m[1]) } })],
  [/^must be between 1 and 10 in steps of 0\.5$/, () => ({ key: 'portal.errors.scale' })],
  [/^must be at least (\d+) characters? long(, or left empty)?$/, (m) => ({ key: 'portal.errors.min_length', options: { smart_count: Number(m[1]) } })],
  [/^must be at most (\d+) characters? long$/, (m) => ({ key: 'portal.errors.max_length', options: { smart_count: Number(m[1]) } })],
  [/^must not be empty$/, () => ({ key: 'portal.errors.not_empty' })],
  [/^is already in the ranking$/, () => ({ key: 'portal.errors.duplicate_item' })],
  [/^must be one of the ranked items$/, () => ({ key: 'portal.errors.focus_not_ranked' })],
  [/^must be a date/, () => ({ key: 'portal.errors.date' })],
  [/^must be one of:/, () => ({ key: 'portal.errors.choice' })],
  [/^must be true or false$/, () => ({ key: 'portal.errors.boolean' })],
  [/^must not be in the future$/, () => ({ key: 'portal.errors.future' })],
];

/**
 * The domain's English field messages as translation keys, so the portal can say them in the
 * reader's language; a message it does not know is shown as the API wrote it.
 */
export function translatedMessage(message: string): TranslatedMessage | null {
  for (const [pattern, toKey] of MESSAGE_PATTERNS) {
    const match = message.match(pattern);
    if (match) return toKey(match);
  }
  return null;
}
