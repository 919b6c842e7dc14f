import { COMMUNICATION_PROFILE } from './communication-profile.js';
import type { LocalText, MeasureDefinition, MeasureLocale } from './instrument.js';
import { GAD7, PHQ9, WHO5 } from './standard-measures.js';

/** The measures shipped with Attune, read-only. */
export const BUILT_IN_MEASURES: readonly MeasureDefinition[] = [PHQ9, GAD7, WHO5, COMMUNICATION_PROFILE];

export function builtInMeasure(key: string): MeasureDefinition | undefined {
  return BUILT_IN_MEASURES.find((m) => m.key === key);
}

export function localText(text: LocalText, locale: MeasureLocale | string): string {
  return locale.toLowerCase().startsWith('zh') ? text['zh-CN'] : text.en;
}

/** Where Attune's measure definitions live as canonical FHIR resources. */
export const MEASURE_CANONICAL_BASE = 'https://attune.example/fhir/Questionnaire';

const TRANSLATION_URL = 'http://hl7.org/fhir/StructureDefinition/translation';
const ORDINAL_URL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

function translated(text: LocalText) {
  return { extension: [{ url: TRANSLATION_URL, extension: [{ url: 'lang', valueCode: 'zh-CN' }, { url: 'content', valueString: text['zh-CN'] }] }] };
}

/** A FHIR R4 Questionnaire of a definition: items as choice questions, weights as ordinal values, Chinese as translations. */
export function measureToFhirQuestionnaire(def: MeasureDefinition): Record<string, unknown> {
  const system = `${MEASURE_CANONICAL_BASE}/${def.key}/answers`;
  return {
    resourceType: 'Questionnaire',
    id: def.key,
    url: `${MEASURE_CANONICAL_BASE}/${def.key}`,
    version: def.version,
    name: def.shortTitle.replace(/[^A-Za-z0-9]/g, ''),
    title: def.title.en,
    _title: translated(def.title),
    status: 'active',
    subjectType: ['Patient'],
    copyright: def.licence.attribution,
    ...(def.loincTotal ? { code: [{ system: 'http://loinc.org', code: def.loincTotal, display: `${def.shortTitle} total score` }] } : {}),
    description: def.instructions.en,
    item: def.items.map((item) => ({
      linkId: item.key,
      text: item.text.en,
      _text: translated(item.text),
      type: 'choice',
      required: !(def.missing.maxMissing > 0) || (def.missing.required ?? []).includes(item.key),
      answerOption: item.options.map((o) => ({
        valueCoding: {
          extension: [{ url: ORDINAL_URL, valueDecimal: item.reverse ? Math.min(...item.options.map((x) => x.value)) + Math.max(...item.options.map((x) => x.value)) - o.value : o.value }],
          system,
          code: String(o.value),
          display: o.label.en,
        },
      })),
    })),
  };
}
