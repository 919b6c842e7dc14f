import { optionScale, type LocalText, type MeasureBand, type MeasureDefinition, type MeasureItem, type MeasureOption } from './instrument.js';

/**
 * The standard measures Attune ships with their item text. PHQ-9 and GAD-7 are free to reproduce
 * with their attribution; WHO-5 is free to use citing its source. The Chinese wording follows the
 * published Simplified Chinese versions.
 */

const FREQUENCY_2_WEEKS: MeasureOption[] = optionScale([
  { en: 'Not at all', 'zh-CN': '完全不会' },
  { en: 'Several days', 'zh-CN': '好几天' },
  { en: 'More than half the days', 'zh-CN': '一半以上的天数' },
  { en: 'Nearly every day', 'zh-CN': '几乎每天' },
]);

function items(prefix: string, texts: LocalText[], options: MeasureOption[]): MeasureItem[] {
  return texts.map((text, i) => ({ key: `${prefix}${i + 1}`, text, options }));
}

const PHQ_GAD_LICENCE = {
  kind: 'free_with_attribution' as const,
  attribution:
    'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.',
  url: 'https://www.phqscreeners.com',
};

/** The bands PHQ-9 and GAD-7 share below 15 (Kroenke 2001, Spitzer 2006). */
const PHQ_FAMILY_LOWER_BANDS: MeasureBand[] = [
    { key: 'minimal', min: 0, max: 4, concern: 0, label: { en: 'Minimal', 'zh-CN': '极轻微' } },
    { key: 'mild', min: 5, max: 9, concern: 1, label: { en: 'Mild', 'zh-CN': '轻度' } },
    { key: 'moderate', min: 10, max: 14, concern: 2, label: { en: 'Moderate', 'zh-CN': '中度' } },
];

const phq9Items = items(
  'phq9_',
  [
    { en: 'Little interest or pleasure in doing things', 'zh-CN': '做事时提不起劲或没有兴趣' },
    { en: 'Feeling down, depressed, or hopeless', 'zh-CN': '感到心情低落、沮丧或绝望' },
    { en: 'Trouble falling or staying asleep, or sleeping too much', 'zh-CN': '入睡困难、睡不安稳或睡眠过多' },
    { en: 'Feeling tired or having little energy', 'zh-CN': '感觉疲倦或没有活力' },
    { en: 'Poor appetite or overeating', 'zh-CN': '食欲不振或吃太多' },
    {
      en: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      'zh-CN': '觉得自己很糟——或觉得自己很失败，或让自己或家人失望',
    },
    {
      en: 'Trouble concentrating on things, such as reading the newspaper or watching television',
      'zh-CN': '对事物专注有困难，例如阅读报纸或看电视时',
    },
    {
      en: 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      'zh-CN': '动作或说话速度缓慢到别人已经觉察？或正好相反——烦躁或坐立不安、动来动去的情况更胜于平常',
    },
    {
      en: 'Thoughts that you would be better off dead or of hurting yourself in some way',
      'zh-CN': '有不如死掉或用某种方式伤害自己的念头',
    },
  ],
  FREQUENCY_2_WEEKS,
);
phq9Items[8] = { ...phq9Items[8]!, safety: { flagAt: 1 } };

export const PHQ9: MeasureDefinition = {
  key: 'phq-9',
  version: '1',
  title: { en: 'Patient Health Questionnaire (PHQ-9)', 'zh-CN': '患者健康问卷（PHQ-9）' },
  shortTitle: 'PHQ-9',
  instructions: {
    en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    'zh-CN': '在过去两周里，你有多少时候受到以下任何问题所困扰？',
  },
  items: phq9Items,
  scoring: { method: 'sum' },
  direction: 'higher_is_worse',
  bands: [
    ...PHQ_FAMILY_LOWER_BANDS,
    { key: 'moderately_severe', min: 15, max: 19, concern: 3, label: { en: 'Moderately severe', 'zh-CN': '中重度' } },
    { key: 'severe', min: 20, max: 27, concern: 3, label: { en: 'Severe', 'zh-CN': '重度' } },
  ],
  clinicalCutoff: 10,
  reliableChange: {
    points: 5,
    source: 'Löwe B, Unützer J, Callahan CM, Perkins AJ, Kroenke K. Monitoring depression treatment outcomes with the PHQ-9. Med Care. 2004;42(12):1194-1201 (a change of 5 points is clinically significant).',
  },
  missing: {
    maxMissing: 2,
    required: ['phq9_9'],
    source: 'Kroenke K, Spitzer RL, Williams JBW et al. (PHQ instruction manual): with one or two items missing, the total is the mean of the answered items times 9; item 9 must be answered so that a risk is never missed.',
  },
  licence: PHQ_GAD_LICENCE,
  loincTotal: '44261-6',
  audience: 'individual',
};

