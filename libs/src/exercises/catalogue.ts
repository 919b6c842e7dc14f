import { z } from 'zod';
import { EXCEPTION_TAG_SUGGESTIONS } from '../exceptions.js';
import { enumSchema, intSchema, textSchema } from '../primitives.js';
import type { StageNumber } from '../stages.js';
import { stageNumberSchema } from '../stages.js';
import { exerciseFieldsSchema, type ExerciseField } from './exercise-fields.js';

export const EXERCISE_AUDIENCES = ['individual', 'each_partner', 'partners_together'] as const;
/**
 * Who does the exercise: `individual` — the person it is assigned to, on their own;
 * `each_partner` — in a couple case, each partner separately (answers private unless shared);
 * `partners_together` — both partners at the same time.
 */
export type ExerciseAudience = (typeof EXERCISE_AUDIENCES)[number];

export type ExerciseCadence = { kind: 'once' } | { kind: 'daily'; days: number } | { kind: 'weekly'; weeks: number };

export const EXERCISE_CADENCE_KINDS = ['once', 'daily', 'weekly'] as const;

export const exerciseAudienceSchema = enumSchema(EXERCISE_AUDIENCES);

export const exerciseCadenceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('once') }),
    z.object({ kind: z.literal('daily'), days: intSchema(1, 60) }),
    z.object({ kind: z.literal('weekly'), weeks: intSchema(1, 26) }),
  ],
  { error: 'must be one of: once, daily, weekly' },
);

/** Words for a cadence: "once", "daily for 7 days", "weekly for 4 weeks". */
export function describeCadence(cadence: ExerciseCadence): string {
  switch (cadence.kind) {
    case 'once':
      return 'once';
    case 'daily':
      return cadence.days === 1 ? 'daily for 1 day' : `daily for ${cadence.days} days`;
    case 'weekly':
      return cadence.weeks === 1 ? 'weekly for 1 week' : `weekly for ${cadence.weeks} weeks`;
  }
}

export interface ExerciseDefinition {
  key: string;
  stage: StageNumber;
  title: string;
  summary: string;
  instructions: string;
  audience: ExerciseAudience;
  cadence: ExerciseCadence;
  fields: ExerciseField[];
  /** A submitted response also creates a domain record: an exception, a scale score, or an exception's deep description. */
  effect?: ExerciseEffect;
}

/** What a submitted response can create besides itself (the API's submit effects are keyed by these). */
export const EXERCISE_EFFECTS = ['exception', 'scale_score', 'exception_deep'] as const;
export type ExerciseEffect = (typeof EXERCISE_EFFECTS)[number];

/** Body for creating or updating a practitioner's own exercise. */
export const customExerciseInputSchema = z.object({
  stage: stageNumberSchema,
  title: textSchema(3, 120),
  summary: textSchema(0, 300).optional(),
  instructions: textSchema(10, 5000),
  audience: exerciseAudienceSchema,
  cadence: exerciseCadenceSchema,
  fields: exerciseFieldsSchema,
});

export type CustomExerciseInput = z.infer<typeof customExerciseInputSchema>;

const ONCE: ExerciseCadence = { kind: 'once' };

/**
 * The eighteen built-in exercises: three for each stage, following the practices of the source
 * article, with instructions in our own words. Field names are part of the API contract: responses
 * are stored under them.
 */
