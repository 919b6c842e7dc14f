import { z } from 'zod';
import { zodIssuesToFields } from '../errors.js';
import { intSchema, isoDateOrDateTimeSchema, textSchema, typeError } from '../primitives.js';
import { createScaleValueSchema } from '../scale.js';

/**
 * A small language for the fields of an exercise's response, shared by the built-in exercises and
 * the ones practitioners write. From a field list come the zod schema that validates a response
 * (`responseSchemaFor`) and the JSON Schema a client renders a form from (`responseJsonSchemaFor`).
 *
 * Values by kind: text / longText → string; list → string[]; ranking → { items: string[]; focus:
 * string } (items ordered, most important first; focus is one of them); scale → number 1-10 in steps
 * of 0.5; date → "YYYY-MM-DD" or an ISO date-time with zone; choice → one option's value; tags →
 * string[] (trimmed, lower-cased, duplicates dropped); boolean → true / false.
 */
export const EXERCISE_FIELD_KINDS = [
  'text',
  'longText',
  'list',
  'ranking',
  'scale',
  'date',
  'choice',
  'tags',
  'boolean',
] as const;

export type ExerciseFieldKind = (typeof EXERCISE_FIELD_KINDS)[number];

export interface ChoiceOption {
  value: string;
  label: string;
}

export type ExerciseField = {
  /** Key of the value in the response: a letter then letters or digits (camelCase). */
  name: string;
  label: string;
  help?: string | undefined;
  required?: boolean | undefined;
} & (
  | { kind: 'text'; maxLength?: number | undefined }
  | { kind: 'longText'; minLength?: number | undefined; maxLength?: number | undefined }
  | { kind: 'list'; itemLabel: string; minItems: number; maxItems: number }
  | { kind: 'ranking'; itemLabel: string; minItems: number; maxItems: number }
  | { kind: 'scale' }
  | { kind: 'date' }
  | { kind: 'choice'; options: ChoiceOption[] }
  | { kind: 'tags'; suggestions: string[] }
  | { kind: 'boolean' }
);

/** The value of a `ranking` field: items most important first, and the one chosen as focus. */
export interface RankingValue {
  items: string[];
  focus: string;
}

/** A response to an exercise: field name → value. */
export type ExerciseResponse = Record<string, unknown>;

export type ResponseMode = 'submit' | 'draft';

/** Default and ceiling of a text answer's length. */
export const DEFAULT_TEXT_MAX_LENGTH = 10_000;
/** Longest item of a list or ranking. */
export const LIST_ITEM_MAX_LENGTH = 1_000;
export const TAG_MAX_LENGTH = 40;
export const MAX_TAGS = 12;
export const MAX_FIELDS = 30;
export const MAX_LIST_ITEMS = 100;
export const FIELD_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9]*$/;
/** Names a server strips from every body against prototype pollution: an answer under one would be lost. */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set(['constructor', 'prototype']);

function items(n: number): string {
  return n === 1 ? '1 item' : `${n} items`;
}

function characters(n: number): string {
  return n === 1 ? '1 character' : `${n} characters`;
}

// ---------------------------------------------------------------------------------------------
// Validating a custom exercise's field list
// ---------------------------------------------------------------------------------------------

const fieldBaseShape = {
  name: z
    .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be text') })
    .min(1, 'is required')
    .max(40, 'must be at most 40 characters long')
    .regex(FIELD_NAME_PATTERN, 'must start with a letter and contain only letters and digits (e.g. whatHelped)')
    .refine((name) => !RESERVED_FIELD_NAMES.has(name), 'is a reserved name; choose another (e.g. whatHelped)'),
  label: textSchema(1, 200),
  help: textSchema(0, 1000).optional(),
  required: z.boolean({ error: 'must be true or false' }).optional(),
};

const itemBoundsShape = {
  itemLabel: textSchema(1, 120),
  minItems: intSchema(0, MAX_LIST_ITEMS),
  maxItems: intSchema(1, MAX_LIST_ITEMS),
};

const exerciseFieldSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ ...fieldBaseShape, kind: z.literal('text'), maxLength: intSchema(1, DEFAULT_TEXT_MAX_LENGTH).optional() }),
    z.strictObject({
      ...fieldBaseShape,
      kind: z.literal('longText'),
      minLength: intSchema(0, DEFAULT_TEXT_MAX_LENGTH).optional(),
      maxLength: intSchema(1, DEFAULT_TEXT_MAX_LENGTH).optional(),
    }),
    z.strictObject({ ...fieldBaseShape, kind: z.literal('list'), ...itemBoundsShape }),
    z.strictObject({ ...fieldBaseShape, kind: z.literal('ranking'), ...itemBoundsShape, minItems: intSchema(1, MAX_LIST_ITEMS) }),
    z.strictObject({ ...fieldBaseShape, kind: z.literal('scale') }),
    z.strictObject({ ...fieldBaseShape, kind: z.literal('date') }),
    z.strictObject({
      ...fieldBaseShape,
      kind: z.literal('choice'),
      options: z
        .array(z.strictObject({ value: textSchema(1, 100), label: textSchema(1, 200) }))
        .min(2, 'must offer at least 2 options')
        .max(50, 'must offer at most 50 options'),
    }),
    z.strictObject({
      ...fieldBaseShape,
      kind: z.literal('tags'),
      suggestions: z
        .array(textSchema(1, TAG_MAX_LENGTH))
        .max(50, 'must have at most 50 suggestions')
        .default([]),
    }),
    z.strictObject({ ...fieldBaseShape, kind: z.literal('boolean') }),
  ],
  { error: `must be one of: ${EXERCISE_FIELD_KINDS.join(', ')}` },
);

/** Validates the field list of a practitioner's own exercise: 1-30 well-formed fields, unique names. */
export const exerciseFieldsSchema = z
  .array(exerciseFieldSchema, { error: (iss) => (iss.input === undefined ? 'is required' : 'must be a list of fields') })
  .min(1, 'must have at least 1 field')
  .max(MAX_FIELDS, `must have at most ${MAX_FIELDS} fields`)
  .superRefine((fields, ctx) => {
    const seen = new Map<string, number>();
    fields.forEach((field, index) => {
      const key = field.name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `is already used by field ${first + 1} ("${fields[first]!.name}")`,
        });
      } else {
        seen.set(key, index);
      }
      if (field.kind === 'list' || field.kind === 'ranking') {
        if (field.minItems > field.maxItems) {
          ctx.addIssue({ code: 'custom', path: [index, 'minItems'], message: 'must not be more than maxItems' });
        }
      }
      if (field.kind === 'longText' && field.minLength !== undefined) {
        const max = field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
        if (field.minLength > max) {
          ctx.addIssue({ code: 'custom', path: [index, 'minLength'], message: 'must not be more than maxLength' });
        }
      }
      if (field.kind === 'choice') {
        const values = new Set<string>();
        field.options.forEach((option, optionIndex) => {
          if (values.has(option.value)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'options', optionIndex, 'value'],
              message: 'is the same as another option',
            });
          }
          values.add(option.value);
        });
      }
    });
  });

// ---------------------------------------------------------------------------------------------
// Response schemas
// ---------------------------------------------------------------------------------------------

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function listItemSchema(mode: ResponseMode): z.ZodString {
  const item = textSchema(0, LIST_ITEM_MAX_LENGTH);
  return mode === 'submit' ? item.min(1, 'must not be empty') : item;
}

function listSchema(
  field: { minItems: number; maxItems: number },
  mode: ResponseMode,
  required: boolean,
): z.ZodType<string[]> {
  const base = z
    .array(listItemSchema(mode), { error: (iss) => (iss.input === undefined ? 'is required' : 'must be a list') })
    .max(field.maxItems, `must have at most ${items(field.maxItems)}`);
  if (mode === 'draft' || field.minItems === 0) return required && mode === 'submit' ? base.min(1, 'is required') : base;
  if (required) return base.min(field.minItems, `must have at least ${items(field.minItems)}`);
  // Optional: leaving it empty is fine, but a started list must reach the minimum.
  return base.refine((v) => v.length === 0 || v.length >= field.minItems, {
    message: `must have at least ${items(field.minItems)}, or none`,
  });
}

