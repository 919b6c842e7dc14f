import { createHash } from 'node:crypto';
import { canonicalNoteText, type SessionNote } from '@attune/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { stableId } from '../common/stable-id.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { builtInExerciseId } from '../modules/exercises/built-in-exercises.sync.js';
import { seedDemoMeasures } from './demo-measures.js';

/**
 * The demo practice: the three case studies of the seed article (Chen Jing;
 * Zhao Lei and Zhou Ting; Liu Jia) with a second practitioner's caseload, dated
 * relative to today so the charts look alive. Fixed ids; loading twice adds nothing.
 */
export const DEMO_ACCOUNTS = [
  { key: 'admin', email: 'admin@attune.test', role: 'admin', displayName: 'Mei Lin' },
  { key: 'therapist', email: 'therapist@attune.test', role: 'practitioner', displayName: 'Dr. Wang Fang' },
  { key: 'coach', email: 'coach@attune.test', role: 'practitioner', displayName: 'Sun Hao' },
  { key: 'chen', email: 'chen.jing@attune.test', role: 'client', displayName: 'Chen Jing' },
  { key: 'zhao', email: 'zhao.lei@attune.test', role: 'client', displayName: 'Zhao Lei' },
  { key: 'zhou', email: 'zhou.ting@attune.test', role: 'client', displayName: 'Zhou Ting' },
  { key: 'liu', email: 'liu.jia@attune.test', role: 'client', displayName: 'Liu Jia' },
] as const;

type AccountKey = (typeof DEMO_ACCOUNTS)[number]['key'];

export const DEMO_PRACTICE_ID = stableId('demo:practice');
/** The demo practice's public test page: /#/test/harbour-light. */
export const DEMO_PRACTICE_SLUG = 'harbour-light';
export const demoUserId = (key: AccountKey) => stableId(`demo:user:${key}`);
export const demoClientId = (key: string) => stableId(`demo:client:${key}`);
export const demoCaseId = (key: string) => stableId(`demo:case:${key}`);

const DAY = 86_400_000;

interface CaseSeed {
  key: string;
  practitioner: AccountKey;
  title: string;
  kind: 'individual' | 'couple';
  clients: string[];
  openedDaysAgo: number;
  presentingConcern: string;
  /** The problem in the client's own words, when she has named it. */
  problemName?: string;
  /** [day of the work (0 = opening day), stage, reason]; the last one is the current stage. */
  stages: Array<[number, number, string]>;
  /** client key → [day, score, source][] */
  scores: Record<string, Array<[number, number, 'practitioner' | 'client']>>;
  sessions: Array<{ day: number; format: 'individual' | 'joint'; signed: boolean; note: SessionNote }>;
  /** `hour` of the day (UTC); `weekday` (0 = Sunday, 6 = Saturday) for an entry that names its day: it moves back to the latest such day. */
  exceptions: Array<{ client: string; day: number; hour: number; weekday?: number; context: string; behavior?: string; thoughts?: string; emotions?: string; meaning?: string; tags: string[]; significant?: boolean; deep?: { bodily?: string; capacity?: string; ifMoreOften?: string } }>;
  assignments: Array<{
    client: string; exercise: string; assignedDay: number; dueDay: number; note?: string;
    status: 'assigned' | 'in_progress' | 'submitted' | 'reviewed'; response?: Record<string, unknown>;
    submittedDay?: number; feedback?: string; shared?: boolean; checkIns?: Array<[number, Record<string, unknown>]>;
  }>;
}

const CLIENTS = [
  { key: 'chen', displayName: 'Chen Jing (pseudonym)', pronouns: 'she/her', practitioner: 'therapist', account: 'chen', email: 'chen.jing@attune.test', addedDaysAgo: 43 },
  { key: 'zhao', displayName: 'Zhao Lei', pronouns: 'he/him', practitioner: 'therapist', account: 'zhao', email: 'zhao.lei@attune.test', addedDaysAgo: 44 },
  { key: 'zhou', displayName: 'Zhou Ting', pronouns: 'she/her', practitioner: 'therapist', account: 'zhou', email: 'zhou.ting@attune.test', addedDaysAgo: 44 },
  { key: 'liu', displayName: 'Liu Jia', pronouns: 'she/her', practitioner: 'therapist', account: 'liu', email: 'liu.jia@attune.test', addedDaysAgo: 26 },
  { key: 'he', displayName: 'He Yun (pseudonym)', pronouns: 'they/them', practitioner: 'coach', account: null, email: null, addedDaysAgo: 12 },
  { key: 'luo', displayName: 'Luo Bin (pseudonym)', pronouns: 'he/him', practitioner: 'coach', account: null, email: null, addedDaysAgo: 3 },
] as const;

