import { builtInExercise } from '../exercises/catalogue.js';
import { optionScale, scoreItems, type LocalText, type MeasureAnswers, type MeasureDefinition, type MeasureItem } from './instrument.js';

/**
 * Attune's communication profile: the seed's "relationship test". Six dimensions of how partners
 * behaved with each other over the last four weeks, each scored 0-100 per partner (higher = more of
 * the helpful behaviour). Descriptive, never diagnostic: it names habits of the moment, not types.
 *
 * Every item was written from scratch by the Attune team; no item starts from, or paraphrases, an
 * item of a published questionnaire. Each item carries its provenance note; the record of how the
 * wording was made is in `communication-profile.provenance.md` beside this file.
 */

export const PROFILE_DIMENSIONS = ['reaching_out', 'responding', 'raising_topics', 'under_stress', 'calming_repair', 'security'] as const;
export type ProfileDimension = (typeof PROFILE_DIMENSIONS)[number];

export const PROFILE_DIMENSION_LABELS: Readonly<Record<ProfileDimension, LocalText>> = {
  reaching_out: { en: 'Reaching out', 'zh-CN': '主动靠近' },
  responding: { en: 'Responding', 'zh-CN': '回应对方' },
  raising_topics: { en: 'Raising hard topics', 'zh-CN': '提出难谈的话题' },
  under_stress: { en: 'Staying engaged under stress', 'zh-CN': '压力下保持投入' },
  calming_repair: { en: 'Calming down and repair', 'zh-CN': '平复与修复' },
  security: { en: 'Feeling secure together', 'zh-CN': '彼此间的安全感' },
};

const OWN_WORDS = (dimension: string) =>
  `Written from scratch by the Attune team (measures engineer, 2026-12-03) for the "${dimension}" dimension, from the seed article's description of the relationship test; not adapted from any published questionnaire item.`;

const LAST_WEEKS = optionScale([
  { en: 'Never', 'zh-CN': '从不' },
  { en: 'Rarely', 'zh-CN': '很少' },
  { en: 'Sometimes', 'zh-CN': '有时' },
  { en: 'Often', 'zh-CN': '经常' },
  { en: 'Almost always', 'zh-CN': '几乎总是' },
]);

function item(key: string, dimension: ProfileDimension, text: LocalText, extra: Partial<MeasureItem> = {}): MeasureItem {
  return { key, text, options: LAST_WEEKS, subscales: [dimension, ...(extra.subscales ?? [])], provenance: OWN_WORDS(dimension), ...(extra.reverse ? { reverse: true } : {}) };
}

/** The two moves under stress that the couple patterns compare: pressing on, or stepping back. */
export const STRESS_MOVES = ['press', 'withdraw'] as const;
export type StressMove = (typeof STRESS_MOVES)[number];

