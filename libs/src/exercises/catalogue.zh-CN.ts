import { BUILT_IN_EXERCISES } from './catalogue.js';
import { exerciseWordsOf, type ExerciseLanguage, type ExerciseWords } from './exercise-words.js';

/**
 * The eighteen built-in exercises in Simplified Chinese, by key: title, summary, instructions, and
 * each field's label, help and item label under the field's name. The English is the catalogue
 * itself (`exerciseWordsOf`); the keys must match it. The web shows these under
 * `attune.exercises.<key>`, the case report and the client's own export print them.
 */
export const ZH_CN_EXERCISE_WORDS: Record<string, ExerciseWords> = {
  // ---------------------------------------------------------------- 阶段 1：协作建立
  'relationship-narrative': {
    title: '关系叙事',
    summary: '按你希望被理解的方式，讲述你们关系的故事。',
    instructions:
      '留出安静的半小时。写下你们关系的故事——不是列出哪里出了问题，而是像你希望一个关心你的人听到的那样去讲。' +
      '这段关系对你意味着什么？眼下哪里让你难受？你在期盼什么？这里不需要解决任何问题：' +
      '目的是把你自己的经历化为文字，好让我们从这里一起出发。',
    fields: {
      story: { label: '你们的关系故事', help: '用你自己的话，按你希望被理解的方式来写。' },
      whatMatters: { label: '在这段关系中，什么对你最重要？' },
      struggles: { label: '你现在正为什么而困扰？' },
      longings: { label: '你渴望的是什么？' },
    },
  },
  'collaborative-listening': {
    title: '合作式倾听',
    summary: '轮流进行：一人说五分钟，另一人只为理解而倾听。',
    instructions:
      '一起坐下来。一个人用五分钟说说自己现在的感受和处境；另一个人只是倾听，不打断、不纠正、不反驳，' +
      '只尝试从对方的内心去体会那是什么滋味。然后交换。你们不需要在任何事情上达成一致。' +
      '结束后，各自记下你理解到了什么，以及被倾听是什么感觉。',
    fields: {
      whatIUnderstood: { label: '关于伴侣现在的感受和处境，你理解到了什么？' },
      beingHeard: { label: '被不打断地倾听，是什么感觉？' },
      bothTookTurns: { label: '你们两人都说满了五分钟吗？' },
    },
  },
  'hope-questions': {
    title: '希望提问',
    summary: '想象情况只是好了一点点，而不是全部解决。',
    instructions:
      '问问自己，如果可以，也问问你的伴侣：如果今天我们之间只是稍微好了一点，那会是什么样子？' +
      '想得小一些：不是一切都修复了，只是轻松了一点。然后想一想，最先会是哪件小事让你知道，这点小小的改善已经开始了。',
    fields: {
      littleBetter: { label: '如果今天情况好了一点，会有什么不同？', help: '一点小小的改善，而不是彻底的解决。' },
      firstSign: { label: '它最先会出现的小迹象是什么？' },
    },
  },
  // ---------------------------------------------------------------- 阶段 2：资源识别
  'coping-list': {
    title: '应对清单',
    summary: '列出你为度过艰难时刻做过的所有事情，包括那些不完美的。',
    instructions:
      '写下你在这段关系的困难时刻里找到的每一种撑过去的方式，包括那些感觉笨拙或只起了一半作用的：' +
      '去跑步、给朋友打电话、让自己忙起来、告诉自己会过去的、写一封从未寄出的信。' +
      '这不是要评判它们是不是好办法，而是要注意到：你其实一直都在应对。',
    fields: {
      copingStrategies: {
        label: '你用过的应对方式',
        help: '至少三条。小的、不完美的也算。',
        itemLabel: '你为撑过去做过的一件事',
      },
      whatThisShows: { label: '看着这份清单，它说明了你是一个怎样的人？' },
    },
  },
  'strength-exploration': {
    title: '优势探索',
    summary: '找出过去帮你渡过困难的那些优势。',
    instructions:
      '回想你在一段关系中（这一段或别的）曾经走过来的艰难时期。那时是什么帮助了你？你对自己有了哪些发现？' +
      '想象你的伴侣或一位好朋友，描述当关系变得艰难时你擅长什么。你身上的哪些品质让你直到现在仍在坚持？',
    fields: {
      whatHelpedBefore: { label: '过去是什么帮你渡过了困难？' },
      learnedAboutMyself: { label: '那些时候让你对自己有了哪些认识？' },
      strengthsOthersSee: { label: '你的伴侣或朋友会在你身上看到哪些优势？' },
      qualitiesThatKeepMeGoing: { label: '你的哪些品质让你坚持下去？' },
    },
  },
  'exception-log': {
    title: '例外日志',
    summary: '每天记下一个{problem}较轻或不存在的时刻。',
    instructions:
      '这一周的每一天，至少捕捉一个不安全感比平时安静、或者根本不在的时刻。无论多短暂，都把它写下来：' +
      '当时周围发生了什么，你做了什么，脑海里想了什么，和平时相比感受如何。最后写下这个时刻可能在告诉你什么。' +
      '标签能帮助我们之后看清这些时刻是在什么条件下出现的。',
    fields: {
      occurredAt: { label: '这是什么时候发生的？' },
      context: { label: '当时的情境有什么不同？' },
      behavior: { label: '你做了什么不一样的事？' },
      thoughts: { label: '你当时的想法有什么不同？' },
      emotions: { label: '和平时相比，你感觉怎么样？' },
      meaning: { label: '这个时刻告诉了你什么？' },
      tags: { label: '当时是什么情况？', help: '选出符合的，或者添加你自己的。' },
    },
  },
  // ---------------------------------------------------------------- 阶段 3：愿景澄清
  'miracle-question': {
    title: '奇迹提问',
    summary: '想象{problem}悄然消失后的那个早晨。',
    instructions:
      '找一个安静的时刻，闭上眼睛。假设今晚在你睡着的时候，你们关系中的困难解决了，但因为你在睡觉，没有人告诉你。' +
      '明天早上，最先让你觉得好像有什么变了的，会是哪件小事？你会做些什么不一样的事，你的伴侣又会有什么不同，' +
      '你们俩这一天会怎样相处？尽可能具体、详细地描述那一天。',
    fields: {
      firstSign: { label: '最先让你察觉有所改变的小迹象' },
      whatIDoDifferently: { label: '你会做什么不一样的事？' },
      whatPartnerDoesDifferently: { label: '你的伴侣会做什么不一样的事？' },
      howWeInteract: { label: '你们在一起的时光会有什么不同？' },
      miracleDay: { label: '你的奇迹之日（请详细描述）', help: '从醒来到入睡。越具体越好。' },
    },
  },
  'scale-positioning': {
    title: '量尺定位',
    summary: '在 1-10 的量尺上给自己定位，并描述高一分的样子。',
    instructions:
      '想象一把从 1 到 10 的量尺：1 代表这段关系中的不安全感最糟糕的时候，10 代表奇迹已经完全实现。' +
      '今天你在哪里？过去你曾到过哪里？然后想两个问题：是什么让你没有更低？如果你往上移动一分，你最先会注意到什么？',
    fields: {
      score: { label: '今天你在哪里？', help: '1 = 最糟糕的时候，10 = 奇迹完全实现。' },
      pastPosition: { label: '过去你曾在量尺上的哪里？' },
      keepsFromLower: { label: '是什么让你没有更低？' },
      onePointHigher: { label: '高一分的时候，你最先会注意到什么？' },
    },
  },
  'value-ranking': {
    title: '价值排序',
    summary: '为关系中最重要的东西排序，并选一个价值作为这一周的指引。',
    instructions:
      '说出在你们的关系中对你最重要的五到十个价值，比如：安全、温暖、诚实、尊重、支持、自由、成长、理解、亲密或乐趣。' +
      '把它们排好顺序，最重要的放在最前面。然后从中选一个来指引你接下来的一周，说说为什么选它，' +
      '并写下这周你会做的一件与它相符的具体的事。',
    fields: {
      values: {
        label: '你的价值，最重要的在前',
        help: '五到十个。然后从中选一个作为本周的重点。',
        itemLabel: '价值',
      },
      why: { label: '为什么这周选这个价值？' },
      actionThisWeek: { label: '这周你会做的一件具体的事' },
    },
  },
  // ---------------------------------------------------------------- 阶段 4：例外放大
  'exception-deep-description': {
    title: '例外深度描述',
    summary: '深入描述一个对你最有意义的例外。',
    instructions:
      '翻看你的例外日志，挑出最突出的三到五个时刻。在这里深入描述其中一个（你的咨询师可能会请你对其他几个也这样做）：' +
      '当时你在哪里、发生了什么，你脑海里想了什么，你做了什么，身体有什么感受，' +
      '这个时刻说明你们作为伴侣有能力做到什么，以及如果这样的时刻更常出现，你们的关系会是什么样子。',
    fields: {
      occurredAt: { label: '这是什么时候发生的？' },
      context: { label: '当时具体发生了什么？' },
      thoughts: { label: '当时你脑海里在想什么？' },
      behavior: { label: '你做了什么不一样的事？' },
      bodily: { label: '你的身体有什么感受？' },
      capacity: { label: '它揭示了你们关系中哪种被遗忘的能力？' },
      ifMoreOften: { label: '如果这样的时刻更常出现，你们的关系会是什么样子？' },
    },
  },
  'pattern-recognition': {
    title: '模式识别',
    summary: '找出你的例外时刻共有的条件。',
    instructions:
      '把你的例外日志当作一个整体来读，找找那些美好时刻有什么共同点。你们当时是在一起做什么吗？' +
      '地点、一天中的时间或周围的情况有什么特别之处吗？你们当时处于某种特定的心情吗？' +
      '这些共同的条件就是线索：它们告诉你可以有意识地安排些什么，让这样的时刻更有可能出现。',
    fields: {
      conditions: { label: '反复出现的条件', help: '选出符合的，或者添加你自己的。' },
      patterns: { label: '这些美好时刻有什么共同点？' },
      togetherActivities: { label: '当时你在做什么，和谁在一起？' },
      circumstances: { label: '地点、时间或其他情况' },
      emotionalState: { label: '当时你处于怎样的心境？' },
      howToCreateMore: { label: '这些条件中，哪些是你可以有意创造的？' },
    },
  },
  'micro-experiment': {
    title: '微实验',
    summary: '连续三天，有意识地创造一个让例外出现的条件。',
    instructions:
      '从你找到的模式中选一个条件，在接下来的三天里，每天有意识地让它出现一次。比如，如果一个小小的善意举动之后气氛会缓和，' +
      '那就每天做一个小小的善意举动。每天记下你做了什么、发生了什么。这是一次实验，而不是考试：无论结果如何，你都会有所收获。',
    fields: {
      condition: { label: '你要创造哪个条件？' },
      plan: { label: '你每天具体会做什么？' },
      observations: {
        label: '每天发生了什么',
        help: '每天一条：你做了什么，之后发生了什么。',
        itemLabel: '天',
      },
      learned: { label: '你学到了什么？' },
    },
  },
  // ---------------------------------------------------------------- 阶段 5：行动构建
  'action-menu': {
    title: '行动菜单',
    summary: '列出一份包含十到二十个小而具体的行动的菜单。',
    instructions:
      '结合到目前为止的一切，写一份小行动的菜单，这些行动能让你们之间感觉更安全。' +
      '每一项都要具体到能在脑海中想象出来（“回到家时拥抱三十秒”，而不是“更亲密一些”），' +
      '在平常的日子里就能做到，并且要多样一些，让菜单覆盖不同的时刻和心情。',
    fields: {
      actions: {
        label: '你的行动菜单',
        help: '十到二十项。具体、可行、多样。',
        itemLabel: '一个小而具体的行动',
      },
    },
  },
  'commitment-experiment': {
    title: '承诺与实验',
    summary: '挑选一两个行动，这一周以实验的方式去尝试。',
    instructions:
      '从你的行动菜单中挑选一两项，是你准备好在接下来七天里付诸实践的。把每一项都看作一个小实验：它不会失败，只会让你学到东西。' +
      '写下你打算做什么，你好奇想发现什么，以及什么能说明你已经发现了它。',
    fields: {
      actions: { label: '你要尝试的行动', help: '一到两项。', itemLabel: '菜单中的行动' },
      hopeToLearn: { label: '你希望学到什么？' },
      howWillIKnow: { label: '你怎样知道自己学到了东西？' },
    },
  },
  'feedback-loop': {
    title: '反馈循环',
    summary: '每周结束时，回顾你尝试过的事情并作出调整。',
    instructions:
      '一周结束时，盘点一下。你的哪些实验真正付诸了行动？之后发生了什么——在你身上、在你的伴侣身上、在你们之间？' +
      '这让你学到了什么？据此，下一周你会保留、放下或改变什么？改变正是通过许多这样的小调整而扎根的。',
    fields: {
      tried: { label: '你尝试了什么？' },
      whatHappened: { label: '发生了什么？' },
      learned: { label: '你学到了什么？' },
      adjustments: { label: '下周你会调整什么？' },
    },
  },
  // ---------------------------------------------------------------- 阶段 6：巩固与维持
  'progress-narrative': {
    title: '进步叙事',
    summary: '写下你一路走来的新故事。',
    instructions:
      '回顾这段工作的全过程，把它讲成一个新的故事——关于你的进步，而不是关于{problem}的故事。描述你出发时的状态，以及一路上发生了什么。' +
      '说说你现在对自己、对你们两人有了哪些理解，你今天站在哪里，哪些步伐让你感到自豪，以及你接下来期盼着什么。',
    fields: {
      whereIStarted: { label: '你是从哪里出发的？' },
      whatIWentThrough: { label: '你经历了什么？' },
      whatILearned: { label: '关于你自己和你们的关系，你学到了什么？' },
      whereIAmNow: { label: '你现在在哪里？' },
      proudOf: { label: '你为什么感到自豪？' },
      hopeForFuture: { label: '从这里出发，你期盼着什么？' },
    },
  },
  'prevention-plan': {
    title: '预防计划',
    summary: '计划如何发现早期预警信号，以及发现后该怎么做。',
    instructions:
      '运用你现在所知道的，为将来那些更难的日子写一份计划。哪些早期信号会告诉你不安全感正在悄悄回来？' +
      '注意到它们时你会做什么？哪些应对方式已经被证明有效？在什么情况下你会寻求支持，向谁寻求？',
    fields: {
      earlySigns: { label: '早期预警信号', itemLabel: '情况可能在下滑的一个信号' },
      responses: { label: '注意到它们时你会做什么', itemLabel: '你会做的一件事' },
      provenStrategies: { label: '曾经有效的应对方式', itemLabel: '一个帮助过你的方法' },
      whenToSeekSupport: { label: '你会在什么时候、向谁寻求支持？' },
    },
  },
  celebration: {
    title: '庆祝与意义',
    summary: '纪念你的进步，无论多小，并说出它对你的意义。',
    instructions:
      '进步值得被看见，即使每一步都很小。选一种方式来纪念它：独自一人、两人一起，或者和对你重要的人一起。' +
      '然后回想你走过的这段路有什么意义，它如何改变了你看待自己、你们的关系和生活的方式，' +
      '以及你对自己最宝贵的一个发现。',
    fields: {
      howWeCelebrate: { label: '你会怎样庆祝？' },
      meaning: { label: '这段旅程对你意味着什么？' },
      howItChangedMe: { label: '它如何改变了你看待自己、你们的关系和生活的方式？' },
      mostImportantDiscovery: { label: '你对自己最重要的发现' },
    },
  },
};

/**
 * A built-in exercise's words in `language`, or undefined for a practitioner's own exercise (its
 * words are the practitioner's, in one language) and a key the catalogue does not hold.
 */
export function builtInExerciseWords(key: string | null, language: ExerciseLanguage): ExerciseWords | undefined {
  const exercise = key === null ? undefined : BUILT_IN_EXERCISES.find((e) => e.key === key);
  if (!exercise) return undefined;
  return language === 'en' ? exerciseWordsOf(exercise) : ZH_CN_EXERCISE_WORDS[exercise.key];
}