const CASES: CaseSeed[] = [
  {
    key: 'chen',
    practitioner: 'therapist',
    title: 'Chen Jing: between two fears',
    kind: 'individual',
    clients: ['chen'],
    openedDaysAgo: 41,
    presentingConcern: 'Swings between fear of being abandoned and fear of being engulfed: clings and seeks reassurance when her partner asks for space, pulls away when he comes close. "Like walking on thin ice."',
    // her own word for what swings her between the two: "I seem to be swinging between two fears"
    problemName: 'the Fear',
    stages: [
      [0, 1, 'First session: story told as an experience, not a diagnosis'],
      [7, 2, 'Ready to look at how she has been coping'],
      [14, 3, 'Noticing her resilience; time to picture the relationship she wants'],
      [21, 4, 'A clear miracle picture; the exception log shows shared weekend activities'],
      [28, 5, 'Pattern found; turning it into a weekly shared activity'],
      [35, 6, 'Scale at 6; consolidating the weekly check-in'],
    ],
    scores: {
      chen: [[0, 2.5, 'practitioner'], [4, 3, 'client'], [7, 3, 'practitioner'], [14, 3.5, 'practitioner'], [18, 4, 'client'], [21, 4.5, 'practitioner'], [28, 5, 'practitioner'], [32, 5.5, 'client'], [35, 6, 'practitioner'], [40, 6.5, 'client']],
    },
    sessions: [
      { day: 0, format: 'individual', signed: true, note: { betterSinceLast: 'First meeting.', scaleRatings: 'Places herself at 2-3.', resourcesNoticed: 'Came in despite feeling ashamed; articulate about her experience.', vision: 'Wants to feel steady rather than on thin ice.', homeworkAssigned: 'Relationship narrative; hope questions.', nextSteps: 'Explore how she has been coping.', freeText: 'Pattern: anxious pursuit when partner asks for space, withdrawal when he approaches.' } },
      { day: 7, format: 'individual', signed: true, note: { betterSinceLast: 'Wrote her story; felt relief at telling it without blame.', resourcesNoticed: '"I am surviving, and that is a kind of strength."', scaleRatings: '3', homeworkReviewed: 'Narrative and hope questions done.', homeworkAssigned: 'Coping list; exception log.', nextSteps: 'Strengths exploration.' } },
      { day: 14, format: 'individual', signed: true, note: { exceptionsHeard: 'Saturday shopping together felt easy.', scaleRatings: '3.5', vision: 'Miracle question next.', homeworkAssigned: 'Miracle question; scale positioning.', nextSteps: 'Vision work.' } },
      { day: 21, format: 'individual', signed: true, note: { vision: 'Miracle morning: no phone first thing, coffee by the window, relaxed smile in the kitchen.', scaleRatings: '4.5', exceptionsHeard: 'Cooking together on Sunday; no checking of the phone all afternoon.', homeworkAssigned: 'Exception deep description; micro-experiment: one shared activity a week.' } },
      { day: 28, format: 'individual', signed: true, note: { betterSinceLast: 'Cooked together twice; one calm talk about the week.', scaleRatings: '5', homeworkReviewed: 'Micro-experiment worked on two of three days.', homeworkAssigned: 'Action menu; commitment and experiment.', nextSteps: 'Weekly 15-minute check-in proposed.' } },
      { day: 35, format: 'individual', signed: false, note: { betterSinceLast: 'Two weekly check-ins held; she started one herself.', scaleRatings: '6', resourcesNoticed: 'Recognises early signals: checking the phone, rehearsing conversations.', homeworkAssigned: 'Progress narrative; prevention plan; celebration.', nextSteps: 'Consolidation; space sessions out.' } },
    ],
    exceptions: [
      { client: 'chen', day: 13, hour: 10, weekday: 6, context: 'Saturday grocery shopping together', behavior: 'Suggested what to cook instead of asking whether he still cared', thoughts: 'We are a team at this', emotions: 'Light, a bit playful', meaning: 'Doing ordinary things side by side calms the cycle', tags: ['shared activity', 'routine'], significant: true, deep: { bodily: 'Shoulders down, breathing slower', capacity: 'I can be close without fear', ifMoreOften: 'We would have a calm base to return to' } },
      { client: 'chen', day: 20, hour: 18, weekday: 0, context: 'Cooking dinner together on Sunday', behavior: 'Left my phone in the other room', thoughts: 'I do not need to check', emotions: 'Content', meaning: 'Shared tasks give us an easy way to be together', tags: ['shared activity'], significant: true },
      { client: 'chen', day: 23, hour: 20, context: 'He said he needed an evening alone', behavior: 'Went for a run instead of texting him', thoughts: 'Space is not leaving', emotions: 'Uneasy, then calm', meaning: 'My own coping works', tags: ['time apart'] },
      { client: 'chen', day: 30, hour: 19, context: 'First weekly check-in, 15 minutes', behavior: 'Said what I needed without apologising', thoughts: 'He is listening', emotions: 'Relieved', meaning: 'A set time to talk lowers my need to seek reassurance', tags: ['calm conversation', 'routine'], significant: true },
      { client: 'chen', day: 38, hour: 9, weekday: 6, context: 'Market on Saturday morning', behavior: 'Planned the week\'s meals together', tags: ['shared activity', 'routine'] },
    ],
    assignments: [
      { client: 'chen', exercise: 'relationship-narrative', assignedDay: 0, dueDay: 6, status: 'reviewed', submittedDay: 5, feedback: 'Thank you for telling it this way: your loyalty to the relationship shows on every line.', response: { story: 'We met four years ago. I want to be understood as someone who cares deeply, not as someone who is too much.', whatMatters: 'Feeling safe and feeling free at the same time.', struggles: 'When he needs space I panic; when he comes close I want to run.', longings: 'A calm closeness.' } },
      { client: 'chen', exercise: 'hope-questions', assignedDay: 0, dueDay: 6, status: 'reviewed', submittedDay: 6, feedback: 'Small and concrete: exactly right.', response: { littleBetter: 'I would not check my phone every ten minutes when he is out.', firstSign: 'Finishing a cup of tea without looking at the screen.' } },
      { client: 'chen', exercise: 'exception-log', assignedDay: 7, dueDay: 13, status: 'reviewed', submittedDay: 13, feedback: 'A real find: notice what the shopping and the cooking have in common.', response: { occurredAt: null, context: 'Saturday grocery shopping together', behavior: 'Suggested recipes and laughed about the queue', thoughts: 'We are a team at this', emotions: 'Light', meaning: 'Ordinary shared tasks calm me', tags: ['shared activity'] } },
      { client: 'chen', exercise: 'miracle-question', assignedDay: 14, dueDay: 20, status: 'reviewed', submittedDay: 18, feedback: 'Keep this picture close; we will build on it.', response: { firstSign: 'I would not check my phone first thing to see if he wrote.', whatIDoDifferently: 'I make myself a coffee and sit by the window.', whatPartnerDoesDifferently: 'He comes into the kitchen and smiles.', howWeInteract: 'We smile at each other, comfortably, not nervously.', miracleDay: 'A slow Saturday: market, cooking, a walk, no tension.' } },
      { client: 'chen', exercise: 'scale-positioning', assignedDay: 14, dueDay: 20, status: 'reviewed', submittedDay: 18, feedback: 'From 3 to 4 is a real step.', response: { score: 4, pastPosition: 2.5, keepsFromLower: 'I have friends to call and I know the panic passes.', onePointHigher: 'I would let an evening apart be just an evening.' } },
      { client: 'chen', exercise: 'micro-experiment', assignedDay: 21, dueDay: 27, status: 'reviewed', submittedDay: 26, feedback: 'Two of three days: plenty to learn from.', response: { condition: 'A shared activity', plan: 'Suggest cooking or a walk together once a day', observations: ['Cooked together: easy evening', 'He was late: I cooked alone and felt fine', 'Walk after dinner: we talked about holidays'], learned: 'It is the doing together, not the talking about us, that helps.' }, checkIns: [[21, { note: 'Cooked together' }], [22, { note: 'Cooked alone, felt fine' }], [23, { note: 'Evening walk' }]] },
      { client: 'chen', exercise: 'commitment-experiment', assignedDay: 28, dueDay: 34, status: 'reviewed', submittedDay: 33, feedback: 'The weekly check-in is yours now.', response: { actions: ['A 15-minute check-in every Sunday evening', 'Cook together on Saturdays'], hopeToLearn: 'Whether a set time to talk lowers my need to ask for reassurance.', howWillIKnow: 'I will check my phone less during the week.' } },
      { client: 'chen', exercise: 'progress-narrative', assignedDay: 35, dueDay: 41, status: 'submitted', submittedDay: 40, response: { whereIStarted: 'On thin ice, at 2 or 3.', whatIWentThrough: 'Telling my story, finding the days that went well, trying small things.', whatILearned: 'I cope more than I knew; shared ordinary moments steady us.', whereIAmNow: 'Around 6 or 7, most days.', proudOf: 'Starting the Sunday check-in myself.', hopeForFuture: 'To keep the calm even when he needs space.' } },
      { client: 'chen', exercise: 'prevention-plan', assignedDay: 35, dueDay: 44, status: 'in_progress', response: { earlySigns: ['Checking my phone again and again'], responses: ['Go for a run before texting'] } },
      { client: 'chen', exercise: 'celebration', assignedDay: 40, dueDay: 47, status: 'assigned', note: 'Take your time with this one.' },
    ],
  },
  {
    key: 'couple',
    practitioner: 'therapist',
    title: 'Zhao Lei and Zhou Ting: from silence to dialogue',
    kind: 'couple',
    clients: ['zhao', 'zhou'],
    openedDaysAgo: 42,
    presentingConcern: 'More than two months of silent treatment; even daily coordination happens by text message.',
    stages: [
      [0, 1, 'Joint intake; no pressure to talk to each other yet'],
      [6, 2, 'Individual resources first: each partner\'s own coping'],
      [17, 4, 'Structured exception exploration of their history'],
      [24, 3, 'Back to vision: a shared picture was missing'],
      [31, 4, 'Kind-gesture pattern found; micro-experiment agreed'],
      [38, 5, 'Ice melting; building an action menu'],
    ],
    scores: {
      zhao: [[0, 1.5, 'practitioner'], [7, 2, 'practitioner'], [14, 2.5, 'practitioner'], [21, 3, 'practitioner'], [28, 3.5, 'practitioner'], [35, 4.5, 'practitioner'], [41, 5, 'client']],
      zhou: [[0, 1, 'practitioner'], [7, 1.5, 'practitioner'], [14, 2, 'practitioner'], [21, 3, 'practitioner'], [28, 3.5, 'practitioner'], [35, 4.5, 'practitioner'], [41, 5, 'client']],
    },
    sessions: [
      { day: 0, format: 'joint', signed: true, note: { betterSinceLast: 'First meeting; both came.', scaleRatings: 'Zhao 1.5, Zhou 1.', resourcesNoticed: 'Both still coordinate the household, by text.', nextSteps: 'Individual sessions before any joint talk.' } },
      { day: 7, format: 'individual', signed: true, note: { resourcesNoticed: 'Zhao: focus on work, guilt about it; reframed as coping strength.', homeworkAssigned: 'Coping list.' } },
      { day: 8, format: 'individual', signed: true, note: { resourcesNoticed: 'Zhou: journaling and talking with friends keep her going: evidence of her capacity to love.', homeworkAssigned: 'Coping list.' } },
      { day: 17, format: 'joint', signed: true, note: { exceptionsHeard: 'The silences thawed after small kind gestures: a concerned look, tea on the table, a short message.', scaleRatings: 'Zhao 2.5, Zhou 2.' } },
      { day: 31, format: 'joint', signed: true, note: { homeworkAssigned: 'Micro-experiment: one small kind gesture each per day for a week.', scaleRatings: 'Both 3.5.' } },
      { day: 38, format: 'joint', signed: false, note: { betterSinceLast: 'Day one: Zhao put Zhou\'s favourite jasmine tea on her desk. A crack opened.', scaleRatings: 'Both 4.5.', homeworkAssigned: 'Action menu, each.' } },
    ],
    exceptions: [
      { client: 'zhou', day: 15, hour: 8, context: 'He left a cup of tea on the table for me', behavior: 'I said thank you out loud', emotions: 'Softer', meaning: 'Small gestures thaw the silence', tags: ['kind gesture'], significant: true },
      { client: 'zhao', day: 16, hour: 13, context: 'She asked if I had eaten', behavior: 'I answered in a full sentence, not a text', meaning: 'A concerned question opens a door', tags: ['kind gesture'] },
      { client: 'zhao', day: 32, hour: 8, context: 'Put her favourite jasmine tea on her desk', behavior: 'Did it quietly, expected nothing', thoughts: 'This is for her, not a move', emotions: 'Nervous, then warm', meaning: 'Kindness without confrontation works for us', tags: ['kind gesture'], significant: true, deep: { bodily: 'Less tightness in the chest', capacity: 'We can still be kind to each other', ifMoreOften: 'We would be talking again' } },
      { client: 'zhou', day: 33, hour: 7, context: 'He sent a short message: "Drive safely"', behavior: 'Replied with a smile emoji', tags: ['kind gesture', 'advance notice'] },
      { client: 'zhou', day: 39, hour: 19, context: 'We cooked dinner side by side', behavior: 'Talked about the weekend', tags: ['shared activity', 'calm conversation'] },
    ],
    assignments: [
      { client: 'zhao', exercise: 'coping-list', assignedDay: 7, dueDay: 13, status: 'reviewed', submittedDay: 12, feedback: 'Your focus on work has been a way of holding on.', response: { copingStrategies: ['Throwing myself into work', 'Long walks after dinner', 'Telling myself it is temporary'], whatThisShows: 'I keep going even when I feel shut out.' } },
      { client: 'zhou', exercise: 'coping-list', assignedDay: 8, dueDay: 14, status: 'reviewed', submittedDay: 13, feedback: 'Journaling and your friends: both show how much you care.', response: { copingStrategies: ['Writing in my journal every night', 'Talking with two close friends', 'Yoga on Saturday'], whatThisShows: 'I have not given up on love.' } },
      { client: 'zhao', exercise: 'micro-experiment', assignedDay: 31, dueDay: 38, status: 'reviewed', submittedDay: 37, shared: true, feedback: 'The tea opened a crack. Well done.', response: { condition: 'A small kind gesture', plan: 'One kind gesture each day, no confrontation', observations: ['Jasmine tea on her desk', 'Asked about her mother', 'Left a note: good luck today'], learned: 'Kindness without pressure is answered.' }, checkIns: [[31, { note: 'Jasmine tea' }], [32, { note: 'Asked about her mother' }], [33, { note: 'Note on the door' }]] },
      { client: 'zhou', exercise: 'micro-experiment', assignedDay: 31, dueDay: 38, status: 'submitted', submittedDay: 38, shared: false, response: { condition: 'A small kind gesture', plan: 'A warm word or a message once a day', observations: ['Said thank you for the tea', 'Sent "drive safely"', 'Made his favourite soup'], learned: 'I can offer warmth before he does.' }, checkIns: [[31, { note: 'Thank you' }], [32, { note: 'Message' }], [33, { note: 'Soup' }]] },
      { client: 'zhou', exercise: 'hope-questions', assignedDay: 1, dueDay: 6, status: 'reviewed', submittedDay: 5, shared: false, feedback: 'Thank you for trusting this to the page.', response: { littleBetter: 'We would say good morning.', firstSign: 'He looks up when I come in.' } },
      { client: 'zhao', exercise: 'action-menu', assignedDay: 38, dueDay: 40, status: 'assigned', note: 'Ten to twenty small things: keep them concrete.' },
      { client: 'zhou', exercise: 'action-menu', assignedDay: 38, dueDay: 40, status: 'in_progress', response: { actions: ['Say good morning', 'Make tea for two'] } },
    ],
  },
  {
    key: 'liu',
    practitioner: 'therapist',
    title: 'Liu Jia: from anxiety to safety',
    kind: 'individual',
    clients: ['liu'],
    openedDaysAgo: 24,
    presentingConcern: 'Panics when her partner does not reply promptly: fears he does not care, will leave, no longer loves her.',
    stages: [
      [0, 1, 'Intake: long-standing anxiety in the relationship'],
      [7, 2, 'Coping questions'],
      [14, 3, 'The inner voice found; scale as a sliding measure'],
      [21, 4, 'Exceptions: plans shared in advance'],
    ],
    scores: {
      liu: [[0, 3, 'practitioner'], [7, 4, 'practitioner'], [14, 5, 'practitioner'], [18, 5.5, 'client'], [21, 5.5, 'practitioner'], [23, 3.5, 'client']],
    },
    sessions: [
      { day: 0, format: 'individual', signed: true, note: { scaleRatings: '3', resourcesNoticed: 'Holds down a demanding job through it all.', nextSteps: 'Coping questions.' } },
      { day: 7, format: 'individual', signed: true, note: { resourcesNoticed: 'Inner voice: "he\'s just busy, not that he doesn\'t love you". Small but always there.', scaleRatings: '4' } },
      { day: 14, format: 'individual', signed: true, note: { vision: 'Security as a sliding scale, not a label: "how secure do I feel today?"', scaleRatings: '5' } },
      { day: 21, format: 'individual', signed: false, note: { exceptionsHeard: 'Not anxious when he tells her his plans in advance, or sends a photo while away.', homeworkAssigned: 'Security ritual: a brief message before daily separations.', scaleRatings: '5.5' } },
    ],
    exceptions: [
      { client: 'liu', day: 10, hour: 17, context: 'He told me in the morning he would be in meetings until six', behavior: 'Did not text him all afternoon', thoughts: 'He\'s just busy', emotions: 'Calm', meaning: 'Knowing the plan in advance settles me', tags: ['advance notice'], significant: true },
      { client: 'liu', day: 13, hour: 21, context: 'He sent a photo from his business trip', behavior: 'Sent one back', emotions: 'Warm', meaning: 'Small signs of contact while apart', tags: ['advance notice', 'kind gesture'] },
      { client: 'liu', day: 19, hour: 18, context: 'A "thinking of you" message before he left for the gym', behavior: 'Went on with my evening', tags: ['advance notice', 'routine'], significant: true },
    ],
    assignments: [
      { client: 'liu', exercise: 'coping-list', assignedDay: 7, dueDay: 13, status: 'reviewed', submittedDay: 11, feedback: 'That inner voice is a resource. Let us listen to it more.', response: { copingStrategies: ['Telling myself: he\'s just busy, not that he doesn\'t love you', 'Calling my sister', 'Going to the gym'], whatThisShows: 'There is a part of me that already feels safe.' } },
      { client: 'liu', exercise: 'exception-log', assignedDay: 14, dueDay: 20, status: 'submitted', submittedDay: 19, response: { occurredAt: null, context: 'He messaged before leaving for the gym', behavior: 'Went on with my evening', thoughts: 'He\'s just busy', emotions: 'Calm', meaning: 'Advance notice keeps me steady', tags: ['advance notice'] } },
      { client: 'liu', exercise: 'micro-experiment', assignedDay: 21, dueDay: 26, status: 'in_progress', note: 'The security ritual: a short message before each separation.', response: { condition: 'Advance notice', plan: 'We each send a brief message before the day\'s separation' }, checkIns: [[22, { note: 'He sent a heart before work' }]] },
      { client: 'liu', exercise: 'scale-positioning', assignedDay: 14, dueDay: 21, status: 'assigned' },
      { client: 'liu', exercise: 'strength-exploration', assignedDay: 10, dueDay: 17, status: 'assigned' },
    ],
  },
  {
    key: 'he',
    practitioner: 'coach',
    title: 'He Yun: rebuilding trust after a move',
    kind: 'individual',
    clients: ['he'],
    openedDaysAgo: 11,
    presentingConcern: 'Distance and suspicion since moving cities for a partner\'s job.',
    stages: [[0, 1, 'Intake'], [8, 2, 'Resources']],
    scores: { he: [[0, 3, 'practitioner'], [8, 3.5, 'practitioner']] },
    sessions: [
      { day: 0, format: 'individual', signed: true, note: { scaleRatings: '3', nextSteps: 'Narrative listening.' } },
      { day: 8, format: 'individual', signed: true, note: { resourcesNoticed: 'Keeps a weekly call with an old friend.', scaleRatings: '3.5' } },
    ],
    exceptions: [{ client: 'he', day: 5, hour: 19, context: 'Dinner with the new neighbours together', tags: ['shared activity'] }],
    assignments: [{ client: 'he', exercise: 'coping-list', assignedDay: 8, dueDay: 14, status: 'assigned' }],
  },
  {
    key: 'luo',
    practitioner: 'coach',
    title: 'Luo Bin: first steps',
    kind: 'individual',
    clients: ['luo'],
    openedDaysAgo: 2,
    presentingConcern: 'Avoids conflict until it explodes.',
    stages: [[0, 1, 'Intake']],
    scores: { luo: [[0, 4, 'practitioner']] },
    sessions: [{ day: 0, format: 'individual', signed: false, note: { scaleRatings: '4', nextSteps: 'Hope questions.' } }],
    exceptions: [],
    assignments: [{ client: 'luo', exercise: 'hope-questions', assignedDay: 0, dueDay: 6, status: 'assigned' }],
  },
];