const PROFILE_ITEMS: MeasureItem[] = [
  item('ro_1', 'reaching_out', { en: 'I let my partner know when I would like some time or support from them.', 'zh-CN': '当我希望对方陪伴或支持我时，我会让对方知道。' }),
  item('ro_2', 'reaching_out', { en: 'When something in my day goes well or badly, I share it with my partner.', 'zh-CN': '当我这一天过得顺利或不顺时，我会和对方分享。' }),
  item('ro_3', 'reaching_out', { en: 'I keep what I need to myself because asking seems like more trouble than it is worth.', 'zh-CN': '我把自己的需要藏在心里，因为开口似乎得不偿失。' }, { reverse: true }),
  item('rs_1', 'responding', { en: 'When my partner starts to tell me something, I put down what I am doing and pay attention.', 'zh-CN': '当对方开始跟我说事情时，我会放下手头的事认真听。' }),
  item('rs_2', 'responding', { en: 'When my partner seems low, I notice it and ask how they are.', 'zh-CN': '当对方情绪低落时，我能察觉到并询问对方怎么了。' }),
  item('rs_3', 'responding', { en: "My partner's small attempts to connect pass by without an answer from me.", 'zh-CN': '对方想与我亲近的小小尝试，常常得不到我的回应。' }, { reverse: true }),
  item('rt_1', 'raising_topics', { en: 'I can bring up something that bothers me while staying calm.', 'zh-CN': '我能在保持平静的情况下提出让我困扰的事。' }),
  item('rt_2', 'raising_topics', { en: 'When I raise a difficult subject, I talk about what I need more than about what my partner did wrong.', 'zh-CN': '提起难谈的话题时，我更多地说我需要什么，而不是对方做错了什么。' }),
  item('rt_3', 'raising_topics', { en: 'I put off difficult subjects until they burst out all at once.', 'zh-CN': '我会一直拖着难谈的话题，直到它们一下子爆发出来。' }, { reverse: true }),
  item('us_p1', 'under_stress', { en: 'In an argument, I keep going after my point even when my partner wants to stop.', 'zh-CN': '争执时，即使对方想停下来，我也会揪着自己的观点不放。' }, { reverse: true, subscales: ['press'] }),
  item('us_p2', 'under_stress', { en: 'If my partner goes quiet during a disagreement, I push harder for an answer.', 'zh-CN': '意见不合时如果对方沉默，我会更用力地逼对方回答。' }, { reverse: true, subscales: ['press'] }),
  item('us_w1', 'under_stress', { en: 'In an argument, I fall silent or leave the room.', 'zh-CN': '争执时，我会一言不发或离开房间。' }, { reverse: true, subscales: ['withdraw'] }),
  item('us_w2', 'under_stress', { en: 'When tension rises between us, I shut down and wait for it to blow over.', 'zh-CN': '当我们之间气氛紧张时，我会封闭自己，等它过去。' }, { reverse: true, subscales: ['withdraw'] }),
  item('cr_1', 'calming_repair', { en: 'After a quarrel, I can settle myself down within a reasonable time.', 'zh-CN': '吵架之后，我能在合理的时间内让自己平静下来。' }),
  item('cr_2', 'calming_repair', { en: 'After a falling-out, I make a small move to reconnect, such as a kind word or a cup of tea.', 'zh-CN': '闹别扭之后，我会做一个小小的和好举动，比如一句暖心的话或一杯茶。' }),
  item('cr_3', 'calming_repair', { en: 'When my partner makes a move to make up, I take it.', 'zh-CN': '当对方主动示好时，我会接受。' }),
  item('se_1', 'security', { en: 'I trust that my partner will be there for me when it really matters.', 'zh-CN': '我相信在真正要紧的时候，对方会在我身边。' }),
  item('se_2', 'security', { en: 'I feel at ease being myself around my partner.', 'zh-CN': '在对方身边，我能自在地做自己。' }),
  item('se_3', 'security', { en: 'I worry that my partner is drifting away from me.', 'zh-CN': '我担心对方正在离我越来越远。' }, { reverse: true }),
];

export const COMMUNICATION_PROFILE: MeasureDefinition = {
  key: 'communication-profile',
  version: '1',
  title: { en: 'Communication profile', 'zh-CN': '沟通画像' },
  shortTitle: 'Profile',
  instructions: {
    en: 'Think of the last four weeks with your partner. How often did each of these happen? There are no right answers: this describes habits of the moment, not who you are.',
    'zh-CN': '回想你和伴侣过去四周的相处。以下情况多常发生？没有对错之分：这里描述的是此刻的习惯，而不是你是怎样的人。',
  },
  items: PROFILE_ITEMS,
  // The total is the mean of the six dimensions; screens show the dimensions, not the total.
  scoring: { method: 'scaled', to: 100 },
  subscales: [
    ...PROFILE_DIMENSIONS.map((key) => ({ key, label: PROFILE_DIMENSION_LABELS[key], scoring: { method: 'scaled' as const, to: 100 } })),
  ],
  direction: 'higher_is_better',
  bands: [
    { key: 'strained', min: 0, max: 49, concern: 2, label: { en: 'Strained lately', 'zh-CN': '近来较紧张' } },
    { key: 'mixed', min: 50, max: 69, concern: 1, label: { en: 'Mixed', 'zh-CN': '时好时坏' } },
    { key: 'steady', min: 70, max: 100, concern: 0, label: { en: 'Steady', 'zh-CN': '稳定' } },
  ],
  missing: { maxMissing: 3, source: 'Attune: up to 3 of 19 items may be skipped; the answered items of a dimension stand for it.' },
  licence: { kind: 'original', attribution: 'Attune communication profile © the Attune team; items written from scratch, see the provenance note of each item.' },
  audience: 'couple_partner',
};

