/**
 * The words of records out (the case report download, the client's own export, erasure requests),
 * under the `records` key of the app's messages. Simplified Chinese is in records.zh.messages.ts
 * and must have the same shape.
 */
export const recordsEnMessages = {
  records: {
    report: {
      button: 'Download report',
      title: 'Download the case report',
      intro: 'A PDF of the case for a period: clients, stage history, the progress chart, sessions with signed notes and addenda, exceptions, homework with answers, and signature hashes. The download is recorded in the audit log.',
      from: 'From',
      to: 'To',
      period_help: 'Leave empty for the whole case.',
      language: 'Language of the report',
      language_en: 'English',
      language_zh: 'Chinese (简体中文)',
      variant: 'Kind',
      variant_report: 'Case report',
      variant_discharge: 'Discharge summary',
      discharge_closed_only: 'A discharge summary is made once the case is closed.',
      download: 'Download PDF',
      cancel: 'Cancel',
      preparing: 'Preparing the PDF…',
      done: 'The report has been downloaded.',
      failed: 'The report could not be made: %{message}',
      too_many: 'Too many downloads in a minute. Wait a moment and try again.',
    },
  },
};

export type RecordsMessages = typeof recordsEnMessages;