/** Loads the demo practice unless it is there already; returns whether it loaded anything. */
export async function seedDemoData(dataSource: DataSource, options: { password: string; today?: Date }): Promise<boolean> {
  const existing: unknown[] = await dataSource.query(`SELECT 1 FROM practices WHERE id = $1`, [DEMO_PRACTICE_ID]);
  if (existing.length > 0) return false;
  const passwordHash = await hashPassword(options.password);
  const today = startOfDay(options.today ?? new Date());
  await dataSource.transaction(async (m) => {
    await m.query(`INSERT INTO practices (id, name, slug, public_test_enabled) VALUES ($1, $2, $3, true)`,
      [DEMO_PRACTICE_ID, 'Harbour Light Counselling (demo)', DEMO_PRACTICE_SLUG]);
    for (const a of DEMO_ACCOUNTS) {
      await m.query(`INSERT INTO users (id, practice_id, email, role, display_name, password_hash) VALUES ($1, $2, $3, $4, $5, $6)`,
        [demoUserId(a.key), DEMO_PRACTICE_ID, a.email, a.role, a.displayName, passwordHash]);
    }
    for (const c of CLIENTS) {
      await m.query(
        `INSERT INTO clients (id, practice_id, practitioner_id, display_name, pronouns, email, status, portal_user_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $8)`,
        [demoClientId(c.key), DEMO_PRACTICE_ID, demoUserId(c.practitioner), c.displayName, c.pronouns, c.email, c.account ? demoUserId(c.account) : null,
          new Date(today.getTime() - c.addedDaysAgo * DAY + 9 * 3_600_000)],
      );
    }
    for (const c of CASES) await seedCase(m, c, today);
    await seedDemoMeasures(m, {
      practiceId: DEMO_PRACTICE_ID, today, caseId: demoCaseId, clientId: demoClientId, userId: (key) => demoUserId(key as AccountKey),
      openedDaysAgo: (key) => CASES.find((c) => c.key === key)!.openedDaysAgo,
    });
  });
  return true;
}