/** The couple safety screen, answered before the profile. Any "yes" raises a concern. */
export const SAFETY_SCREEN_ITEMS: readonly MeasureItem[] = [
  { key: 'safe_afraid', text: { en: 'In the last months, have you felt afraid of your partner?', 'zh-CN': '最近几个月，你是否害怕过你的伴侣？' } },
  { key: 'safe_hurt', text: { en: 'Has your partner hurt you, threatened you, or made you do something you did not want to do?', 'zh-CN': '你的伴侣是否伤害过你、威胁过你，或强迫你做你不愿做的事？' } },
  { key: 'safe_speak', text: { en: 'Would speaking openly in front of your partner put you at risk?', 'zh-CN': '在伴侣面前坦诚说话，是否会让你陷入危险？' } },
].map((i) => ({
  ...i,
  options: [
    { value: 0, label: { en: 'No', 'zh-CN': '否' } },
    { value: 1, label: { en: 'Yes', 'zh-CN': '是' } },
  ],
  safety: { flagAt: 1 },
  provenance: OWN_WORDS('safety screen'),
}));

export type SafetyScreenAnswers = Record<string, 0 | 1 | null | undefined>;

/** True when any safety-screen question is answered "yes". */
export function safetyScreenRaisesConcern(answers: SafetyScreenAnswers): boolean {
  return SAFETY_SCREEN_ITEMS.some((i) => answers[i.key] === 1);
}

/** A dimension below this score gets suggestions in the playbook. */
export const LOW_DIMENSION_BELOW = 50;
/** A stress move at or above this score counts as the partner's usual move under stress. */
export const STRESS_MOVE_FROM = 50;

export interface PartnerProfile {
  dimensions: Record<ProfileDimension, number | null>;
  press: number | null;
  withdraw: number | null;
  /** The partner's usual move under stress, or null when neither stands out. */
  stressMove: StressMove | null;
}

/** One partner's profile from their answers: each dimension 0-100 and their move under stress. */
export function partnerProfile(answers: MeasureAnswers): PartnerProfile {
  const rule = { maxMissing: 1, source: COMMUNICATION_PROFILE.missing.source };
  const scoreOf = (sub: string, reverseBack: boolean) => {
    // press/withdraw items are reverse keyed for the dimension; the move itself is the raw frequency.
    const items = PROFILE_ITEMS.filter((i) => i.subscales?.includes(sub)).map((i) => (reverseBack ? { ...i, reverse: false } : i));
    const outcome = scoreItems(items, { method: 'scaled', to: 100 }, answers, rule);
    return outcome.status === 'scored' ? Math.round(outcome.score) : null;
  };
  const dimensions = Object.fromEntries(PROFILE_DIMENSIONS.map((d) => [d, scoreOf(d, false)])) as Record<ProfileDimension, number | null>;
  const press = scoreOf('press', true);
  const withdraw = scoreOf('withdraw', true);
  return { dimensions, press, withdraw, stressMove: stressMoveOf(press, withdraw) };
}

function stressMoveOf(press: number | null, withdraw: number | null): StressMove | null {
  const p = press ?? 0;
  const w = withdraw ?? 0;
  if (p < STRESS_MOVE_FROM && w < STRESS_MOVE_FROM) return null;
  if (p === w) return null;
  return p > w ? 'press' : 'withdraw';
}

export const COUPLE_PATTERNS = ['pursue_withdraw', 'both_withdraw', 'both_press'] as const;
export type CouplePattern = (typeof COUPLE_PATTERNS)[number];