function rankingSchema(field: { minItems: number; maxItems: number }, mode: ResponseMode): z.ZodType<RankingValue | { items?: string[] | undefined; focus?: string | undefined }> {
  if (mode === 'draft') {
    return z.strictObject(
      {
        items: z.array(listItemSchema('draft')).max(field.maxItems, `must have at most ${items(field.maxItems)}`).optional(),
        focus: textSchema(0, LIST_ITEM_MAX_LENGTH).optional(),
      },
      { error: typeError('must be a ranking with items and a focus') },
    );
  }
  return z
    .strictObject(
      {
        items: z
          .array(listItemSchema('submit'), { error: (iss) => (iss.input === undefined ? 'is required' : 'must be a list') })
          .min(field.minItems, `must have at least ${items(field.minItems)}`)
          .max(field.maxItems, `must have at most ${items(field.maxItems)}`)
          .superRefine((list, ctx) => {
            list.forEach((item, index) => {
              if (item && list.findIndex((other) => sameText(other, item)) !== index) {
                ctx.addIssue({ code: 'custom', path: [index], message: 'is already in the ranking' });
              }
            });
          }),
        focus: textSchema(1, LIST_ITEM_MAX_LENGTH),
      },
      { error: typeError('must be a ranking with items and a focus') },
    )
    .superRefine((value, ctx) => {
      if (value.focus && !value.items.some((item) => sameText(item, value.focus))) {
        ctx.addIssue({ code: 'custom', path: ['focus'], message: 'must be one of the ranked items' });
      }
    });
}

function tagsSchema(mode: ResponseMode, required: boolean): z.ZodType<string[]> {
  const base = z
    .array(
      z
        .string({ error: 'must be text' })
        .trim()
        .toLowerCase()
        .min(1, 'must not be empty')
        .max(TAG_MAX_LENGTH, `must be at most ${characters(TAG_MAX_LENGTH)} long`),
      { error: (iss) => (iss.input === undefined ? 'is required' : 'must be a list of tags') },
    )
    .max(MAX_TAGS, `must have at most ${MAX_TAGS} tags`)
    .overwrite((tags) => [...new Set(tags)]);
  return mode === 'submit' && required ? base.min(1, 'is required') : base;
}

function longTextSchema(field: { minLength?: number | undefined; maxLength?: number | undefined }, mode: ResponseMode, required: boolean): z.ZodType<string> {
  const max = field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
  const min = mode === 'submit' ? (field.minLength ?? 0) : 0;
  if (required && mode === 'submit') {
    return min > 1 ? textSchema(1, max).min(min, `must be at least ${characters(min)} long`) : textSchema(1, max);
  }
  const base = textSchema(0, max);
  if (min <= 1) return base;
  return base.refine((v) => v.length === 0 || v.length >= min, {
    message: `must be at least ${characters(min)} long, or left empty`,
  });
}

