import type { ChangeClass, ReportLanguage, SessionNoteKey, StageNumber } from '@attune/domain';

/** The words of the printed case report and discharge summary, in English and Simplified Chinese. */
export interface ReportMessages {
  locale: string;
  caseReport: string;
  dischargeSummary: string;
  myRecord: string;
  period: string;
  wholeCase: string;
  generated: string;
  practice: string;
  practitioner: string;
  kind: Record<'individual' | 'couple', string>;
  status: Record<'open' | 'closed', string>;
  clientStatus: Record<'active' | 'paused' | 'discharged', string>;
  opened: string;
  closed: string;
  presentingConcern: string;
  currentStage: string;
  clients: string;
  stageHistory: string;
  transitionKind: Record<string, string>;
  progress: string;
  progressNone: string;
  scaleAxis: string;
  sessions: string;
  noSessions: string;
  session: (date: string, minutes: number, format: 'individual' | 'joint', stage: number) => string;
  signed: (at: string, by: string) => string;
  unsigned: string;
  noteHash: string;
  addendum: (n: number, at: string, by: string) => string;
  exceptions: string;
  noExceptions: string;
  significant: string;
  homework: string;
  noHomework: string;
  homeworkStatus: Record<'assigned' | 'in_progress' | 'submitted' | 'reviewed', string>;
  due: string;
  submitted: string;
  feedback: string;
  signatureHashes: string;
  signatureHashesIntro: string;
  summary: string;
  firstAndLastScore: (name: string, first: string, last: string) => string;
  sessionsHeld: (n: number) => string;
  homeworkDone: (done: number, total: number) => string;
  exceptionsLogged: (n: number) => string;
  lastNote: string;
  page: (n: number, of: number) => string;
  stageTitles: Record<StageNumber, string>;
  noteSections: Record<SessionNoteKey, string>;
  yes: string;
  no: string;
  privateNote: string;
  myRatings: string;
  myMoments: string;
  myMeasures: string;
  unanswered: string;
  partnerShared: (name: string) => string;
  draft: string;
  practitionerNote: string;
  ratingSource: Record<'practitioner' | 'client', string>;
  nothing: string;
  measures: string;
  measureColumns: { date: string; score: string; band: string; change: string };
  measureAbout: (cutoff: number | null, reliableChange: number | null, higherIsBetter: boolean) => string;
  /** The cut-off, as the measure's line says it and its chart labels the dashed line. */
  cutoff: (value: number) => string;
  changeClass: Record<ChangeClass, string>;
  baseline: string;
  measureSource: Record<'practitioner' | 'client', string>;
}