async function seedCase(m: EntityManager, c: CaseSeed, today: Date): Promise<void> {
  const caseId = demoCaseId(c.key);
  const practitionerId = demoUserId(c.practitioner);
  const opened = new Date(today.getTime() - c.openedDaysAgo * DAY + 10 * 3_600_000);
  const at = (day: number, hour = 10) => new Date(opened.getTime() + day * DAY + (hour - 10) * 3_600_000);
  const current = c.stages[c.stages.length - 1]!;
  await m.query(
    `INSERT INTO cases (id, practice_id, practitioner_id, title, kind, stage, cycle, status, opened_at, presenting_concern, stage_entered_at, cycle_started_at, problem_name)
     VALUES ($1, $2, $3, $4, $5, $6, 1, 'open', $7, $8, $9, $7, $10)`,
    [caseId, DEMO_PRACTICE_ID, practitionerId, c.title, c.kind, current[1], opened, c.presentingConcern, at(current[0]), c.problemName ?? null],
  );
  for (const [i, client] of c.clients.entries()) {
    await m.query(`INSERT INTO case_clients (case_id, client_id, practice_id, position) VALUES ($1, $2, $3, $4)`,
      [caseId, demoClientId(client), DEMO_PRACTICE_ID, i + 1]);
  }
  let previous: number | null = null;
  for (const [i, [day, stage, reason]] of c.stages.entries()) {
    const kind = previous === null ? 'start' : stage > previous ? 'forward' : 'back';
    await m.query(
      `INSERT INTO stage_transitions (id, practice_id, case_id, from_stage, to_stage, from_cycle, to_cycle, kind, reason, actor_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $10)`,
      [stableId(`demo:transition:${c.key}:${i}`), DEMO_PRACTICE_ID, caseId, previous, stage, previous === null ? null : 1, kind, reason, practitionerId, at(day)],
    );
    previous = stage;
  }
  const stageOn = (day: number) => [...c.stages].reverse().find(([d]) => d <= day)![1];
  for (const [i, s] of c.sessions.entries()) {
    const note = s.note;
    const attendees = s.format === 'joint' ? c.clients : [c.clients[i % c.clients.length]!];
    await m.query(
      `INSERT INTO therapy_sessions (id, practice_id, case_id, starts_at, duration_minutes, format, attendee_ids, stage, note, signed_at, signed_by, note_hash, created_by)
       VALUES ($1, $2, $3, $4, 50, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [stableId(`demo:session:${c.key}:${i}`), DEMO_PRACTICE_ID, caseId, at(s.day), s.format, attendees.map(demoClientId), stageOn(s.day), JSON.stringify(note),
        s.signed ? at(s.day, 12) : null, s.signed ? practitionerId : null,
        s.signed ? createHash('sha256').update(canonicalNoteText(note)).digest('hex') : null, practitionerId],
    );
  }
  for (const [client, points] of Object.entries(c.scores)) {
    for (const [i, [day, score, source]] of points.entries()) {
      await m.query(
        `INSERT INTO scale_scores (id, practice_id, case_id, client_id, score, recorded_at, source, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [stableId(`demo:score:${c.key}:${client}:${i}`), DEMO_PRACTICE_ID, caseId, demoClientId(client), score, at(day, source === 'client' ? 20 : 11), source,
          source === 'client' ? demoUserId(client as AccountKey) : practitionerId],
      );
    }
  }
  /** When an exception happened: its day (moved back to the weekday it names) at its hour. */
  const exceptionAt = (e: CaseSeed['exceptions'][number]) => {
    let day = e.day;
    while (e.weekday !== undefined && at(day).getUTCDay() !== e.weekday) day -= 1;
    return at(day, e.hour);
  };
  for (const [i, e] of c.exceptions.entries()) {
    await m.query(
      `INSERT INTO case_exceptions (id, practice_id, case_id, client_id, occurred_at, context, behavior, thoughts, emotions, meaning, tags, deep, significant, source, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'practitioner', $14)`,
      [stableId(`demo:exception:${c.key}:${i}`), DEMO_PRACTICE_ID, caseId, demoClientId(e.client), exceptionAt(e), e.context, e.behavior ?? null, e.thoughts ?? null,
        e.emotions ?? null, e.meaning ?? null, e.tags, e.deep ? JSON.stringify(e.deep) : null, e.significant ?? false, practitionerId],
    );
  }
  for (const [i, a] of c.assignments.entries()) {
    const id = stableId(`demo:assignment:${c.key}:${i}`);
    const done = a.status === 'submitted' || a.status === 'reviewed';
    // a logged exception's date: the day of the same moment in the case's exceptions, else the day it was written
    const logged = c.exceptions.find((e) => e.client === a.client && e.context === a.response?.['context']);
    const occurredAt = logged ? exceptionAt(logged) : at(a.submittedDay ?? a.assignedDay, 19);
    const response = a.response && 'occurredAt' in a.response ? { ...a.response, occurredAt: occurredAt.toISOString().slice(0, 10) } : a.response;
    await m.query(
      `INSERT INTO assignments (id, practice_id, case_id, client_id, exercise_id, assigned_by, assigned_at, due_at, note, status, draft, draft_saved_at,
         response, submitted_at, shared_with_partner, feedback, reviewed_at, reviewed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [id, DEMO_PRACTICE_ID, caseId, demoClientId(a.client), builtInExerciseId(a.exercise), practitionerId, at(a.assignedDay, 12), at(a.dueDay, 21), a.note ?? null,
        a.status, a.status === 'in_progress' ? JSON.stringify(response ?? {}) : null, a.status === 'in_progress' ? at(a.assignedDay + 1, 20) : null,
        done ? JSON.stringify(response) : null, done ? at(a.submittedDay!, 20) : null, a.shared ?? false,
        a.status === 'reviewed' ? a.feedback ?? null : null, a.status === 'reviewed' ? at(a.submittedDay! + 1, 9) : null,
        a.status === 'reviewed' ? practitionerId : null],
    );
    for (const [day, checkIn] of a.checkIns ?? []) {
      await m.query(`INSERT INTO assignment_check_ins (practice_id, assignment_id, period_start, response) VALUES ($1, $2, $3, $4)`,
        [DEMO_PRACTICE_ID, id, at(day).toISOString().slice(0, 10), JSON.stringify(checkIn)]);
    }
  }
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
