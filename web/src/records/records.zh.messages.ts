import type { RecordsMessages } from './records.messages';

/** Simplified Chinese for records.messages.ts: the same keys and placeholders. */
export const recordsZhMessages: RecordsMessages = {
  records: {
    label_colon: '%{label}：',
    follow_ups: {
      heading: '追问',
      keeps_from_lower: '是什么让它没有更低',
      one_point_higher: '再高一分会是什么样子',
      none: '未回答',
    },
    exception: {
      open: '打开',
      open_label: '打开 %{date} 的例外',
      title: '%{date} 的例外',
      by_client: '由来访者记录',
      by_staff: '由工作人员记录',
      deep_heading: '深度描述',
      bodily: '身体的感受',
      capacity: '显现出的被遗忘的能力',
      if_more_often: '如果这样的时刻更常发生',
      deep_none: '还没有深度描述。第 4 阶段的练习“例外深度描述”会添加它。',
      not_answered: '未回答',
      close: '关闭',
    },
    check_ins: {
      heading: '打卡记录',
      none: '还没有打卡。',
      day: '%{date} 当天',
      week: '%{date} 起的一周',
    },
    portal: {
      nav_moments: '我的美好时刻',
      moments_title: '我的美好时刻',
      moments_intro: '你记录下的情况较好的时刻。随时可以再读一读。',
      moments_none: '你还没有记录美好时刻。',
      log_one: '记录一个美好时刻',
      what_i_did: '我做了什么不同的事',
      thoughts: '我当时的想法',
      emotions: '我当时的感受',
      meaning: '它告诉我什么',
      deep_heading: '深入描述',
      stages_heading: '你在六个阶段中的位置',
      stage_current: '你在这里',
      stage_done: '已完成',
      stage_ahead: '尚未开始',
      stage_item: '阶段 %{stage}：%{title}',
    },
  },
};