export const BUILT_IN_EXERCISES: readonly ExerciseDefinition[] = deepFreeze([
  // ---------------------------------------------------------------- Stage 1: Collaborative Establishment
  {
    key: 'relationship-narrative',
    stage: 1,
    title: 'Relationship narrative',
    summary: 'Tell the story of your relationship the way you want it to be understood.',
    instructions:
      'Set aside a calm half hour. Write the story of your relationship, not as a list of what is wrong, ' +
      'but as you would want someone who cares about you to hear it. What does this relationship mean to ' +
      'you? Where does it hurt at the moment? What are you hoping for? Nothing needs to be solved here: the ' +
      'aim is to put your own experience into words, so that we can start from it together.',
    audience: 'individual',
    cadence: ONCE,
    fields: [
      {
        name: 'story',
        kind: 'longText',
        label: 'Your relationship story',
        help: 'In your own words, the way you would like it to be understood.',
      },
      { name: 'whatMatters', kind: 'longText', label: 'What matters most to you in this relationship?', required: true },
      { name: 'struggles', kind: 'longText', label: 'What are you struggling with right now?', required: true },
      { name: 'longings', kind: 'longText', label: 'What do you long for?', required: true },
    ],
  },
  {
    key: 'collaborative-listening',
    stage: 1,
    title: 'Collaborative listening',
    summary: 'Take turns: five minutes of talking while the other only listens to understand.',
    instructions:
      'Sit down together. One of you talks for five minutes about how things are for them; the other ' +
      'listens without interrupting, correcting or answering back, trying only to grasp what it is like ' +
      'from the inside. Then swap. You do not have to agree on anything. Afterwards, each of you notes ' +
      'what you understood and what it was like to be listened to.',
    audience: 'partners_together',
    cadence: ONCE,
    fields: [
      {
        name: 'whatIUnderstood',
        kind: 'longText',
        label: 'What did you understand about how things are for your partner?',
        required: true,
      },
      { name: 'beingHeard', kind: 'longText', label: 'What was it like to be listened to without interruption?' },
      { name: 'bothTookTurns', kind: 'boolean', label: 'Did you both get your five minutes?' },
    ],
  },
  {
    key: 'hope-questions',
    stage: 1,
    title: 'Hope questions',
    summary: 'Imagine things being just a little better, not solved.',
    instructions:
      'Ask yourself, and if you can your partner too: if things between us were only slightly better ' +
      'today, what would that look like? Keep it small: not everything fixed, just a little easier. Then ' +
      'think about the very first thing that would tell you this small improvement has begun.',
    audience: 'each_partner',
    cadence: ONCE,
    fields: [
      {
        name: 'littleBetter',
        kind: 'longText',
        label: 'If things were a little better today, what would be different?',
        help: 'A small improvement, not a complete solution.',
        required: true,
      },
      { name: 'firstSign', kind: 'longText', label: 'What would be the first small sign of it?' },
    ],
  },
  // ---------------------------------------------------------------- Stage 2: Resource Identification
  {
    key: 'coping-list',
    stage: 2,
    title: 'Coping list',
    summary: 'List everything you have done to get through the hard times, even the imperfect things.',
    instructions:
      'Write down every way you have found to get through the difficult moments in this relationship, ' +
      'including the ones that feel clumsy or only half work: going for a run, calling a friend, keeping ' +
      'busy, telling yourself it will pass, writing a letter you never sent. This is not about judging ' +
      'whether they are good strategies; it is about noticing that you have been coping all along.',
    audience: 'individual',
    cadence: ONCE,
    fields: [
      {
        name: 'copingStrategies',
        kind: 'list',
        label: 'Ways you have coped',
        itemLabel: 'Something you did to get through',
        help: 'At least three. Small and imperfect ones count.',
        minItems: 3,
        maxItems: 30,
        required: true,
      },
      { name: 'whatThisShows', kind: 'longText', label: 'Looking at the list, what does it say about you?' },
    ],
  },
  {
    key: 'strength-exploration',
    stage: 2,
    title: 'Strength exploration',
    summary: 'Find the strengths that carried you through difficulties before.',
    instructions:
      'Think back to earlier difficult times in a relationship, this one or another, that you came through. ' +
      'What helped you then? What did you discover about yourself? Imagine your partner, or a good friend, ' +
      'describing what you are good at when relationships get hard. Which of your qualities keep you going ' +
      'even now?',
    audience: 'individual',
    cadence: ONCE,
    fields: [
      { name: 'whatHelpedBefore', kind: 'longText', label: 'What helped you through past difficulties?', required: true },
      { name: 'learnedAboutMyself', kind: 'longText', label: 'What did those times teach you about yourself?', required: true },
      {
        name: 'strengthsOthersSee',
        kind: 'longText',
        label: 'Which strengths would your partner or friends see in you?',
        required: true,
      },
      { name: 'qualitiesThatKeepMeGoing', kind: 'longText', label: 'Which of your qualities keep you going?' },
    ],
  },
  {
    key: 'exception-log',
    stage: 2,
    title: 'Exception log',
    summary: 'Each day, note a moment when {problem} was weaker or absent.',
    instructions:
      'Every day this week, catch at least one moment when the insecurity was quieter than usual, or not ' +
      'there at all. However brief, write it down: what was going on around you, what you did, what went ' +
      'through your mind and how you felt, compared with the usual. Finish with what the moment might be ' +
      'telling you. Tags help us see later under which conditions these moments happen.',
    audience: 'individual',
    cadence: { kind: 'daily', days: 7 },
    effect: 'exception',
    fields: [
      { name: 'occurredAt', kind: 'date', label: 'When did it happen?', required: true },
      { name: 'context', kind: 'longText', label: 'What was different about the situation?', required: true },
      { name: 'behavior', kind: 'longText', label: 'What did you do differently?', required: true },
      { name: 'thoughts', kind: 'longText', label: 'What were you thinking that was different?' },
      { name: 'emotions', kind: 'longText', label: 'How did you feel, compared with usual?' },
      { name: 'meaning', kind: 'longText', label: 'What does this moment tell you?', required: true },
      {
        name: 'tags',
        kind: 'tags',
        label: 'What was going on?',
        help: 'Pick any that fit, or add your own.',
        suggestions: [...EXCEPTION_TAG_SUGGESTIONS],
      },
    ],
  },
  // ---------------------------------------------------------------- Stage 3: Vision Clarification
  {
    key: 'miracle-question',
    stage: 3,
    title: 'Miracle question',
    summary: 'Picture the morning after {problem} has quietly disappeared.',
    instructions:
      'Find a quiet moment and close your eyes. Suppose that tonight, while you are asleep, the difficulty ' +
      'in your relationship is resolved, but since you were sleeping nobody tells you. Tomorrow morning, ' +
      'what is the first small thing that makes you suspect something has changed? What do you do ' +
      'differently, what does your partner do differently, and how do the two of you get along through ' +
      'the day? Describe that day in as much concrete detail as you can.',
    audience: 'individual',
    cadence: ONCE,
    fields: [
      { name: 'firstSign', kind: 'longText', label: 'The first small sign that something has changed', required: true },
      { name: 'whatIDoDifferently', kind: 'longText', label: 'What do you do differently?', required: true },
      { name: 'whatPartnerDoesDifferently', kind: 'longText', label: 'What does your partner do differently?', required: true },
      { name: 'howWeInteract', kind: 'longText', label: 'How are your moments together different?' },
      {
        name: 'miracleDay',
        kind: 'longText',
        label: 'Your miracle day, in detail',
        help: 'From waking up to going to sleep. The more specific, the better.',
        minLength: 30,
        required: true,
      },
    ],
  },
  {
    key: 'scale-positioning',
    stage: 3,
    title: 'Scale positioning',
    summary: 'Place yourself on the 1-10 scale and describe one point higher.',
    instructions:
      'Imagine a scale from 1 to 10, where 1 is the worst the insecurity in this relationship has ever ' +
      'been and 10 is the miracle having fully happened. Where are you today? Where have you been on it ' +
      'before? Then two questions: what is keeping you from being lower than you are, and if you moved up ' +
      'a single point, what is the first thing you would notice?',
    audience: 'individual',
    cadence: ONCE,
    effect: 'scale_score',
    fields: [
      { name: 'score', kind: 'scale', label: 'Where are you today?', help: '1 = the worst it has been, 10 = the miracle fully realised.', required: true },
      { name: 'pastPosition', kind: 'scale', label: 'Where have you been on the scale before?' },
      { name: 'keepsFromLower', kind: 'longText', label: 'What keeps you from being lower?', required: true },
      { name: 'onePointHigher', kind: 'longText', label: 'One point higher: what would you notice first?', required: true },
    ],
  },
  {
    key: 'value-ranking',
    stage: 3,
    title: 'Value ranking',
    summary: 'Rank what matters most in your relationship and choose one value to live by this week.',
    instructions:
      'Name between five and ten values that matter most to you in your relationship: for example safety, ' +
      'warmth, honesty, respect, support, freedom, growth, understanding, closeness or fun. Put them in ' +
      'order, the most important first. Then choose one of them to guide you over the coming week, say ' +
      'why you chose it, and name one concrete thing you will do this week that fits it.',
    audience: 'individual',
    cadence: ONCE,
    fields: [
      {
        name: 'values',
        kind: 'ranking',
        label: 'Your values, most important first',
        itemLabel: 'Value',
        help: 'Between five and ten. Then pick one of them as your focus for the week.',
        minItems: 5,
        maxItems: 10,
        required: true,
      },
      { name: 'why', kind: 'longText', label: 'Why this value, this week?', required: true },
      { name: 'actionThisWeek', kind: 'longText', label: 'One concrete thing you will do this week', required: true },
    ],
  },
  // ---------------------------------------------------------------- Stage 4: Exception Amplification
  {
    key: 'exception-deep-description',
    stage: 4,
    title: 'Exception deep description',
    summary: 'Describe one of your most significant exceptions in depth.',
    instructions:
      'Go back through your exception log and pick the three to five moments that stand out most. Describe ' +
      'one of them here in depth (your practitioner may ask you to repeat this for the others): where you ' +
      'were and what was happening, what went through your mind, what you did, what you felt in your body, ' +
      'what this moment shows you are capable of as a couple, and how your relationship would look if ' +
      'moments like this came more often.',
    audience: 'individual',
    effect: 'exception_deep',
    cadence: ONCE,
    fields: [
      { name: 'occurredAt', kind: 'date', label: 'When did it happen?' },
      { name: 'context', kind: 'longText', label: 'What exactly was happening?', required: true },
      { name: 'thoughts', kind: 'longText', label: 'What was going through your mind?', required: true },
      { name: 'behavior', kind: 'longText', label: 'What did you do differently?', required: true },
      { name: 'bodily', kind: 'longText', label: 'How did it feel in your body?', required: true },
      {
        name: 'capacity',
        kind: 'longText',
        label: 'What forgotten capacity of your relationship does it reveal?',
        required: true,
      },
      { name: 'ifMoreOften', kind: 'longText', label: 'If this happened more often, how would your relationship look?', required: true },
    ],
  },
  {
    key: 'pattern-recognition',
    stage: 4,
    title: 'Pattern recognition',
    summary: 'Find the conditions your exceptions have in common.',
    instructions:
      'Read your exception log as a whole and look for what the good moments share. Were you doing ' +
      'something together? Was there something about the place, the time of day or the circumstances? ' +
      'Were you in a particular mood? These common conditions are clues: they show what you could set up ' +
      'on purpose to make such moments more likely.',
    audience: 'individual',
    cadence: ONCE,
    fields: [
      {
        name: 'conditions',
        kind: 'tags',
        label: 'Conditions that keep coming back',
        help: 'Pick any that fit, or add your own.',
        suggestions: [...EXCEPTION_TAG_SUGGESTIONS],
        required: true,
      },
      { name: 'patterns', kind: 'longText', label: 'What do the good moments have in common?', required: true },
      { name: 'togetherActivities', kind: 'longText', label: 'What were you doing, and with whom?' },
      { name: 'circumstances', kind: 'longText', label: 'Place, time of day or other circumstances' },
      { name: 'emotionalState', kind: 'longText', label: 'What state of mind were you in?' },
      { name: 'howToCreateMore', kind: 'longText', label: 'Which of these conditions could you create on purpose?', required: true },
    ],
  },
  {
    key: 'micro-experiment',
    stage: 4,
    title: 'Micro-experiment',
    summary: 'For three days, deliberately create a condition under which exceptions happen.',
    instructions:
      'Choose one condition from your patterns and, for the next three days, bring it about on purpose once ' +
      'a day. If, say, things ease after a small kind gesture, make one small kind gesture each day. Each ' +
      'day, note what you did and what happened. This is an experiment, not a test: whatever happens, you ' +
      'learn something.',
    audience: 'each_partner',
    cadence: { kind: 'daily', days: 3 },
    fields: [
      { name: 'condition', kind: 'longText', label: 'Which condition will you create?', required: true },
      { name: 'plan', kind: 'longText', label: 'What exactly will you do each day?', required: true },
      {
        name: 'observations',
        kind: 'list',
        label: 'What happened each day',
        itemLabel: 'Day',
        help: 'One entry per day: what you did and what followed.',
        minItems: 1,
        maxItems: 3,
        required: true,
      },
      { name: 'learned', kind: 'longText', label: 'What did you learn?', required: true },
    ],
  },
  // ---------------------------------------------------------------- Stage 5: Action Construction
  {
    key: 'action-menu',
    stage: 5,
    title: 'Action menu',
    summary: 'Build a menu of ten to twenty small, concrete actions.',
    instructions:
      'Drawing on everything so far, write a menu of small actions that could make things feel more secure ' +
      'between you. Make each one concrete enough to picture ("a thirty-second hug when we get home", not ' +
      '"be more affectionate"), within your reach on an ordinary day, and vary them so the menu covers ' +
      'different moments and moods.',
    audience: 'individual',
    cadence: ONCE,
    fields: [
      {
        name: 'actions',
        kind: 'list',
        label: 'Your action menu',
        itemLabel: 'A small, concrete action',
        help: 'Ten to twenty. Concrete, doable, and varied.',
        minItems: 10,
        maxItems: 20,
        required: true,
      },
    ],
  },
  {
    key: 'commitment-experiment',
    stage: 5,
    title: 'Commitment and experiment',
    summary: 'Pick one or two actions to try this week, as experiments.',
    instructions:
      'Pick one or two items from your action menu that you are ready to put into practice in the coming ' +
      'seven days. Think of each as a small experiment: it cannot fail, it can only teach you something. ' +
      'Note what you are going to do, what you are curious to discover, and what would show you that you ' +
      'have discovered it.',
    audience: 'individual',
    cadence: ONCE,
    fields: [
      {
        name: 'actions',
        kind: 'list',
        label: 'What you will try',
        itemLabel: 'Action from your menu',
        help: 'One or two.',
        minItems: 1,
        maxItems: 2,
        required: true,
      },
      { name: 'hopeToLearn', kind: 'longText', label: 'What do you hope to learn?', required: true },
      { name: 'howWillIKnow', kind: 'longText', label: 'How will you know you have learned something?', required: true },
    ],
  },
  {
    key: 'feedback-loop',
    stage: 5,
    title: 'Feedback loop',
    summary: 'At the end of each week, review what you tried and adjust.',
    instructions:
      'When the week is over, take stock. Which of your experiments did you actually carry out? What ' +
      'followed, in you, in your partner and between you? What did that teach you? In the light of it, ' +
      'what will you keep, drop or change for the week ahead? Changes take hold through many small ' +
      'corrections like these.',
    audience: 'individual',
    cadence: { kind: 'weekly', weeks: 4 },
    fields: [
      { name: 'tried', kind: 'longText', label: 'What did you try?', required: true },
      { name: 'whatHappened', kind: 'longText', label: 'What happened?', required: true },
      { name: 'learned', kind: 'longText', label: 'What did you learn?', required: true },
      { name: 'adjustments', kind: 'longText', label: 'What will you adjust for next week?', required: true },
    ],
  },
  // ---------------------------------------------------------------- Stage 6: Consolidation and Maintenance
  {
    key: 'progress-narrative',
    stage: 6,
    title: 'Progress narrative',
    summary: 'Write the new story of how far you have come.',
    instructions:
      'Look back over the whole of this work and tell it as a new story, the story of your progress rather ' +
      'than of {problem}. Describe the point you started from and what happened on the way. Say what you ' +
      'now understand about yourself and about the two of you, where you stand today, which steps make you ' +
      'proud, and what you are hoping for next.',
    audience: 'individual',
    cadence: ONCE,
    fields: [
      { name: 'whereIStarted', kind: 'longText', label: 'Where did you start?', required: true },
      { name: 'whatIWentThrough', kind: 'longText', label: 'What did you go through?' },
      { name: 'whatILearned', kind: 'longText', label: 'What have you learned about yourself and your relationship?', required: true },
      { name: 'whereIAmNow', kind: 'longText', label: 'Where are you now?', required: true },
      { name: 'proudOf', kind: 'longText', label: 'What are you proud of?', required: true },
      { name: 'hopeForFuture', kind: 'longText', label: 'What do you hope for from here?' },
    ],
  },
  {
    key: 'prevention-plan',
    stage: 6,
    title: 'Prevention plan',
    summary: 'Plan how to spot early warning signs and what to do about them.',
    instructions:
      'Using what you now know, write a plan for the harder days ahead. Which early signs would tell you the ' +
      'insecurity is creeping back? What will you do when you notice them? Which ways of coping have ' +
      'already proved themselves? And in which situations would you reach out for support, and to whom?',
    audience: 'individual',
    cadence: ONCE,
    fields: [
      {
        name: 'earlySigns',
        kind: 'list',
        label: 'Early warning signs',
        itemLabel: 'A sign that things may be slipping',
        minItems: 1,
        maxItems: 10,
        required: true,
      },
      {
        name: 'responses',
        kind: 'list',
        label: 'What you will do when you notice them',
        itemLabel: 'Something you will do',
        minItems: 1,
        maxItems: 10,
        required: true,
      },
      {
        name: 'provenStrategies',
        kind: 'list',
        label: 'Ways of coping that have worked',
        itemLabel: 'A strategy that helped',
        minItems: 1,
        maxItems: 10,
        required: true,
      },
      { name: 'whenToSeekSupport', kind: 'longText', label: 'When, and from whom, will you seek support?', required: true },
    ],
  },
  {
    key: 'celebration',
    stage: 6,
    title: 'Celebration and meaning',
    summary: 'Mark your progress, however small, and name what it means to you.',
    instructions:
      'Progress deserves to be noticed, even when the steps were small. Choose a way to mark it: on your ' +
      'own, as a couple, or with people who matter to you. Then reflect on the significance of the road ' +
      'you have travelled, on how it has shifted the way you see yourself, your relationship and your ' +
      'life, and on the single most valuable discovery you made about yourself.',
    audience: 'each_partner',
    cadence: ONCE,
    fields: [
      { name: 'howWeCelebrate', kind: 'longText', label: 'How will you celebrate?', required: true },
      { name: 'meaning', kind: 'longText', label: 'What has this journey meant to you?', required: true },
      { name: 'howItChangedMe', kind: 'longText', label: 'How has it changed how you see yourself, your relationship and life?' },
      { name: 'mostImportantDiscovery', kind: 'longText', label: 'The most important thing you discovered about yourself', required: true },
    ],
  },
] satisfies ExerciseDefinition[]);

