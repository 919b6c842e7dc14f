import type {
  Bundle,
  BundleEntry,
  CodeSystem,
  DocumentReference,
  Encounter,
  EpisodeOfCare,
  Observation,
  Organization,
  Patient,
  Practitioner,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { ExerciseField, RankingValue } from '../exercises/exercise-fields.js';
import type { ChangeClass, MeasureDefinition } from '../measures/instrument.js';
import { builtInMeasure, MEASURE_CANONICAL_BASE, measureToFhirQuestionnaire } from '../measures/measure-catalogue.js';
import { STAGES } from '../stages.js';
import {
  homeworkCompleted,
  readableNoteText,
  sessionWasHeld,
  type CaseRecord,
  type RecordClient,
  type RecordHomework,
  type RecordMeasure,
  type RecordScaleScore,
  type RecordSession,
} from './case-record.js';

/**
 * FHIR R4 from a case record, pure and framework-free. Ids: a client is its Patient, a staff
 * member their Practitioner, the practice its Organization, an exercise its Questionnaire, a scale
 * score its Observation, a homework its QuestionnaireResponse. What belongs to one partner of a
 * session or case gets that partner's case position as a suffix (`<id>-1`, `<id>-2`): a couple's
 * joint session is one Encounter per partner, each under that partner's Patient, so each
 * partner's data sits under their own Patient. Every episode carries the case id as an identifier.
 * A completed measure is its QuestionnaireResponse and (with a total) its Observation, both with the
 * response's id, under the partner who answered; the measure's definition is its Questionnaire.
 */

/** Where Attune's own code systems and identifiers live (canonical URIs: names, not addresses fetched). */
export const ATTUNE_FHIR_BASE = 'https://attune.example/fhir';
export const ATTUNE_SCALE_SYSTEM = `${ATTUNE_FHIR_BASE}/CodeSystem/attachment-scale`;
export const ATTUNE_CASE_ID_SYSTEM = `${ATTUNE_FHIR_BASE}/identifier/case-id`;
export const ATTUNE_NOTE_HASH_SYSTEM = `${ATTUNE_FHIR_BASE}/identifier/note-sha256`;
/** Attune's codes for measure totals without a LOINC code, and for the reliable-change component. */
export const ATTUNE_MEASURE_SYSTEM = `${ATTUNE_FHIR_BASE}/CodeSystem/measures`;
export const LOINC = 'http://loinc.org';
export const LOINC_PROGRESS_NOTE = '11506-3';
const UCUM = 'http://unitsofmeasure.org';

export const SCALE_CODES = {
  score: { code: 'attachment-scale', display: 'Attachment repair scale (1 = most severe insecure-attachment state, 10 = the miracle fully realised)' },
  keepsFromLower: { code: 'keeps-from-lower', display: 'What keeps you from being lower on the scale' },
  onePointHigher: { code: 'one-point-higher', display: 'What one point higher would look like' },
} as const;

/** The local CodeSystem of the 1-10 scale and its two follow-up questions. */
export function scaleCodeSystem(): CodeSystem {
  return {
    resourceType: 'CodeSystem',
    id: 'attachment-scale',
    url: ATTUNE_SCALE_SYSTEM,
    version: '1',
    name: 'AttuneAttachmentScale',
    title: 'Attune attachment repair scale',
    status: 'active',
    content: 'complete',
    caseSensitive: true,
    description: 'A self- or practitioner rating from 1 to 10 in steps of 0.5, and the two follow-up questions asked with it.',
    concept: Object.values(SCALE_CODES).map((c) => ({ code: c.code, display: c.display })),
  };
}

export interface FhirOptions {
  /** When the export is made: a session without a status counts as held once started by then. */
  asOf: Date;
  /** Base of the bundle entries' fullUrl, e.g. `https://clinic.example/api/fhir`. */
  baseUrl: string;
  /** Language of the note texts (BCP 47). */
  language?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one builder for references of every target type
const ref = (type: string, id: string, display?: string): Reference<any> => (display ? { reference: `${type}/${id}`, display } : { reference: `${type}/${id}` });
const partnerId = (id: string, client: RecordClient) => `${id}-${client.position}`;
const patientRef = (client: RecordClient): Reference<Patient> => ({ reference: `Patient/${client.id}`, display: client.displayName });

function practitionerRef(record: CaseRecord, id: string): Reference<Practitioner> {
  const display = staffName(record, id);
  return display ? { reference: `Practitioner/${id}`, display } : { reference: `Practitioner/${id}` };
}

function staffName(record: CaseRecord, id: string | null): string | undefined {
  return id ? record.staff.find((s) => s.id === id)?.displayName : undefined;
}

export function toOrganization(practice: CaseRecord['practice']): Organization {
  return { resourceType: 'Organization', id: practice.id, active: true, name: practice.name };
}

export function toPatient(practice: CaseRecord['practice'], client: Omit<RecordClient, 'position'>): Patient {
  const telecom = [
    ...(client.email ? [{ system: 'email' as const, value: client.email }] : []),
    ...(client.phone ? [{ system: 'phone' as const, value: client.phone }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: client.id,
    active: client.status !== 'discharged',
    name: [{ use: 'usual', text: client.displayName }],
    ...(telecom.length ? { telecom } : {}),
    managingOrganization: ref('Organization', practice.id, practice.name),
  };
}

export function toPractitioner(staff: { id: string; displayName: string }): Practitioner {
  return { resourceType: 'Practitioner', id: staff.id, active: true, name: [{ text: staff.displayName }] };
}

export function toEpisodeOfCare(record: CaseRecord, client: RecordClient): EpisodeOfCare {
  const k = record.case;
  return {
    resourceType: 'EpisodeOfCare',
    id: partnerId(k.id, client),
    identifier: [{ system: ATTUNE_CASE_ID_SYSTEM, value: k.id }],
    status: k.status === 'open' ? 'active' : 'finished',
    type: [{ text: k.kind === 'couple' ? 'Couple work: solution-focused attachment repair' : 'Individual work: solution-focused attachment repair' }],
    patient: ref('Patient', client.id, client.displayName),
    managingOrganization: ref('Organization', record.practice.id),
    period: { start: k.openedAt, ...(k.closedAt ? { end: k.closedAt } : {}) },
    careManager: ref('Practitioner', k.practitionerId, staffName(record, k.practitionerId)),
  };
}

export function toEncounter(record: CaseRecord, session: RecordSession, client: RecordClient): Encounter {
  const end = new Date(Date.parse(session.startsAt) + session.durationMinutes * 60_000).toISOString();
  const stage = STAGES.find((s) => s.stage === session.stage);
  return {
    resourceType: 'Encounter',
    id: partnerId(session.id, client),
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    type: [{ text: session.format === 'joint' ? 'Joint session (both partners)' : 'Individual session' }],
    subject: ref('Patient', client.id, client.displayName),
    episodeOfCare: [ref('EpisodeOfCare', partnerId(record.case.id, client))],
    participant: [{ individual: ref('Practitioner', record.case.practitionerId, staffName(record, record.case.practitionerId)) }],
    period: { start: session.startsAt, end },
    length: { value: session.durationMinutes, unit: 'min', system: UCUM, code: 'min' },
    ...(stage ? { reasonCode: [{ text: `Stage ${stage.stage}: ${stage.title}` }] } : {}),
    serviceProvider: ref('Organization', record.practice.id),
  };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The UTF-8 bytes of a text (lone surrogates become U+FFFD), with no platform API. */
function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    let cp = char.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

/** Base64 of a text's UTF-8 bytes, pure (libs has neither Node's Buffer nor the browser's btoa). */
export function base64Utf8(text: string): string {
  const bytes = utf8Bytes(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]! + (b === undefined ? '=' : BASE64[(n >> 6) & 63]!) + (c === undefined ? '=' : BASE64[n & 63]!);
  }
  return out;
}

/** The signed note of a session, as a progress note (LOINC 11506-3) under one attendee's Patient. */
export function toNoteDocument(record: CaseRecord, session: RecordSession, client: RecordClient, options: FhirOptions): DocumentReference {
  const signer = session.signedBy ?? record.case.practitionerId;
  return {
    resourceType: 'DocumentReference',
    id: partnerId(session.id, client),
    ...(session.noteHash ? { identifier: [{ system: ATTUNE_NOTE_HASH_SYSTEM, value: session.noteHash }] } : {}),
    status: 'current',
    docStatus: 'final',
    type: { coding: [{ system: LOINC, code: LOINC_PROGRESS_NOTE, display: 'Progress note' }], text: 'Session note' },
    subject: ref('Patient', client.id, client.displayName),
    date: session.signedAt!,
    author: [ref('Practitioner', signer, staffName(record, signer))],
    authenticator: ref('Practitioner', signer, staffName(record, signer)),
    description: `Signed session note of ${session.startsAt.slice(0, 10)}`,
    content: [{
      attachment: {
        contentType: 'text/plain; charset=utf-8',
        language: options.language ?? 'en',
        data: base64Utf8(readableNoteText(session.note)),
        title: 'Session note',
        creation: session.signedAt!,
      },
    }],
    context: {
      encounter: [ref('Encounter', partnerId(session.id, client))],
      period: { start: session.startsAt },
    },
  };
}

/** An addendum to a signed note: its own document, appending to the note's. */
export function toAddendumDocument(record: CaseRecord, session: RecordSession, addendum: RecordSession['addenda'][number], client: RecordClient, options: FhirOptions): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: partnerId(addendum.id, client),
    identifier: [{ system: ATTUNE_NOTE_HASH_SYSTEM, value: addendum.hash }],
    status: 'current',
    docStatus: 'amended',
    type: { coding: [{ system: LOINC, code: LOINC_PROGRESS_NOTE, display: 'Progress note' }], text: `Addendum ${addendum.position} to a session note` },
    subject: ref('Patient', client.id, client.displayName),
    date: addendum.createdAt,
    author: [ref('Practitioner', addendum.authorId, staffName(record, addendum.authorId))],
    relatesTo: [{ code: 'appends', target: ref('DocumentReference', partnerId(session.id, client)) }],
    content: [{ attachment: { contentType: 'text/plain; charset=utf-8', language: options.language ?? 'en', data: base64Utf8(addendum.text), title: `Addendum ${addendum.position}`, creation: addendum.createdAt } }],
    context: { encounter: [ref('Encounter', partnerId(session.id, client))] },
  };
}

/** One partner's rating on the 1-10 scale: a decimal quantity, the partner as subject. */
export function toScaleObservation(record: CaseRecord, score: RecordScaleScore, client: RecordClient, heldSessionIds: ReadonlySet<string>): Observation {
  const performer = score.source === 'client'
    ? ref('Patient', client.id, client.displayName)
    : ref('Practitioner', score.recordedBy ?? record.case.practitionerId, staffName(record, score.recordedBy ?? record.case.practitionerId));
  const components = [
    ...(score.keepsFromLower ? [{ code: { coding: [{ system: ATTUNE_SCALE_SYSTEM, ...SCALE_CODES.keepsFromLower }] }, valueString: score.keepsFromLower }] : []),
    ...(score.onePointHigher ? [{ code: { coding: [{ system: ATTUNE_SCALE_SYSTEM, ...SCALE_CODES.onePointHigher }] }, valueString: score.onePointHigher }] : []),
  ];
  return {
    resourceType: 'Observation',
    id: score.id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
    code: { coding: [{ system: ATTUNE_SCALE_SYSTEM, ...SCALE_CODES.score }], text: 'Attachment repair scale' },
    subject: ref('Patient', client.id, client.displayName),
    ...(score.sessionId && heldSessionIds.has(score.sessionId) ? { encounter: ref('Encounter', partnerId(score.sessionId, client)) } : {}),
    effectiveDateTime: score.recordedAt,
    performer: [performer],
    valueQuantity: { value: score.score, unit: 'score', system: UCUM, code: '{score}' },
    referenceRange: [{ low: { value: 1, unit: 'score', system: UCUM, code: '{score}' }, high: { value: 10, unit: 'score', system: UCUM, code: '{score}' } }],
    ...(components.length ? { component: components } : {}),
  };
}

/** The canonical URL of a measure's Questionnaire, with its version (what a response points at). */
export function measureQuestionnaireCanonical(def: Pick<MeasureDefinition, 'key' | 'version'>): string {
  return `${MEASURE_CANONICAL_BASE}/${def.key}|${def.version}`;
}

/** The code of a measure's total: LOINC where one exists (PHQ-9 44261-6, GAD-7 70274-6), else Attune's own. */
export function measureTotalCoding(def: MeasureDefinition): { system: string; code: string; display: string } {
  return def.loincTotal
    ? { system: LOINC, code: def.loincTotal, display: `${def.shortTitle} total score` }
    : { system: ATTUNE_MEASURE_SYSTEM, code: `${def.key}-total`, display: `${def.shortTitle} total score` };
}

const RELIABLE_CHANGE_CODE = { code: 'reliable-change', display: 'Reliable change since the first score of the series' } as const;
const CHANGE_DISPLAY: Record<ChangeClass, string> = {
  reliable_improvement: 'Reliable improvement',
  no_reliable_change: 'No reliable change',
  reliable_deterioration: 'Reliable deterioration',
};

/** The local CodeSystem of the measure totals that have no LOINC code, and of the reliable-change component. */
export function measureCodeSystem(defs: readonly MeasureDefinition[]): CodeSystem {
  return {
    resourceType: 'CodeSystem',
    id: 'measures',
    url: ATTUNE_MEASURE_SYSTEM,
    version: '1',
    name: 'AttuneMeasures',
    title: 'Attune measure codes',
    status: 'active',
    content: 'complete',
    caseSensitive: true,
    description: 'Totals of measures that have no LOINC code, and the reliable-change classification of a measure total.',
    concept: [
      ...defs.filter((d) => !d.loincTotal).map((d) => ({ code: `${d.key}-total`, display: `${d.shortTitle} total score` })),
      RELIABLE_CHANGE_CODE,
      ...Object.entries(CHANGE_DISPLAY).map(([code, display]) => ({ code, display })),
    ],
  };
}

/** A measure's definition as a FHIR R4 Questionnaire (items, ordinal weights, the Chinese text as translations). */
export function toMeasureQuestionnaire(def: MeasureDefinition): Questionnaire {
  return measureToFhirQuestionnaire(def) as unknown as Questionnaire;
}

/** A completed measure: each answered item as the option's coding, the partner who answered as subject. */
export function toMeasureQuestionnaireResponse(record: CaseRecord, measure: RecordMeasure, def: MeasureDefinition, client: RecordClient): QuestionnaireResponse {
  const system = `${MEASURE_CANONICAL_BASE}/${def.key}/answers`;
  const items = def.items.flatMap((item): QuestionnaireResponseItem[] => {
    const option = item.options.find((o) => o.value === measure.answers[item.key]);
    return option ? [{ linkId: item.key, text: item.text.en, answer: [{ valueCoding: { system, code: String(option.value), display: option.label.en } }] }] : [];
  });
  const enteredBy = measure.enteredBy ?? record.case.practitionerId;
  return {
    resourceType: 'QuestionnaireResponse',
    id: measure.id,
    questionnaire: measureQuestionnaireCanonical(def),
    status: 'completed',
    subject: patientRef(client),
    authored: measure.completedAt,
    author: measure.source === 'client' ? patientRef(client) : practitionerRef(record, enteredBy),
    source: patientRef(client),
    ...(items.length ? { item: items } : {}),
  };
}

/** A completed measure's total: its code, the score as a quantity, the band as interpretation, the reliable change as a component. */
export function toMeasureObservation(record: CaseRecord, measure: RecordMeasure, def: MeasureDefinition, client: RecordClient): Observation | null {
  if (measure.score === null) return null;
  const band = def.bands.find((b) => b.key === measure.band);
  const enteredBy = measure.enteredBy ?? record.case.practitionerId;
  return {
    resourceType: 'Observation',
    id: measure.id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
    code: { coding: [measureTotalCoding(def)], text: `${def.shortTitle} total score` },
    subject: patientRef(client),
    effectiveDateTime: measure.completedAt,
    issued: measure.completedAt,
    performer: [measure.source === 'client' ? patientRef(client) : practitionerRef(record, enteredBy)],
    valueQuantity: { value: measure.score, unit: 'score', system: UCUM, code: '{score}' },
    ...(band ? { interpretation: [{ coding: [{ system: `${MEASURE_CANONICAL_BASE}/${def.key}/bands`, code: band.key, display: band.label.en }], text: band.label.en }] } : {}),
    derivedFrom: [{ reference: `QuestionnaireResponse/${measure.id}` }],
    ...(measure.changeClass ? {
      component: [{
        code: { coding: [{ system: ATTUNE_MEASURE_SYSTEM, ...RELIABLE_CHANGE_CODE }] },
        valueCodeableConcept: { coding: [{ system: ATTUNE_MEASURE_SYSTEM, code: measure.changeClass, display: CHANGE_DISPLAY[measure.changeClass] }], text: CHANGE_DISPLAY[measure.changeClass] },
      }],
    } : {}),
  };
}

/** The canonical URL of an exercise's Questionnaire. */
export function questionnaireUrl(exercise: RecordHomework['exercise']): string {
  return `${ATTUNE_FHIR_BASE}/Questionnaire/${exercise.builtIn ? exercise.key : exercise.id}`;
}

function questionnaireItem(field: ExerciseField): QuestionnaireItem {
  const base = { linkId: field.name, text: field.label, ...(field.required ? { required: true } : {}) };
  switch (field.kind) {
    case 'text': return { ...base, type: 'string', ...(field.maxLength ? { maxLength: field.maxLength } : {}) };
    case 'longText': return { ...base, type: 'text' };
    case 'list': return { ...base, type: 'string', repeats: true };
    case 'ranking': return {
      ...base,
      type: 'group',
      item: [
        { linkId: `${field.name}.items`, text: `${field.itemLabel} (most important first)`, type: 'string', repeats: true },
        { linkId: `${field.name}.focus`, text: 'Focus', type: 'string' },
      ],
    };
    case 'scale': return { ...base, type: 'decimal' };
    case 'date': return { ...base, type: 'dateTime' };
    case 'choice': return { ...base, type: 'choice', answerOption: field.options.map((o) => ({ valueCoding: { code: o.value, display: o.label } })) };
    case 'tags': return { ...base, type: 'open-choice', repeats: true, answerOption: field.suggestions.map((s) => ({ valueString: s })) };
    case 'boolean': return { ...base, type: 'boolean' };
    default: return assertNever(field);
  }
}

function assertNever(x: never): never {
  throw new Error(`unmapped exercise field ${JSON.stringify(x)}`);
}

export function toQuestionnaire(exercise: RecordHomework['exercise']): Questionnaire {
  return {
    resourceType: 'Questionnaire',
    id: exercise.id,
    url: questionnaireUrl(exercise),
    name: exercise.key.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    title: exercise.title,
    status: 'active',
    subjectType: ['Patient'],
    item: exercise.fields.map(questionnaireItem),
  };
}

function answersOf(field: ExerciseField, value: unknown): QuestionnaireResponseItemAnswer[] {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : []);
  switch (field.kind) {
    case 'text':
    case 'longText': return typeof value === 'string' && value.trim() ? [{ valueString: value }] : [];
    case 'list':
    case 'tags': return strings(value).map((s) => ({ valueString: s }));
    case 'scale': return typeof value === 'number' ? [{ valueDecimal: value }] : [];
    case 'date':
      if (typeof value !== 'string') return [];
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? [{ valueDate: value }] : [{ valueDateTime: value }];
    case 'choice': {
      const option = field.options.find((o) => o.value === value);
      return option ? [{ valueCoding: { code: option.value, display: option.label } }] : [];
    }
    case 'boolean': return typeof value === 'boolean' ? [{ valueBoolean: value }] : [];
    case 'ranking': return [];
    default: return assertNever(field);
  }
}

function responseItem(field: ExerciseField, value: unknown): QuestionnaireResponseItem | null {
  if (field.kind === 'ranking') {
    const ranking = (value ?? {}) as Partial<RankingValue>;
    const items = Array.isArray(ranking.items) ? ranking.items.filter((s) => typeof s === 'string' && s.trim()) : [];
    if (items.length === 0) return null;
    return {
      linkId: field.name,
      text: field.label,
      item: [
        { linkId: `${field.name}.items`, answer: items.map((s) => ({ valueString: s })) },
        ...(typeof ranking.focus === 'string' && ranking.focus ? [{ linkId: `${field.name}.focus`, answer: [{ valueString: ranking.focus }] }] : []),
      ],
    };
  }
  const answer = answersOf(field, value);
  return answer.length ? { linkId: field.name, text: field.label, answer } : null;
}

/** A completed homework: the client's answers, the client as author and subject. */
export function toQuestionnaireResponse(homework: RecordHomework, client: RecordClient): QuestionnaireResponse {
  const response = homework.response ?? {};
  const items = homework.exercise.fields.map((f) => responseItem(f, response[f.name])).filter((i): i is QuestionnaireResponseItem => i !== null);
  return {
    resourceType: 'QuestionnaireResponse',
    id: homework.id,
    questionnaire: questionnaireUrl(homework.exercise),
    status: 'completed',
    subject: ref('Patient', client.id, client.displayName),
    authored: homework.submittedAt!,
    author: ref('Patient', client.id, client.displayName),
    source: ref('Patient', client.id, client.displayName),
    ...(items.length ? { item: items } : {}),
  };
}

/**
 * The resources of a case for the given clients of it (all of them by default): Patient, Organization,
 * Practitioner, EpisodeOfCare per client; Encounter per held session the client attended;
 * DocumentReference per signed note (and addendum) of those; Observation per scale score;
 * Questionnaire per exercise and QuestionnaireResponse per completed homework; per completed
 * measure its Questionnaire, QuestionnaireResponse and the Observation of its total.
 */
export function caseRecordResources(record: CaseRecord, options: FhirOptions, clientIds: readonly string[] = record.clients.map((c) => c.id)): Resource[] {
  const clients = record.clients.filter((c) => clientIds.includes(c.id));
  const held = record.sessions.filter((s) => sessionWasHeld(s, options.asOf));
  const out: Resource[] = [toOrganization(record.practice)];
  const usedMeasures = new Set<MeasureDefinition>();
  for (const client of clients) {
    out.push(toPatient(record.practice, client), toEpisodeOfCare(record, client));
    const attended = held.filter((s) => s.attendeeIds.includes(client.id));
    const attendedIds = new Set(attended.map((s) => s.id));
    for (const session of attended) {
      out.push(toEncounter(record, session, client));
      if (session.signedAt) {
        out.push(toNoteDocument(record, session, client, options));
        for (const addendum of session.addenda) out.push(toAddendumDocument(record, session, addendum, client, options));
      }
    }
    for (const score of record.scaleScores.filter((s) => s.clientId === client.id)) out.push(toScaleObservation(record, score, client, attendedIds));
    for (const homework of record.homework.filter((h) => h.clientId === client.id && homeworkCompleted(h))) {
      out.push(toQuestionnaire(homework.exercise), toQuestionnaireResponse(homework, client));
    }
    for (const measure of record.measures.filter((m) => m.clientId === client.id)) {
      const def = builtInMeasure(measure.measureKey);
      if (!def) continue;
      const total = toMeasureObservation(record, measure, def, client);
      out.push(toMeasureQuestionnaire(def), toMeasureQuestionnaireResponse(record, measure, def, client), ...(total ? [total] : []));
      if (total) usedMeasures.add(def);
    }
  }
  const staffIds = new Set<string>([record.case.practitionerId]);
  for (const r of out) collectPractitionerRefs(r, staffIds);
  for (const id of staffIds) {
    const staff = record.staff.find((s) => s.id === id);
    if (staff) out.push(toPractitioner(staff));
  }
  if (out.some((r) => r.resourceType === 'Observation' && r.code.coding?.[0]?.system === ATTUNE_SCALE_SYSTEM)) out.push(scaleCodeSystem());
  if (usedMeasures.size > 0) out.push(measureCodeSystem([...usedMeasures]));
  return out;
}

function collectPractitionerRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectPractitionerRefs(v, into);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string' && v.startsWith('Practitioner/')) into.add(v.slice('Practitioner/'.length));
      else collectPractitionerRefs(v, into);
    }
  }
}

/**
 * The `$everything` answer: a searchset Bundle of the resources, each once (the same exercise's
 * Questionnaire or the same practitioner from several cases appear once), Patients first.
 */
export function everythingBundle(resources: readonly Resource[], options: Pick<FhirOptions, 'baseUrl' | 'asOf'>, additional: readonly Resource[] = []): Bundle {
  const seen = new Set<string>();
  const entries: BundleEntry[] = [];
  const order = (r: Resource) => (r.resourceType === 'Patient' ? 0 : 1);
  for (const resource of [...resources, ...additional].sort((a, b) => order(a) - order(b))) {
    const key = `${resource.resourceType}/${resource.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ fullUrl: `${options.baseUrl}/${key}`, resource, search: { mode: order(resource) === 0 ? 'match' : 'include' } });
  }
  return { resourceType: 'Bundle', type: 'searchset', timestamp: options.asOf.toISOString(), total: entries.filter((e) => e.search?.mode === 'match').length, entry: entries };
}
