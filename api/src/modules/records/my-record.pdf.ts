import { localText, type MyRecordExport, type ReportLanguage } from '@attune/domain';
import { REPORT_MESSAGES, type ReportMessages } from './case-report.messages.js';
import { answerText, exerciseWordsIn } from './case-report.pdf.js';
import { INK, openPdf, PdfWriter } from './pdf-writer.js';

/** A client's own record as a readable PDF, in their language. */
export function renderMyRecord(record: MyRecordExport, options: { language: ReportLanguage; timeZone: string }): Promise<Buffer> {
  const m = REPORT_MESSAGES[options.language];
  const names = record.people.map((p) => p.displayName).join(', ');
  const { doc, done } = openPdf({ lang: m.locale, title: `${m.myRecord}: ${names}`, author: 'Attune', subject: m.myRecord });
  const w = new MyRecordWriter(doc, m, options.language, options.timeZone);
  w.write(record, names);
  w.footers(m.myRecord, m.page);
  doc.end();
  return done;
}

class MyRecordWriter extends PdfWriter {
  constructor(doc: PDFKit.PDFDocument, private readonly m: ReportMessages, private readonly language: ReportLanguage, private readonly timeZone: string) {
    super(doc, m.locale, timeZone);
  }

  write(record: MyRecordExport, names: string): void {
    const m = this.m;
    this.doc.font('bold').fontSize(18).fillColor(INK).text(m.myRecord, { width: this.width });
    this.doc.font('bold').fontSize(12).text(names, { width: this.width });
    this.para(`${m.generated}: ${this.dt(record.exportedAt)} · ${this.timeZone}`, { muted: true, size: 8 });
    this.doc.moveDown(0.5);
    this.para(record.notice);
    for (const k of record.cases) {
      this.heading(`${k.title} · ${m.kind[k.kind]} · ${m.status[k.status]} · ${this.d(k.openedAt)}`);
      this.subheading(m.homework);
      if (k.homework.length === 0) this.para(m.nothing, { muted: true });
      for (const h of k.homework) {
        const words = exerciseWordsIn(h.exercise, this.language);
        this.subheadingIndented(`${words.title} · ${m.homeworkStatus[h.status]} · ${h.submittedAt ? `${m.submitted} ${this.d(h.submittedAt)}` : `${m.due} ${this.d(h.dueAt)}`}`);
        if (h.noteFromPractitioner) this.labelled(m.practitionerNote, h.noteFromPractitioner, 10);
        const answers = h.answers ?? h.draft;
        if (answers && !h.answers) this.para(m.draft, { muted: true, size: 8, indent: 10 });
        for (const field of answers ? h.exercise.fields : []) {
          const text = answerText(field, answers![field.name], m);
          if (text) this.labelled(words.label(field), text, 10);
        }
        for (const c of h.checkIns) this.labelled(c.periodStart, Object.values(c.response).filter((v) => typeof v === 'string' || typeof v === 'number').join(' · '), 10);
        if (h.feedback) this.labelled(m.feedback, h.feedback, 10);
      }
      this.subheading(m.myRatings);
      if (k.ratings.length === 0) this.para(m.nothing, { muted: true });
      for (const r of k.ratings) {
        this.para(`${this.dt(r.recordedAt)} · ${r.score} · ${m.ratingSource[r.source]}`, { indent: 10 });
        if (r.keepsFromLower) this.para(r.keepsFromLower, { indent: 20, muted: true });
        if (r.onePointHigher) this.para(r.onePointHigher, { indent: 20, muted: true });
      }
      this.subheading(m.myMoments);
      if (k.moments.length === 0) this.para(m.nothing, { muted: true });
      for (const e of k.moments) {
        this.labelled(this.dt(e.occurredAt), [e.context, e.behavior, e.thoughts, e.emotions, e.meaning].filter(Boolean).join(' · '), 10);
        if (e.tags.length) this.para(e.tags.map((t) => `#${t}`).join('  '), { indent: 20, muted: true, size: 8 });
      }
      this.subheading(m.myMeasures);
      if (k.measures.length === 0) this.para(m.nothing, { muted: true });
      for (const r of k.measures) {
        const scores = [
          r.score === null ? null : `${m.measureColumns.score} ${r.score}`,
          r.band ? localText(r.band.label, m.locale) : null,
          r.changeClass ? m.changeClass[r.changeClass] : null,
        ].filter(Boolean).join(' · ');
        this.subheadingIndented(`${localText(r.title, m.locale)} · ${this.d(r.completedAt)}${scores ? ` · ${scores}` : ''}`);
        for (const a of r.answers) this.labelled(localText(a.question, m.locale), a.answer ? localText(a.answer, m.locale) : m.unanswered, 10);
      }
      for (const s of k.partnerShared) {
        const words = exerciseWordsIn({ key: s.exerciseKey, title: s.exerciseTitle }, this.language);
        this.subheading(`${m.partnerShared(s.partnerName)}: ${words.title}`);
        for (const field of s.fields) {
          const text = answerText(field, s.answers[field.name], m);
          if (text) this.labelled(words.label(field), text, 10);
        }
      }
    }
  }
}
