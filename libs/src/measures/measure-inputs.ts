import { z } from 'zod';
import { enumSchema, idSchema, intSchema, isoDateTimeSchema, optionalTextSchema, textSchema } from '../primitives.js';
import type { ChangeClass, LocalText, MeasureDefinition, SafetyFlag } from './instrument.js';
import type { CouplePattern, PartnerProfile, PlaybookEntry } from './communication-profile.js';

/** The payload shapes of the measures API and the rules of their inputs, shared by the API and the web. */

export const MEASURE_CADENCES = ['once', 'every_session', 'every_n_weeks'] as const;
export type MeasureCadence = (typeof MEASURE_CADENCES)[number];

/** A given measure stays open this many days unless the schedule says otherwise. */
export const DEFAULT_MEASURE_EXPIRY_DAYS = 4;

/** Answers as sent: item key → the option's value, or null for an item left out. */
export const measureAnswersSchema = z.record(
  z.string().max(40),
  z.number({ error: 'must be a number' }).int('must be a whole number').nullable(),
  { error: 'must be an object of item keys and answer values' },
);

export const measureScheduleInputSchema = z
  .object({
    caseId: idSchema,
    clientId: idSchema,
    measureKey: textSchema(1, 40),
    cadence: enumSchema(MEASURE_CADENCES),
    intervalWeeks: intSchema(1, 26).nullable().optional(),
    expiresAfterDays: intSchema(1, 30).optional(),
    startsAt: isoDateTimeSchema.optional(),
    /** In a couple case: give the same measure to `clientId` and their partner at once, one schedule each (each answers on their own). */
    bothPartners: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.cadence === 'every_n_weeks' && !v.intervalWeeks) ctx.addIssue({ code: 'custom', path: ['intervalWeeks'], message: 'is required for every N weeks' });
  });
export type MeasureScheduleInput = z.infer<typeof measureScheduleInputSchema>;

/** A practitioner enters answers given in session. */
export const measureResponseInputSchema = z.object({
  caseId: idSchema,
  clientId: idSchema,
  measureKey: textSchema(1, 40),
  answers: measureAnswersSchema,
  /** The couple safety screen (communication profile only). */
  safety: measureAnswersSchema.optional(),
  answeredAt: isoDateTimeSchema.optional(),
});
export type MeasureResponseInput = z.infer<typeof measureResponseInputSchema>;

export const myMeasureSubmitSchema = z.object({
  answers: measureAnswersSchema,
  /** Couple safety screen answers (communication profile only). */
  safety: measureAnswersSchema.optional(),
  /** Whether the partner may see this profile (communication profile only). */
  sharedWithPartner: z.boolean({ error: 'must be true or false' }).optional(),
});
export type MyMeasureSubmit = z.infer<typeof myMeasureSubmitSchema>;

export const myMeasureDraftSchema = z.object({ answers: measureAnswersSchema, safety: measureAnswersSchema.optional() });
export type MyMeasureDraft = z.infer<typeof myMeasureDraftSchema>;

export const PUBLIC_TEST_MIN_FILL_SECONDS = 20;
/** A public test page's start token is good for this long after the page was opened. */
export const PUBLIC_TEST_MAX_AGE_SECONDS = 2 * 60 * 60;

/** The public relationship test as a visitor's browser sends it. */
export const publicTestSubmitSchema = z.object({
  answers: measureAnswersSchema,
  safety: measureAnswersSchema,
  locale: enumSchema(['en', 'zh-CN']).optional(),
  /** When the page was opened (ms since epoch, as GET returned it): answers faster than a person can read are refused. */
  startedAt: z.number({ error: 'must be a number' }).int(),
  /** The sealed start time GET gave, so `startedAt` cannot be made up. */
  startToken: z.string({ error: 'is required' }).max(500),
  /** A field hidden from people: anything in it marks a bot. */
  website: z.string().max(500).optional(),
  consent: z.boolean({ error: 'must be true or false' }).optional(),
  contact: z
    .object({
      name: textSchema(1, 120),
      email: z.email({ error: 'must be an e-mail address' }).max(200).optional(),
      phone: optionalTextSchema(40),
      message: optionalTextSchema(2000),
    })
    .optional(),
}).superRefine((v, ctx) => {
  if (v.consent && !v.contact) ctx.addIssue({ code: 'custom', path: ['contact'], message: 'is required to send your result to the practice' });
  if (v.consent && v.contact && !v.contact.email && !v.contact.phone) ctx.addIssue({ code: 'custom', path: ['contact', 'email'], message: 'give an e-mail address or a phone number' });
});
export type PublicTestSubmit = z.infer<typeof publicTestSubmitSchema>;

/** The latest an overdue notice may wait after the due date (the reminders look 30 days back). */
export const OVERDUE_NOTICE_MAX_DAYS = 14;

export const practiceSettingsInputSchema = z.object({
  name: textSchema(1, 120).optional(),
  slug: z
    .string({ error: 'is required' })
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/, 'must be 3-40 lower-case letters, digits or dashes')
    .optional(),
  publicTestEnabled: z.boolean({ error: 'must be true or false' }).optional(),
  /** Whether a client gets one notice when homework is overdue. */
  overdueNoticeEnabled: z.boolean({ error: 'must be true or false' }).optional(),
  /** How many days after the due date that notice goes (0: as soon as the homework is overdue). */
  overdueNoticeAfterDays: z.int({ error: 'must be a whole number of days' }).min(0, 'must be 0 to 14 days').max(OVERDUE_NOTICE_MAX_DAYS, 'must be 0 to 14 days').optional(),
});
export type PracticeSettingsInput = z.infer<typeof practiceSettingsInputSchema>;