/** Each pattern is worded as the couple's shared problem, never as either partner's fault. */
export const COUPLE_PATTERN_TEXT: Readonly<Record<CouplePattern, { title: LocalText; description: LocalText }>> = {
  pursue_withdraw: {
    title: { en: 'Reach in, step back', 'zh-CN': '一方靠近，一方后退' },
    description: {
      en: 'When things get tense, one of you reaches in harder while the other steps back, and each move sets off the other. The cycle is the problem you share, not either of you.',
      'zh-CN': '气氛紧张时，一方更用力地靠近，另一方则往后退，彼此的动作又引发对方的动作。你们共同面对的问题是这个循环，而不是哪一个人。',
    },
  },
  both_withdraw: {
    title: { en: 'Both stepping back', 'zh-CN': '双方都在后退' },
    description: {
      en: 'When things get tense, both of you go quiet and keep your distance. It keeps the peace for now, but it leaves each of you alone with it. The silence is the problem you share, not either of you.',
      'zh-CN': '气氛紧张时，你们都沉默下来、保持距离。这暂时维持了平静，却让你们各自独自承受。你们共同面对的问题是这份沉默，而不是哪一个人。',
    },
  },
  both_press: {
    title: { en: 'Both pressing on', 'zh-CN': '双方都在紧追' },
    description: {
      en: 'When things get tense, both of you push to be heard and the exchange heats up quickly. Each of you cares enough to keep going; the escalation is the problem you share, not either of you.',
      'zh-CN': '气氛紧张时，你们都急着让对方听见自己，交流很快升温。你们都很在乎才不肯停下；你们共同面对的问题是不断升级，而不是哪一个人。',
    },
  },
};

/** The pattern between two partners' moves under stress, if any. */
export function couplePattern(a: PartnerProfile, b: PartnerProfile): CouplePattern | null {
  const moves = [a.stressMove, b.stressMove];
  if (moves.includes('press') && moves.includes('withdraw')) return 'pursue_withdraw';
  if (moves[0] === 'withdraw' && moves[1] === 'withdraw') return 'both_withdraw';
  if (moves[0] === 'press' && moves[1] === 'press') return 'both_press';
  return null;
}