const en: ReportMessages = {
  locale: 'en-GB',
  caseReport: 'Case report',
  dischargeSummary: 'Discharge summary',
  myRecord: 'My record',
  period: 'Period',
  wholeCase: 'the whole case',
  generated: 'Generated',
  practice: 'Practice',
  practitioner: 'Practitioner',
  kind: { individual: 'Individual', couple: 'Couple' },
  status: { open: 'Open', closed: 'Closed' },
  clientStatus: { active: 'active', paused: 'paused', discharged: 'discharged' },
  opened: 'Opened',
  closed: 'Closed',
  presentingConcern: 'Presenting concern',
  currentStage: 'Current stage',
  clients: 'Clients',
  stageHistory: 'Stage history',
  transitionKind: { start: 'start', forward: 'forward', back: 'back', new_cycle: 'new cycle' },
  progress: 'Progress on the 1-10 scale',
  progressNone: 'No ratings in this period.',
  scaleAxis: 'Scale',
  sessions: 'Sessions and notes',
  noSessions: 'No sessions in this period.',
  session: (date, minutes, format, stage) => `${date} · ${minutes} min · ${format === 'joint' ? 'joint session' : 'individual session'} · stage ${stage}`,
  signed: (at, by) => `Signed ${at} by ${by}`,
  unsigned: 'Not signed',
  noteHash: 'SHA-256',
  addendum: (n, at, by) => `Addendum ${n}, ${at}, ${by}`,
  exceptions: 'Exceptions (moments when the problem was weaker or absent)',
  noExceptions: 'No exceptions in this period.',
  significant: 'significant',
  homework: 'Homework',
  noHomework: 'No homework in this period.',
  homeworkStatus: { assigned: 'assigned', in_progress: 'in progress', submitted: 'submitted', reviewed: 'reviewed' },
  due: 'due',
  submitted: 'submitted',
  feedback: 'Feedback',
  signatureHashes: 'Signature hashes',
  signatureHashesIntro: 'Each signed note and addendum with the SHA-256 taken when it was signed; an addendum\'s hash chains on the one before it.',
  summary: 'Summary',
  firstAndLastScore: (name, first, last) => `${name}: from ${first} to ${last} on the scale`,
  sessionsHeld: (n) => `${n} session${n === 1 ? '' : 's'} held`,
  homeworkDone: (done, total) => `${done} of ${total} homework exercises completed`,
  exceptionsLogged: (n) => `${n} exception${n === 1 ? '' : 's'} logged`,
  lastNote: 'Last signed note',
  page: (n, of) => `Page ${n} of ${of}`,
  stageTitles: {
    1: 'Collaborative Establishment', 2: 'Resource Identification', 3: 'Vision Clarification',
    4: 'Exception Amplification', 5: 'Action Construction', 6: 'Consolidation and Maintenance',
  },
  noteSections: {
    betterSinceLast: 'Better since last time', exceptionsHeard: 'Exceptions heard', scaleRatings: 'Scale ratings',
    resourcesNoticed: 'Resources and coping noticed', vision: 'Vision', homeworkReviewed: 'Homework reviewed',
    homeworkAssigned: 'Homework assigned', nextSteps: 'Next steps', freeText: 'Free text',
  },
  yes: 'yes',
  no: 'no',
  privateNote: 'Your practitioner\'s session notes and private working notes are not part of this export, as the law allows for psychotherapy notes. You can ask your practitioner about them.',
  myRatings: 'My ratings on the scale',
  myMoments: 'Moments I logged',
  myMeasures: 'My questionnaires',
  unanswered: 'not answered',
  partnerShared: (name) => `Shared with me by ${name}`,
  draft: 'Draft (not sent)',
  practitionerNote: 'Note from my practitioner',
  ratingSource: { practitioner: 'with my practitioner', client: 'my own rating' },
  nothing: 'Nothing yet.',
  measures: 'Measures',
  measureColumns: { date: 'Date', score: 'Score', band: 'Band', change: 'Change' },
  measureAbout: (cutoff, rc, better) => [
    better ? 'higher is better' : 'higher is worse',
    ...(cutoff !== null ? [en.cutoff(cutoff)] : []),
    ...(rc !== null ? [`reliable change ${rc} points`] : []),
  ].join(' · '),
  cutoff: (value) => `cut-off ${value}`,
  changeClass: { reliable_improvement: 'reliable improvement', no_reliable_change: 'no reliable change', reliable_deterioration: 'reliable deterioration' },
  baseline: 'baseline',
  measureSource: { practitioner: 'entered in session', client: 'in the portal' },
};

