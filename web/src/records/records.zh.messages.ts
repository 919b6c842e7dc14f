import type { RecordsMessages } from './records.messages';

/** 导出记录（个案报告下载、来访者自己的导出、删除请求）的简体中文文案（与 records.messages.ts 结构相同）。 */
export const recordsZhMessages: RecordsMessages = {
  records: {
    report: {
      button: '下载报告',
      title: '下载个案报告',
      intro: '所选期间个案的 PDF：来访者、阶段历程、进展图、会谈及已签署的记录与补充记录、例外、家庭作业及回答、签名哈希。下载会记入审计日志。',
      from: '开始日期',
      to: '结束日期',
      period_help: '留空则包含整个个案。',
      language: '报告语言',
      language_en: '英文 (English)',
      language_zh: '简体中文',
      variant: '类型',
      variant_report: '个案报告',
      variant_discharge: '结案总结',
      discharge_closed_only: '个案结案后才能生成结案总结。',
      download: '下载 PDF',
      cancel: '取消',
      preparing: '正在生成 PDF…',
      done: '报告已下载。',
      failed: '无法生成报告：%{message}',
      too_many: '一分钟内下载次数过多。请稍候再试。',
    },
  },
};