const BY_KEY = new Map(BUILT_IN_EXERCISES.map((e) => [e.key, e]));

/** The built-in exercise with this key, or undefined. */
export function builtInExercise(key: string): ExerciseDefinition | undefined {
  return BY_KEY.get(key);
}

/**
 * A list field whose items the client may take from her own earlier answers in the same case,
 * besides writing her own: the commitment's actions come from her action menu.
 */
export interface AnswerPick {
  /** The list field of the exercise being answered. */
  field: string;
  /** The built-in exercise whose latest submitted answer offers the items, and its list field. */
  fromExercise: string;
  fromField: string;
}

const ANSWER_PICKS: Readonly<Record<string, readonly AnswerPick[]>> = deepFreeze({
  'commitment-experiment': [{ field: 'actions', fromExercise: 'action-menu', fromField: 'actions' }],
});

/** The picks of a built-in exercise (none for another one, or a custom exercise). */
export function answerPicksOf(key: string | null | undefined): readonly AnswerPick[] {
  return (key && ANSWER_PICKS[key]) || [];
}

/** The built-in exercises of one stage, in catalogue order. */
export function builtInExercisesForStage(stage: StageNumber): ExerciseDefinition[] {
  return BUILT_IN_EXERCISES.filter((e) => e.stage === stage);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
