import { createHash } from 'node:crypto';
import { BUILT_IN_EXERCISES, canonicalNoteText, validateExerciseResponse, type ExerciseField, type SessionNote } from '@attune/domain';

/**
 * The text the benchmark network is written with: a few dozen variants of each kind, picked per row
 * by a hash, so notes, exceptions and answers have realistic sizes without a row-by-row generator.
 */

const BETTER = [
  'Slept through most nights; one calm breakfast together.',
  'Fewer text messages checking in; a walk on Sunday without an argument.',
  'Said good morning to each other every day this week.',
  'Noticed the urge to withdraw and stayed in the room for ten minutes.',
  'Kept the weekly check-in, although it was short.',
  'Not much better; but the bad evening ended sooner than it used to.',
];
const EXCEPTIONS_HEARD = [
  'Cooking together on Saturday felt easy; nobody checked a phone.',
  'When plans were shared in the morning there was no anxious texting all afternoon.',
  'A small kind gesture (tea left on the desk) thawed a long silence.',
  'Time apart at the gym was followed by a warm conversation.',
  'A disagreement about money stayed calm when they sat side by side instead of facing each other.',
];
const RESOURCES = [
  'Keeps a steady job through it all; calls a sister when panic rises.',
  'Journaling in the evening; a long friendship to lean on.',
  'Humour: can laugh at the pattern once it has passed.',
  'Runs three times a week; knows the panic passes.',
  'Both still coordinate the household reliably: evidence of goodwill.',
];
const VISION = [
  'A slow Saturday: market, cooking, a walk, no tension.',
  'Being able to say "I need an evening alone" without it sounding like leaving.',
  'Waking up without checking the phone; coffee by the window.',
  'Talking about the week for fifteen minutes every Sunday, even when it is hard.',
];
const NEXT_STEPS = [
  'Meet again in a week; keep the exception log.',
  'Joint session next; each partner brings one exception.',
  'Space sessions out to every two weeks.',
  'Individual sessions first, then a joint one.',
];
const FREE_TEXT = [
  'Pattern: pursues when the partner asks for space, withdraws when the partner comes close. Named it together without blame; agreed to watch for the first sign rather than the whole cycle.',
  'Spoke about the family of origin for a while; brought it back to what already works now. Client was surprised by how many exceptions she could list once we started.',
  'Tension early in the session, eased after the scale question. Both placed themselves higher than last time and could say what made the difference.',
  '',
  '',
];

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}

export interface NoteVariant {
  note: SessionNote;
  hash: string;
}

/** Session notes in the solution-focused template, with the hash a signature stores. */
export function noteVariants(count = 24): NoteVariant[] {
  return Array.from({ length: count }, (_, i) => {
    const note: SessionNote = {
      betterSinceLast: pick(BETTER, i),
      exceptionsHeard: pick(EXCEPTIONS_HEARD, i * 7 + 1),
      scaleRatings: `Places herself at ${3 + (i % 5)}; what keeps her from being lower: ${pick(RESOURCES, i + 2).toLowerCase()}`,
      resourcesNoticed: pick(RESOURCES, i * 3),
      vision: i % 3 === 0 ? pick(VISION, i) : null,
      homeworkReviewed: i % 2 === 0 ? 'Exception log done on four days; two entries about shared activities.' : null,
      homeworkAssigned: pick(['Exception log for the week.', 'Micro-experiment: one shared activity a day.', 'Scale positioning every evening.', 'Action menu, each partner.'], i),
      nextSteps: pick(NEXT_STEPS, i * 5),
      freeText: pick(FREE_TEXT, i) || null,
    };
    return { note, hash: createHash('sha256').update(canonicalNoteText(note)).digest('hex') };
  });
}