function fieldValueSchema(field: ExerciseField, mode: ResponseMode): z.ZodType {
  const required = mode === 'submit' && field.required === true;
  switch (field.kind) {
    case 'text': {
      const max = field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      return textSchema(required ? 1 : 0, max);
    }
    case 'longText':
      return longTextSchema(field, mode, required);
    case 'list':
      return listSchema(field, mode, required);
    case 'ranking':
      return rankingSchema(field, mode);
    case 'scale':
      return createScaleValueSchema();
    case 'date':
      return isoDateOrDateTimeSchema();
    case 'choice': {
      const values = field.options.map((o) => o.value);
      if (values.length === 0) return z.never({ error: 'has no options to choose from' });
      return z.enum(values as [string, ...string[]], {
        error: (iss) =>
          iss.input === undefined ? 'is required' : `must be one of: ${field.options.map((o) => o.value).join(', ')}`,
      });
    }
    case 'tags':
      return tagsSchema(mode, required);
    case 'boolean':
      return z.boolean({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be true or false') });
  }
}

export type ExerciseResponseSchema = z.ZodObject<Record<string, z.ZodType>, z.core.$strict>;

function buildResponseSchema(
  fields: readonly ExerciseField[],
  mode: ResponseMode,
  registry?: z.core.$ZodRegistry<Record<string, unknown>>,
): ExerciseResponseSchema {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    const value = fieldValueSchema(field, mode);
    const schema: z.ZodType = mode === 'submit' && field.required === true ? value : value.optional();
    if (registry) registry.add(schema, fieldAnnotations(field));
    shape[field.name] = schema;
  }
  return z.strictObject(shape, { error: typeError('must be an object of answers') });
}

/**
 * The zod schema of a response. `submit` enforces required fields and every bound (text is trimmed;
 * a required text must not be blank; text is capped at 10,000 characters unless the field says
 * less). `draft` makes every field optional and drops the minimums, but still checks types and caps
 * the maximums. Unknown keys are rejected in both modes.
 */
export function responseSchemaFor(fields: readonly ExerciseField[], mode: ResponseMode): ExerciseResponseSchema {
  return remember(RESPONSE_SCHEMAS, `${mode}\u0000${JSON.stringify(fields)}`, () => buildResponseSchema(fields, mode));
}

/**
 * Schemas are built once per exercise version and reused: building a zod schema compiles code for
 * it (zod's fast path), and the JSON Schema is drawn from one. Keyed by what they are built from (the
 * fields themselves), so an edited exercise gets new ones at once; the least recently used are
 * dropped past far more exercises than a practice has in use.
 */
const SCHEMA_CACHE_SIZE = 500;
const RESPONSE_SCHEMAS = new Map<string, ExerciseResponseSchema>();
const RESPONSE_JSON_SCHEMAS = new Map<string, Readonly<Record<string, unknown>>>();

function remember<V>(cache: Map<string, V>, key: string, build: () => V): V {
  let value = cache.get(key);
  if (value !== undefined) {
    cache.delete(key);
  } else {
    value = build();
    if (cache.size >= SCHEMA_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, value); // most recently used last
  return value;
}

function fieldAnnotations(field: ExerciseField): Record<string, unknown> {
  const meta: Record<string, unknown> = { title: field.label, 'x-attune-kind': field.kind };
  if (field.help) meta['description'] = field.help;
  switch (field.kind) {
    case 'list':
    case 'ranking':
      meta['x-attune-item-label'] = field.itemLabel;
      break;
    case 'choice':
      meta['x-attune-options'] = field.options.map((o) => ({ value: o.value, label: o.label }));
      break;
    case 'tags':
      meta['x-attune-suggestions'] = [...field.suggestions];
      break;
    case 'longText':
      if (field.minLength) meta['x-attune-min-length'] = field.minLength;
      break;
    default:
      break;
  }
  return meta;
}

/**
 * JSON Schema (draft 2020-12) of a submitted response, as plain JSON. Each property has `title` (the
 * label), `description` (the help, when there is one) and `x-attune-kind` (the field kind), plus
 * `x-attune-item-label` for lists and rankings, `x-attune-options` for choices and
 * `x-attune-suggestions` for tags, so a client can render the form from it alone. Built once per
 * fields and title, and shared by every caller: read-only (not frozen: V8 serialises frozen objects
 * more slowly, measured on the homework submission).
 */
export function responseJsonSchemaFor(
  fields: readonly ExerciseField[],
  options: { title?: string; description?: string } = {},
): Readonly<Record<string, unknown>> {
  const key = JSON.stringify([options.title ?? null, options.description ?? null, fields]);
  return remember(RESPONSE_JSON_SCHEMAS, key, () => {
    const registry = z.registry<Record<string, unknown>>();
    const schema = buildResponseSchema(fields, 'submit', registry);
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io: 'input',
      metadata: registry,
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    if (options.title) json['title'] = options.title;
    if (options.description) json['description'] = options.description;
    return JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  });
}

export type ExerciseResponseValidation =
  | { ok: true; value: ExerciseResponse }
  | { ok: false; fields: Record<string, string> };

/** Validates a response; on failure, `fields` names each bad field ("actions": "must have at least 10 items"). */
export function validateExerciseResponse(
  fields: readonly ExerciseField[],
  response: unknown,
  mode: ResponseMode,
): ExerciseResponseValidation {
  const result = responseSchemaFor(fields, mode).safeParse(ownAnswers(response));
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, fields: zodIssuesToFields(result.error) };
}

/**
 * The answers as their own keys only, on an object without a prototype: a field named `toString`
 * or `constructor` left unanswered reads as missing, never as the inherited function.
 */
function ownAnswers(response: unknown): unknown {
  if (response === null || typeof response !== 'object' || Array.isArray(response)) return response;
  return Object.assign(Object.create(null) as Record<string, unknown>, response);
}