export const GAD7: MeasureDefinition = {
  key: 'gad-7',
  version: '1',
  title: { en: 'Generalized Anxiety Disorder scale (GAD-7)', 'zh-CN': '广泛性焦虑量表（GAD-7）' },
  shortTitle: 'GAD-7',
  instructions: {
    en: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
    'zh-CN': '在过去两周里，你有多少时候受到以下问题所困扰？',
  },
  items: items(
    'gad7_',
    [
      { en: 'Feeling nervous, anxious, or on edge', 'zh-CN': '感觉紧张、焦虑或急切' },
      { en: 'Not being able to stop or control worrying', 'zh-CN': '不能够停止或控制担忧' },
      { en: 'Worrying too much about different things', 'zh-CN': '对各种各样的事情担忧过多' },
      { en: 'Trouble relaxing', 'zh-CN': '很难放松下来' },
      { en: 'Being so restless that it is hard to sit still', 'zh-CN': '由于不安而无法静坐' },
      { en: 'Becoming easily annoyed or irritable', 'zh-CN': '变得容易烦恼或急躁' },
      { en: 'Feeling afraid, as if something awful might happen', 'zh-CN': '感到似乎将有可怕的事情发生而害怕' },
    ],
    FREQUENCY_2_WEEKS,
  ),
  scoring: { method: 'sum' },
  direction: 'higher_is_worse',
  bands: [
    ...PHQ_FAMILY_LOWER_BANDS,
    { key: 'severe', min: 15, max: 21, concern: 3, label: { en: 'Severe', 'zh-CN': '重度' } },
  ],
  clinicalCutoff: 10,
  reliableChange: {
    points: 4,
    source: 'Toussaint A, Hüsing P, Gumz A et al. Sensitivity to change and minimal clinically important difference of the 7-item Generalized Anxiety Disorder Questionnaire (GAD-7). J Affect Disord. 2020;265:395-401 (MCID about 4 points).',
  },
  missing: {
    maxMissing: 1,
    source: 'Prorating rule of the PHQ family: with one item missing, the total is the mean of the answered items times 7.',
  },
  licence: PHQ_GAD_LICENCE,
  loincTotal: '70274-6',
  audience: 'individual',
};

export const WHO5: MeasureDefinition = {
  key: 'who-5',
  version: '1',
  title: { en: 'WHO-5 Well-Being Index', 'zh-CN': 'WHO-5 幸福感指数' },
  shortTitle: 'WHO-5',
  instructions: {
    en: 'Please indicate for each of the five statements which is closest to how you have been feeling over the last two weeks.',
    'zh-CN': '请针对以下五个陈述，选出最接近你过去两周感受的一项。',
  },
  items: items(
    'who5_',
    [
      { en: 'I have felt cheerful and in good spirits', 'zh-CN': '我感到快乐、心情舒畅' },
      { en: 'I have felt calm and relaxed', 'zh-CN': '我感到心情平静和放松' },
      { en: 'I have felt active and vigorous', 'zh-CN': '我感到充满活力、精力充沛' },
      { en: 'I woke up feeling fresh and rested', 'zh-CN': '我醒来时感到神清气爽、休息得很好' },
      { en: 'My daily life has been filled with things that interest me', 'zh-CN': '我每天的生活充满了我感兴趣的事情' },
    ],
    optionScale([
      { en: 'At no time', 'zh-CN': '从来没有' },
      { en: 'Some of the time', 'zh-CN': '有些时候' },
      { en: 'Less than half of the time', 'zh-CN': '少于一半时间' },
      { en: 'More than half of the time', 'zh-CN': '多于一半时间' },
      { en: 'Most of the time', 'zh-CN': '大部分时间' },
      { en: 'All of the time', 'zh-CN': '所有时间' },
    ]),
  ),
  scoring: { method: 'scaled', to: 100 },
  direction: 'higher_is_better',
  bands: [
    { key: 'very_low', min: 0, max: 28, concern: 3, label: { en: 'Very low well-being', 'zh-CN': '幸福感很低' } },
    { key: 'low', min: 29, max: 50, concern: 2, label: { en: 'Low well-being', 'zh-CN': '幸福感偏低' } },
    { key: 'good', min: 51, max: 100, concern: 0, label: { en: 'Good well-being', 'zh-CN': '幸福感良好' } },
  ],
  clinicalCutoff: 50,
  reliableChange: {
    points: 10,
    source: 'Topp CW, Østergaard SD, Søndergaard S, Bech P. The WHO-5 Well-Being Index: a systematic review of the literature. Psychother Psychosom. 2015;84(3):167-176 (a 10-point change is significant; 50 or below suggests poor well-being, 28 or below likely depression).',
  },
  missing: { maxMissing: 0, source: 'WHO-5 is scored only when all five items are answered (Topp et al. 2015).' },
  licence: {
    kind: 'free_with_attribution',
    attribution:
      'WHO-5 Well-Being Index © Psychiatric Research Unit, Mental Health Centre North Zealand; World Health Organization. Free to use, citing: Topp CW et al. Psychother Psychosom. 2015;84:167-176.',
    url: 'https://www.psykiatri-regionh.dk/who-5',
  },
  audience: 'individual',
};
