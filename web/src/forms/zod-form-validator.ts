import { SCALE_VALUE_MESSAGE, zodIssuesToFields, ROOT_FIELD_KEY } from '@attune/domain';
import type { z } from 'zod';

/** A message react-admin translates at the input: a key and its arguments. */
export interface TranslatableMessage {
  message: string;
  args: Record<string, unknown>;
}

function translatable(message: string, args: Record<string, unknown> = {}): TranslatableMessage {
  return { message, args };
}

function isTranslatable(value: unknown): value is TranslatableMessage {
  return typeof value === 'object' && value !== null && 'message' in value && 'args' in value;
}

const PATTERNS: { test: RegExp; key: string; args?: (m: RegExpMatchArray) => Record<string, unknown> }[] = [
  { test: /^is required$/, key: 'attune.validation.required' },
  { test: /^must be at least (\d+) characters? long$/, key: 'attune.validation.min_length', args: (m) => ({ min: Number(m[1]) }) },
  { test: /^must be at most (\d+) characters? long$/, key: 'attune.validation.max_length', args: (m) => ({ max: Number(m[1]) }) },
  { test: /^must have at least (\d+) items?$/, key: 'attune.validation.min_items', args: (m) => ({ min: Number(m[1]) }) },
  { test: /^must have at most (\d+) items?$/, key: 'attune.validation.max_items', args: (m) => ({ max: Number(m[1]) }) },
  {
    test: /^must be a whole number between (-?\d+) and (-?\d+)$/,
    key: 'attune.validation.whole_number_between',
    args: (m) => ({ min: Number(m[1]), max: Number(m[2]) }),
  },
  { test: /^must be one of: (.+)$/, key: 'attune.validation.one_of', args: (m) => ({ options: m[1] }) },
  { test: /^must be a valid email address$/, key: 'attune.validation.email' },
  { test: /^must be a UUID$/, key: 'attune.validation.required' },
  { test: /^must be a date and time/, key: 'attune.validation.date_time' },
  { test: /^must be a date \(YYYY-MM-DD\) or a date and time/, key: 'attune.validation.date_time' },
  { test: /^must be a date in the form YYYY-MM-DD$/, key: 'attune.validation.date' },
  { test: /^must be a list of client ids$/, key: 'attune.validation.required' },
  { test: /^must not be before the case opened \((\d{4}-\d{2}-\d{2})\)$/, key: 'attune.validation.before_case_opened', args: (m) => ({ date: m[1] }) },
  { test: /^must be within a year from now$/, key: 'attune.validation.within_a_year' },
  { test: /^must not be in the future$/, key: 'attune.validation.not_in_future' },
  { test: /^is in the past: confirm that the homework is overdue from the start$/, key: 'attune.validation.past_due_unconfirmed' },
  { test: new RegExp(`^${SCALE_VALUE_MESSAGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), key: 'attune.validation.scale' },
];

/**
 * The shared schemas speak English; the common messages are turned into translation keys so that
 * the form shows them in the user's language. Anything else is shown as the schema wrote it.
 */
export function localiseIssueMessage(message: string): string | TranslatableMessage {
  for (const pattern of PATTERNS) {
    const match = message.match(pattern.test);
    if (match) return translatable(pattern.key, pattern.args ? pattern.args(match) : {});
  }
  return message;
}

/** A shared schema's English message in the user's language, for a text outside a react-admin input. */
export function translateIssue(translate: (key: string, args?: Record<string, unknown>) => string, message: string): string {
  const localised = localiseIssueMessage(message);
  return typeof localised === 'string' ? localised : translate(localised.message, localised.args);
}

/**
 * `{"note.vision": "…", "fields.0.name": "…"}` → `{note: {vision: "…"}, fields: [{name: "…"}]}`, the
 * shape react-hook-form looks errors up in. The whole-input issue goes to `root.serverError`, which
 * react-admin notifies. When a path is both a leaf and a parent, the first message wins.
 */
export function nestFieldErrors(fields: Record<string, string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(fields)) {
    const segments = path === ROOT_FIELD_KEY ? ['root', 'serverError'] : path.split('.');
    let node: Record<string, unknown> | unknown[] = result;
    let blocked = false;
    for (let i = 0; i < segments.length - 1; i++) {
      const key = segments[i]!;
      const nextIsIndex = /^\d+$/.test(segments[i + 1]!);
      const existing = (node as Record<string, unknown>)[key];
      if (existing === undefined) {
        const created: Record<string, unknown> | unknown[] = nextIsIndex ? [] : {};
        (node as Record<string, unknown>)[key] = created;
        node = created;
      } else if (typeof existing === 'object' && existing !== null && !isTranslatable(existing)) {
        node = existing as Record<string, unknown> | unknown[];
      } else {
        blocked = true;
        break;
      }
    }
    const leaf = segments[segments.length - 1]!;
    if (blocked || (node as Record<string, unknown>)[leaf] !== undefined) continue;
    (node as Record<string, unknown>)[leaf] = localiseIssueMessage(message);
  }
  return result;
}

/**
 * A react-admin `validate` function from a shared zod schema: the form's values (optionally
 * prepared the way they will be sent) are parsed, and each issue lands at its input.
 */
export function zodFormValidator<V extends Record<string, unknown>>(
  schema: z.ZodType,
  prepare: (values: V) => unknown = (values) => values,
): (values: V) => Record<string, unknown> {
  return (values: V) => {
    const result = schema.safeParse(prepare(values));
    if (result.success) return {};
    return nestFieldErrors(zodIssuesToFields(result.error));
  };
}