export const SUGGESTION_KINDS = ['small_step', 'exception', 'scaling'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export interface PlaybookSuggestion {
  key: string;
  kind: SuggestionKind;
  text: LocalText;
  /** A built-in exercise that practises it. */
  exerciseKey: string;
}

const s = (key: string, kind: SuggestionKind, exerciseKey: string, en: string, zh: string): PlaybookSuggestion => ({ key, kind, exerciseKey, text: { en, 'zh-CN': zh } });

/** Solution-focused suggestions per dimension and per pattern: a small step, an exception to look for, a scaling question. */
export const PLAYBOOK: Readonly<Record<ProfileDimension | CouplePattern, readonly PlaybookSuggestion[]>> = {
  reaching_out: [
    s('ro-small-step', 'small_step', 'micro-experiment', 'This week, once a day, tell your partner one small thing you would like: a walk, a hand on the shoulder, ten minutes to talk.', '本周每天一次，告诉对方一件你想要的小事：一起散步、拍拍肩膀、聊十分钟。'),
    s('ro-exception', 'exception', 'exception-log', 'Look for a recent moment when asking for something felt easy. What was different about it?', '找一找最近哪一次开口提要求感觉很自然。那一次有什么不同？'),
    s('ro-scaling', 'scaling', 'scale-positioning', 'On a scale of 1 to 10, how easy is it to reach out right now? What would one point higher look like?', '从1到10，现在主动靠近对方有多容易？再高一分会是什么样子？'),
  ],
  responding: [
    s('rs-small-step', 'small_step', 'micro-experiment', 'Pick one moment each day to turn fully towards your partner when they speak: phone down, eyes up.', '每天挑一个时刻，在对方说话时全心转向对方：放下手机，看着对方。'),
    s('rs-exception', 'exception', 'exception-log', 'Notice a time this week when you did answer a small reach from your partner. Write down what helped.', '留意本周哪一次你回应了对方小小的靠近。写下是什么帮助了你。'),
    s('rs-listen', 'small_step', 'collaborative-listening', 'Try five minutes each of listening only to understand, without answering back.', '试试各自用五分钟只为理解而倾听，不反驳。'),
  ],
  raising_topics: [
    s('rt-small-step', 'small_step', 'action-menu', 'Choose a small topic first and start with "I would like…" rather than "You always…".', '先挑一个小话题，用"我希望……"开头，而不是"你总是……"。'),
    s('rt-exception', 'exception', 'exception-deep-description', 'Recall a time a hard subject went better than you feared. What did each of you do?', '回想一次难谈的话题比你担心的顺利。那时你们各自做了什么？'),
    s('rt-scaling', 'scaling', 'scale-positioning', 'How confident are you, from 1 to 10, that you can raise a worry calmly? What keeps it from being lower?', '从1到10，你有多大把握能平静地提出一个担忧？是什么让它没有更低？'),
  ],
  under_stress: [
    s('us-small-step', 'small_step', 'commitment-experiment', 'Agree on a pause signal: either of you may ask for twenty minutes, and says when you will come back.', '约定一个暂停信号：任何一方都可以要求二十分钟，并说明何时回来。'),
    s('us-exception', 'exception', 'pattern-recognition', 'Look for a disagreement that did not spiral. Under what conditions did that happen?', '找一次没有失控的分歧。当时是在什么条件下发生的？'),
    s('us-scaling', 'scaling', 'scale-positioning', 'After a tense moment, rate from 1 to 10 how well you stayed in touch with each other. What helped?', '紧张时刻过后，从1到10给你们保持联系的程度打分。是什么帮了忙？'),
  ],
  calming_repair: [
    s('cr-small-step', 'small_step', 'micro-experiment', 'Make one small kind gesture a day for a week, with no need to talk it through.', '一周内每天做一个小小的善意举动，不需要多谈。'),
    s('cr-exception', 'exception', 'exception-log', 'Notice each time a small move to make up was taken well. Write it in your exception log.', '留意每一次小小的和好举动被接受的时候，把它写进例外日志。'),
    s('cr-feedback', 'scaling', 'feedback-loop', 'At the end of the week, tell each other which gesture meant the most, on a scale of 1 to 10.', '周末时，用1到10告诉对方哪个举动最打动你。'),
  ],
  security: [
    s('se-exception', 'exception', 'strength-exploration', 'Think of a moment when you felt your partner was on your side. What did they do?', '想一个你感到对方站在你这边的时刻。对方做了什么？'),
    s('se-vision', 'small_step', 'miracle-question', 'Imagine waking up tomorrow feeling safe with each other. What is the first small sign you would notice?', '想象明天醒来，你们彼此感到安心。你会注意到的第一个小迹象是什么？'),
    s('se-scaling', 'scaling', 'scale-positioning', 'From 1 to 10, how secure do you feel together today? What would one point higher look like?', '从1到10，今天你们在一起有多安心？再高一分会是什么样子？'),
  ],
  pursue_withdraw: [
    s('pw-name', 'small_step', 'pattern-recognition', 'Give the cycle a name you both like, and say it out loud when you notice it starting.', '给这个循环起一个你们都认可的名字，发现它开始时就说出来。'),
    s('pw-exception', 'exception', 'exception-deep-description', 'Find a time the one who reaches in waited and the one who steps back came back. What made it possible?', '找一次靠近的一方等了一等、后退的一方又回来了的时候。是什么让它发生？'),
    s('pw-pause', 'small_step', 'commitment-experiment', 'Try a promised pause: the one who needs space names a time to come back, and keeps it.', '试试有承诺的暂停：需要空间的一方说出回来的时间，并守约。'),
  ],
  both_withdraw: [
    s('bw-gesture', 'small_step', 'micro-experiment', 'No big talk yet: each of you makes one small kind gesture a day, like a favourite tea left on a desk.', '先不必深谈：你们各自每天做一个小小的善意举动，比如在桌上放一杯对方喜欢的茶。'),
    s('bw-resources', 'exception', 'coping-list', 'Each of you lists what has kept you going during the silence. These are strengths, not failings.', '你们各自列出在沉默期间支撑自己的东西。这些是力量，而不是缺点。'),
    s('bw-scaling', 'scaling', 'scale-positioning', 'Each of you rates from 1 to 10 how connected you feel, and names one small sign of a point higher.', '你们各自从1到10给连结感打分，并说出再高一分的一个小迹象。'),
  ],
  both_press: [
    s('bp-pause', 'small_step', 'commitment-experiment', 'Agree that either of you may call a twenty-minute pause, and that you both come back to finish.', '约定任何一方都可以叫二十分钟暂停，之后两人都回来把话说完。'),
    s('bp-listen', 'small_step', 'collaborative-listening', 'Take turns: five minutes each where only one speaks and the other listens to understand.', '轮流说：每人五分钟，一人说，另一人只为理解而听。'),
    s('bp-exception', 'exception', 'pattern-recognition', 'Look for a disagreement that cooled down on its own. What were you each doing then?', '找一次自己降温的分歧。那时你们各自在做什么？'),
  ],
};

export interface PlaybookEntry {
  /** The low dimension or the couple pattern the suggestions answer. */
  about: ProfileDimension | CouplePattern;
  suggestions: PlaybookSuggestion[];
}

function isJoint(exerciseKey: string): boolean {
  return builtInExercise(exerciseKey)?.audience === 'partners_together';
}

/**
 * The playbook for one partner, or a couple: the pattern first (if any), then every dimension below
 * 50 in either partner, lowest first. When the safety screen raised a concern, suggestions practised
 * together are left out.
 */
export function buildPlaybook(profiles: PartnerProfile[], options: { pattern?: CouplePattern | null; safetyConcern?: boolean } = {}): PlaybookEntry[] {
  const entries: PlaybookEntry[] = [];
  const keep = (list: readonly PlaybookSuggestion[]) => list.filter((x) => !(options.safetyConcern && isJoint(x.exerciseKey)));
  if (options.pattern && !options.safetyConcern) entries.push({ about: options.pattern, suggestions: keep(PLAYBOOK[options.pattern]) });
  const lowest = new Map<ProfileDimension, number>();
  for (const p of profiles) {
    for (const d of PROFILE_DIMENSIONS) {
      const v = p.dimensions[d];
      if (v !== null && v < LOW_DIMENSION_BELOW) lowest.set(d, Math.min(v, lowest.get(d) ?? 100));
    }
  }
  const low = [...lowest.entries()].sort((a, b) => a[1] - b[1] || PROFILE_DIMENSIONS.indexOf(a[0]) - PROFILE_DIMENSIONS.indexOf(b[0]));
  for (const [d] of low) entries.push({ about: d, suggestions: keep(PLAYBOOK[d]) });
  return entries.filter((e) => e.suggestions.length > 0);
}

export interface CoupleProfile {
  partners: PartnerProfile[];
  pattern: CouplePattern | null;
  safetyConcern: boolean;
  playbook: PlaybookEntry[];
}

/**
 * The couple view: both partners' profiles, the pattern between them and the shared playbook.
 * With a safety concern no pattern is worked on jointly and no joint exercise is suggested.
 */
export function coupleProfile(a: PartnerProfile, b: PartnerProfile, safetyConcern: boolean): CoupleProfile {
  const pattern = couplePattern(a, b);
  return { partners: [a, b], pattern, safetyConcern, playbook: buildPlaybook([a, b], { pattern, safetyConcern }) };
}

/** The result a visitor of the public page gets: their own profile and playbook. */
export function visitorResult(answers: MeasureAnswers, safety: SafetyScreenAnswers): { profile: PartnerProfile; safetyConcern: boolean; playbook: PlaybookEntry[] } {
  const profile = partnerProfile(answers);
  const safetyConcern = safetyScreenRaisesConcern(safety);
  return { profile, safetyConcern, playbook: buildPlaybook([profile], { safetyConcern }) };
}
