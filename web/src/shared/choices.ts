import {
  ALERT_KINDS,
  ASSIGNMENT_STATUSES,
  CASE_KINDS,
  CASE_STATUSES,
  CLIENT_STATUSES,
  EXERCISE_AUDIENCES,
  EXERCISE_CADENCE_KINDS,
  EXERCISE_FIELD_KINDS,
  ROLES,
  SCALE_SCORE_SOURCES,
  SESSION_FORMATS,
  STAGES,
  SCALE_VALUES,
  formatNumber,
} from '@attune/domain';

export interface Choice<T extends string | number = string> {
  id: T;
  name: string;
}

/** Domain enumerations, keyed for translation under `attune.enums.<enumeration>.<value>`. */
export const ENUMERATIONS = {
  alert_kind: ALERT_KINDS,
  assignment_status: ASSIGNMENT_STATUSES,
  case_kind: CASE_KINDS,
  case_status: CASE_STATUSES,
  client_status: CLIENT_STATUSES,
  exercise_audience: EXERCISE_AUDIENCES,
  cadence_kind: EXERCISE_CADENCE_KINDS,
  field_kind: EXERCISE_FIELD_KINDS,
  role: ROLES,
  score_source: SCALE_SCORE_SOURCES,
  session_format: SESSION_FORMATS,
} as const;

export type EnumerationName = keyof typeof ENUMERATIONS;

export function enumKey(enumeration: EnumerationName, value: string): string {
  return `attune.enums.${enumeration}.${value}`;
}

/** Choices for a SelectInput; react-admin translates each name. */
export function enumChoices(enumeration: EnumerationName): Choice[] {
  return ENUMERATIONS[enumeration].map((value) => ({ id: value, name: enumKey(enumeration, value) }));
}

export function stageTitleKey(stage: number): string {
  return `attune.stages.${stage}.title`;
}

/** "1 · Collaborative Establishment", translated. */
export const STAGE_CHOICES: Choice<number>[] = STAGES.map((s) => ({ id: s.stage, name: `attune.stages.${s.stage}.numbered` }));

/** 1, 1.5, … 10: the allowed positions on the scale. */
export const SCALE_CHOICES: Choice<number>[] = SCALE_VALUES.map((value) => ({ id: value, name: formatNumber(value) }));

export function exerciseTitleKey(key: string): string {
  return `attune.exercises.${key}.title`;
}

/** The key of a built-in exercise's words: `summary`, `instructions`, or `fields.<name>.label|help|itemLabel`. */
export function exerciseTextKey(key: string, path: string): string {
  return `attune.exercises.${key}.${path}`;
}
