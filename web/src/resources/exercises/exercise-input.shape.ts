import type { ExerciseFieldKind } from '@attune/domain';

/** The keys each field kind takes besides name, label, help, required (the shared schema is strict). */
const KIND_KEYS: Record<ExerciseFieldKind, readonly string[]> = {
  text: ['maxLength'],
  longText: ['minLength', 'maxLength'],
  list: ['itemLabel', 'minItems', 'maxItems'],
  ranking: ['itemLabel', 'minItems', 'maxItems'],
  scale: [],
  date: [],
  choice: ['options'],
  tags: ['suggestions'],
  boolean: [],
};

const BASE_KEYS = ['name', 'label', 'help', 'required', 'kind'] as const;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** One field of the editor as the shared schema takes it: only its kind's keys, no empty optionals. */
export function cleanExerciseField(field: Record<string, unknown>): Record<string, unknown> {
  const kind = field['kind'] as ExerciseFieldKind | undefined;
  const allowed = new Set<string>([...BASE_KEYS, ...(kind && KIND_KEYS[kind] ? KIND_KEYS[kind] : [])]);
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(field)) {
    if (!allowed.has(key) || isEmpty(value)) continue;
    if (key === 'options' && Array.isArray(value)) {
      result[key] = value.map((o) => {
        const option = (o ?? {}) as Record<string, unknown>;
        return { value: option['value'], label: option['label'] };
      });
    } else if (key === 'suggestions' && Array.isArray(value)) {
      result[key] = value.filter((s) => typeof s === 'string' && s.trim() !== '');
    } else {
      result[key] = value;
    }
  }
  if (kind === 'tags' && !('suggestions' in result)) result['suggestions'] = [];
  return result;
}

/** A form's cadence as the API takes it: its kind with that kind's count only. */
export function cadenceOfForm(value: unknown): Record<string, unknown> {
  const cadence = (value ?? {}) as Record<string, unknown>;
  const kind = cadence['kind'];
  return kind === 'daily' ? { kind, days: cadence['days'] } : kind === 'weekly' ? { kind, weeks: cadence['weeks'] } : { kind };
}

/**
 * The editor's values as the body of a custom exercise: the shared input fields only, the cadence
 * reduced to its kind's count, and every field cleaned.
 */
export function toCustomExerciseInput(values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {
    stage: values['stage'],
    title: values['title'],
    instructions: values['instructions'],
    audience: values['audience'],
    cadence: cadenceOfForm(values['cadence']),
    fields: Array.isArray(values['fields']) ? values['fields'].map((f) => cleanExerciseField((f ?? {}) as Record<string, unknown>)) : values['fields'],
  };
  if (!isEmpty(values['summary'])) body['summary'] = values['summary'];
  return body;
}

/** The longest title a custom exercise takes (the shared schema's bound). */
const TITLE_MAX = 120;

/**
 * A copy of an exercise as the create form's starting values: its stage, audience, cadence and
 * fields, with the words the practitioner read on its page (a built-in's in their language) and
 * the title marked as a copy, so it saves as a custom exercise they can adapt.
 */
export function toExerciseCopy(
  exercise: { stage: number; audience: string; cadence: unknown },
  words: { title: string; summary: string | null; instructions: string; fields: readonly object[] },
  copySuffix: string,
): Record<string, unknown> {
  const title = words.title.slice(0, TITLE_MAX - copySuffix.length).trimEnd() + copySuffix;
  const copy: Record<string, unknown> = {
    stage: exercise.stage,
    title,
    instructions: words.instructions,
    audience: exercise.audience,
    cadence: structuredClone(exercise.cadence),
    fields: words.fields.map((field) => cleanExerciseField(structuredClone(field) as Record<string, unknown>)),
  };
  if (words.summary) copy['summary'] = words.summary;
  return copy;
}
