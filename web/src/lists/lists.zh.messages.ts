import type { ListsMessages } from './lists.messages';

/** 列表导出、行链接、个案转派与结案的简体中文文案（与 lists.messages.ts 结构相同）。 */
export const listsZhMessages: ListsMessages = {
  lists: {
    export: '导出',
    export_label: '将此列表导出为 CSV 文件',
    export_failed: '导出失败：%{message}',
    export_busy: '短时间内导出次数过多，请一分钟后再试。',
    open_row: '打开 %{name}',
    reassign: {
      button: '转派',
      title: '转派此个案',
      help: '个案将转给您选择的咨询师。其来访者随个案一同转出，除非当前咨询师与他们还有其他个案。',
      practitioner: '新咨询师',
      reason: '原因',
      reason_help: '记录在个案历史中，不写入审计日志。',
      save: '转派',
      done: '个案已转派',
    },
    close_case: {
      button: '结案',
      title: '关闭此个案',
      help: '结案后个案仍保留在记录中，可以重新开启。个案只会结案，不会删除。',
      done: '个案已结案',
    },
  },
};