const zh: ReportMessages = {
  locale: 'zh-CN',
  caseReport: '个案报告',
  dischargeSummary: '结案总结',
  myRecord: '我的记录',
  period: '期间',
  wholeCase: '整个个案',
  generated: '生成时间',
  practice: '机构',
  practitioner: '咨询师',
  kind: { individual: '个人', couple: '伴侣' },
  status: { open: '进行中', closed: '已结案' },
  clientStatus: { active: '进行中', paused: '暂停', discharged: '已结案' },
  opened: '开案',
  closed: '结案',
  presentingConcern: '主诉',
  currentStage: '当前阶段',
  clients: '来访者',
  stageHistory: '阶段历程',
  transitionKind: { start: '开始', forward: '前进', back: '回退', new_cycle: '新周期' },
  progress: '1-10 量尺上的进展',
  progressNone: '此期间没有评分。',
  scaleAxis: '量尺',
  sessions: '会谈与记录',
  noSessions: '此期间没有会谈。',
  session: (date, minutes, format, stage) => `${date} · ${minutes} 分钟 · ${format === 'joint' ? '联合会谈' : '个人会谈'} · 阶段 ${stage}`,
  signed: (at, by) => `${by} 于 ${at} 签署`,
  unsigned: '未签署',
  noteHash: 'SHA-256',
  addendum: (n, at, by) => `补充记录 ${n}，${at}，${by}`,
  exceptions: '例外（问题较轻或不存在的时刻）',
  noExceptions: '此期间没有例外记录。',
  significant: '重要',
  homework: '家庭作业',
  noHomework: '此期间没有家庭作业。',
  homeworkStatus: { assigned: '已布置', in_progress: '进行中', submitted: '已提交', reviewed: '已回顾' },
  due: '截止',
  submitted: '提交',
  feedback: '反馈',
  signatureHashes: '签名哈希',
  signatureHashesIntro: '每份已签署的记录及补充记录，附签署时计算的 SHA-256；补充记录的哈希与前一项相链接。',
  summary: '总结',
  firstAndLastScore: (name, first, last) => `${name}：量尺从 ${first} 到 ${last}`,
  sessionsHeld: (n) => `共进行 ${n} 次会谈`,
  homeworkDone: (done, total) => `完成 ${done} / ${total} 项家庭作业`,
  exceptionsLogged: (n) => `记录了 ${n} 个例外`,
  lastNote: '最后一份已签署的记录',
  page: (n, of) => `第 ${n} 页，共 ${of} 页`,
  stageTitles: { 1: '协作建立', 2: '资源识别', 3: '愿景澄清', 4: '例外放大', 5: '行动构建', 6: '巩固与维持' },
  noteSections: {
    betterSinceLast: '上次以来的改善', exceptionsHeard: '听到的例外', scaleRatings: '量尺评分', resourcesNoticed: '注意到的资源与应对',
    vision: '愿景', homeworkReviewed: '作业回顾', homeworkAssigned: '布置的作业', nextSteps: '下一步', freeText: '其他记录',
  },
  yes: '是',
  no: '否',
  privateNote: '咨询师的会谈记录和私人工作笔记不包含在此导出中，这是法律对心理治疗笔记所允许的。您可以向咨询师询问。',
  myRatings: '我在量尺上的评分',
  myMoments: '我记录的时刻',
  myMeasures: '我的问卷',
  unanswered: '未作答',
  partnerShared: (name) => `${name} 与我分享的内容`,
  draft: '草稿（未提交）',
  practitionerNote: '咨询师的留言',
  ratingSource: { practitioner: '与咨询师一起', client: '我自己的评分' },
  nothing: '暂无内容。',
  measures: '量表测评',
  measureColumns: { date: '日期', score: '得分', band: '分级', change: '变化' },
  measureAbout: (cutoff, rc, better) => [
    better ? '分数越高越好' : '分数越高越差',
    ...(cutoff !== null ? [zh.cutoff(cutoff)] : []),
    ...(rc !== null ? [`可靠变化 ${rc} 分`] : []),
  ].join(' · '),
  cutoff: (value) => `临界值 ${value}`,
  changeClass: { reliable_improvement: '可靠改善', no_reliable_change: '无可靠变化', reliable_deterioration: '可靠恶化' },
  baseline: '基线',
  measureSource: { practitioner: '会谈中录入', client: '门户中填写' },
};

export const REPORT_MESSAGES: Record<ReportLanguage, ReportMessages> = { en, zh };