export const EXCEPTION_CONTEXTS = [
  'Saturday grocery shopping together', 'Cooking dinner together on Sunday', 'He said he needed an evening alone',
  'First weekly check-in, fifteen minutes', 'A message before he left for the gym', 'Planning the holidays on the sofa',
  'Her mother called during dinner', 'Walk after work along the river', 'A photo sent from a business trip',
  'Disagreement about money at the kitchen table', 'Morning coffee before the children woke up', 'Visiting friends together',
];
export const EXCEPTION_BEHAVIORS = [
  'Suggested what to cook instead of asking whether he still cared', 'Left the phone in the other room', 'Went for a run instead of texting',
  'Said what I needed without apologising', 'Sent one back and went on with the evening', 'Asked a question instead of assuming',
];
export const EXCEPTION_THOUGHTS = ['We are a team at this', 'Space is not leaving', 'He is just busy', 'I can be close without fear', 'This will pass'];
export const EXCEPTION_EMOTIONS = ['Light, a bit playful', 'Content', 'Uneasy, then calm', 'Relieved', 'Warm', 'Calm'];
export const EXCEPTION_MEANINGS = [
  'Doing ordinary things side by side calms the cycle', 'Knowing the plan in advance settles me', 'My own coping works',
  'A set time to talk lowers my need for reassurance', 'Small signs of contact matter while apart',
];
export const EXCEPTION_TAGS = ['shared activity', 'routine', 'time apart', 'calm conversation', 'advance notice', 'kind gesture', 'humour', 'physical closeness'];
export const FEEDBACK = [
  'Thank you: your loyalty to the relationship shows on every line.', 'Small and concrete: exactly right.',
  'A real find: notice what these moments have in common.', 'Keep this picture close; we will build on it.',
  'Two of three days: plenty to learn from.', 'The weekly check-in is yours now.',
];
export const SCALE_KEEPS_FROM_LOWER = ['I have friends to call and I know the panic passes.', 'We still say good night.', 'My work keeps me steady.', 'The weekly check-in.'];
export const SCALE_ONE_HIGHER = ['I would let an evening apart be just an evening.', 'We would eat together twice a week.', 'I would not check my phone first thing.'];
export const TRANSITION_REASONS = ['Intake', 'Ready to look at how they have been coping', 'Time to picture the relationship they want', 'A clear miracle picture; exceptions found', 'Pattern found; turning it into action', 'Consolidating what works'];
export const CASE_CONCERNS = [
  'Swings between fear of being abandoned and fear of being engulfed.', 'Months of silent treatment; coordination only by text message.',
  'Panics when the partner does not reply promptly.', 'Distance and suspicion since moving cities.', 'Avoids conflict until it explodes.',
];
export const CASE_TITLES = ['between two fears', 'from silence to dialogue', 'from anxiety to safety', 'rebuilding trust', 'first steps', 'finding the calm'];
export const GIVEN_NAMES = ['Chen', 'Zhao', 'Zhou', 'Liu', 'Wang', 'Li', 'Zhang', 'Yang', 'Huang', 'Wu', 'Xu', 'Sun', 'Ma', 'Hu', 'Guo', 'Lin', 'He', 'Gao', 'Luo', 'Zheng'];
export const FAMILY_NAMES = ['Jing', 'Lei', 'Ting', 'Jia', 'Fang', 'Hao', 'Yun', 'Bin', 'Mei', 'Qiang', 'Na', 'Jun', 'Yan', 'Tao', 'Xin', 'Ping'];

/** A complete, valid answer to an exercise: every field filled as a careful client would. */
export function sampleResponse(fields: readonly ExerciseField[], variant = 0): Record<string, unknown> {
  const response: Record<string, unknown> = {};
  for (const f of fields) {
    switch (f.kind) {
      case 'text': response[f.name] = pick(['A calm evening together', 'Saying good morning', 'Tea for two'], variant); break;
      case 'longText': response[f.name] = `${pick(BETTER, variant + f.name.length)} ${pick(EXCEPTION_MEANINGS, variant)}.`; break;
      case 'list': response[f.name] = Array.from({ length: Math.max(f.minItems, Math.min(3, f.maxItems)) }, (_, i) => `${pick(EXCEPTION_BEHAVIORS, variant + i)} (${i + 1})`); break;
      case 'ranking': {
        const items = Array.from({ length: Math.max(f.minItems, Math.min(3, f.maxItems)) }, (_, i) => pick(['Trust', 'Closeness', 'Freedom', 'Honesty', 'Fun', 'Calm'], variant + i) + ` ${i + 1}`);
        response[f.name] = { items, focus: items[0] };
        break;
      }
      case 'scale': response[f.name] = 3 + (variant % 10) * 0.5; break;
      case 'date': response[f.name] = '2026-11-20'; break;
      case 'choice': response[f.name] = f.options[variant % f.options.length]!.value; break;
      case 'tags': response[f.name] = [pick(EXCEPTION_TAGS, variant), pick(EXCEPTION_TAGS, variant + 3)]; break;
      case 'boolean': response[f.name] = variant % 2 === 0; break;
    }
  }
  const checked = validateExerciseResponse(fields, response, 'submit');
  if (!checked.ok) throw new Error(`The bench's sample answer is not valid: ${JSON.stringify(checked.fields)}`);
  return checked.value;
}

export interface ExerciseSample {
  key: string;
  stage: number;
  audience: string;
  effect: string | null;
  response: Record<string, unknown>;
}

export function exerciseSamples(): ExerciseSample[] {
  return BUILT_IN_EXERCISES.map((e, i) => ({ key: e.key, stage: e.stage, audience: e.audience, effect: e.effect ?? null, response: sampleResponse(e.fields, i) }));
}