export const intakeAcceptSchema = z.object({
  practitionerId: idSchema,
  displayName: textSchema(1, 120).optional(),
  caseTitle: textSchema(1, 200).optional(),
});
export type IntakeAccept = z.infer<typeof intakeAcceptSchema>;

// ---------------------------------------------------------------- answers

export interface MeasureDefinitionDto extends MeasureDefinition {
  id: string;
  builtIn: true;
  range: { min: number; max: number };
}

export interface MeasureScheduleDto {
  id: string;
  caseId: string;
  clientId: string;
  measureKey: string;
  cadence: MeasureCadence;
  intervalWeeks: number | null;
  expiresAfterDays: number;
  startsAt: string;
  active: boolean;
  createdAt: string;
}

export type MeasureResponseStatus = 'pending' | 'completed' | 'expired';

export interface MeasureResponseDto {
  id: string;
  caseId: string;
  clientId: string;
  scheduleId: string | null;
  measureKey: string;
  status: MeasureResponseStatus;
  opensAt: string;
  expiresAt: string;
  completedAt: string | null;
  source: 'client' | 'practitioner' | null;
  /** Null while pending and when the partner's profile is private to them. */
  answers: Record<string, number | null> | null;
  score: number | null;
  band: { key: string; label: LocalText; concern: number } | null;
  change: { baseline: number; delta: number; class: ChangeClass } | null;
  safetyFlags: SafetyFlag[];
  subscales: Record<string, number | null>;
  profile: PartnerProfile | null;
  safetyConcern: boolean;
  sharedWithPartner: boolean;
}

export interface CaseMeasureSeriesDto {
  measureKey: string;
  title: LocalText;
  shortTitle: string;
  direction: MeasureDefinition['direction'];
  bands: MeasureDefinition['bands'];
  clinicalCutoff: number | null;
  reliableChangePoints: number | null;
  range: { min: number; max: number };
  itemKeys: string[];
  clients: Array<{ clientId: string; displayName: string; points: MeasureResponseDto[] }>;
}

export interface CaseMeasuresDto {
  series: CaseMeasureSeriesDto[];
  /** The case's held sessions, oldest first: the chart's dashed lines. */
  sessions: Array<{ id: string; startsAt: string }>;
  /** The couple view once a partner answered the communication profile; the pattern only when both have. */
  couple: {
    partners: Array<{ clientId: string; displayName: string; responseId: string; profile: PartnerProfile; completedAt: string }>;
    /** The partners who have not answered yet (none once both have). */
    waitingFor: Array<{ clientId: string; displayName: string }>;
    pattern: CouplePattern | null;
    safetyConcern: boolean;
    playbook: PlaybookEntry[];
  } | null;
}

export interface MyMeasureDto {
  id: string;
  measureKey: string;
  title: LocalText;
  status: MeasureResponseStatus;
  opensAt: string;
  expiresAt: string;
  completedAt: string | null;
  draft: { answers: Record<string, number | null>; safety?: Record<string, number | null> } | null;
  /** The definition the portal shows (items and options), without scoring details. */
  definition: Pick<MeasureDefinition, 'key' | 'title' | 'instructions' | 'items' | 'audience' | 'licence'>;
  result: Pick<MeasureResponseDto, 'score' | 'band' | 'profile' | 'safetyConcern'> | null;
  playbook: PlaybookEntry[] | null;
  /** The other partner's profile, only when they chose to share it. */
  partnerProfile: PartnerProfile | null;
  /** The pattern between the two profiles, named as the couple's shared problem: only with the partner's shared profile, and never after a safety concern. */
  partnerPattern: CouplePattern | null;
}

export interface PublicTestDto {
  practiceName: string;
  startedAt: number;
  startToken: string;
  minFillSeconds: number;
  definition: Pick<MeasureDefinition, 'key' | 'title' | 'instructions' | 'items' | 'licence'>;
  safetyItems: MeasureDefinition['items'];
}

export interface PublicTestResultDto {
  profile: PartnerProfile;
  safetyConcern: boolean;
  playbook: PlaybookEntry[];
  /** True when the result was sent to the practice as an intake request. */
  sent: boolean;
}

export const INTAKE_STATUSES = ['new', 'accepted', 'declined'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export interface IntakeRequestDto {
  id: string;
  status: IntakeStatus;
  name: string;
  email: string | null;
  phone: string | null;
  message: string | null;
  locale: string;
  profile: PartnerProfile;
  safetyConcern: boolean;
  playbook: PlaybookEntry[];
  createdAt: string;
  decidedAt: string | null;
  clientId: string | null;
  caseId: string | null;
}

export interface PracticeSettingsDto {
  id: string;
  name: string;
  slug: string | null;
  publicTestEnabled: boolean;
  overdueNoticeEnabled: boolean;
  overdueNoticeAfterDays: number;
}
