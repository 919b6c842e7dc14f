import {
  builtInExerciseWords,
  homeworkCompleted,
  localText,
  recordMeasureSeries,
  readableNoteSections,
  scoreRange,
  sessionWasHeld,
  type CaseRecord,
  type ExerciseField,
  type ReportLanguage,
  type ReportVariant,
  type SessionNoteKey,
  type StageNumber,
} from '@attune/domain';
import { REPORT_MESSAGES, type ReportMessages } from './case-report.messages.js';
import { INK, MUTED, openPdf, PdfWriter, RULE } from './pdf-writer.js';

const SERIES_COLOURS = ['#1d4ed8', '#b45309'];
const STAGE_FILLS = ['#eef2ff', '#ecfdf5', '#fefce8', '#fdf2f8', '#f0f9ff', '#f5f5f4'];
/** A measure's band fills by concern, no concern (green) to high (red), as the app's measure charts shade them. */
const BAND_FILLS = ['#e4f2e7', '#f6f1d8', '#f8e3cf', '#f6d6d6'];
const CUTOFF_COLOUR = '#b91c1c';
/** A measure's chart: shorter than the progress chart, one per measure. */
const MEASURE_CHART_HEIGHT = 130;
/** The right margin of a chart with value bands, where each band is named. */
const BAND_LABEL_WIDTH = 72;

/** What a chart over time shows: `columns` are spans of time (stage visits), `bands` spans of value (a measure's bands). */
interface TimeChart {
  height: number;
  start: number;
  end: number;
  yMin: number;
  yMax: number;
  yTicks: number[];
  columns?: Array<{ from: number; to: number; fill: string; label: string }>;
  bands?: Array<{ from: number; to: number; fill: string; label: string }>;
  cutoff?: { value: number; label: string } | null;
  lines: Array<{ name: string; colour: string; points: Array<{ t: number; value: number }> }>;
}

export interface CaseReportOptions {
  language: ReportLanguage;
  variant: ReportVariant;
  /** The period shown (ISO 8601, either open); the record passed in is already cut to it. */
  from: string | null;
  to: string | null;
  timeZone: string;
  generatedAt: Date;
  generatedBy: string;
}

/** Renders a case record as a printable PDF (A4) and resolves with its bytes. */
export function renderCaseReport(record: CaseRecord, options: CaseReportOptions): Promise<Buffer> {
  const m = REPORT_MESSAGES[options.language];
  const title = options.variant === 'discharge' ? m.dischargeSummary : m.caseReport;
  const { doc, done } = openPdf({ lang: m.locale, title: `${title}: ${record.case.title}`, author: record.practice.name, subject: title });
  const w = new ReportWriter(doc, m, options, record);
  w.header(title);
  if (options.variant === 'discharge') {
    w.dischargeSummary();
    w.clients();
    w.stageHistory();
    w.progressChart();
    w.measures();
    w.lastSignedNote();
    w.signatureHashes();
  } else {
    w.clients();
    w.stageHistory();
    w.progressChart();
    w.measures();
    w.sessions();
    w.exceptions();
    w.homework();
    w.signatureHashes();
  }
  w.footers(record.case.title, m.page);
  doc.end();
  return done;
}

class ReportWriter extends PdfWriter {
  constructor(doc: PDFKit.PDFDocument, private readonly m: ReportMessages, private readonly options: CaseReportOptions, private readonly record: CaseRecord) {
    super(doc, m.locale, options.timeZone);
  }

  private staff(id: string | null): string {
    return this.record.staff.find((s) => s.id === id)?.displayName ?? '—';
  }

  /** A client's line colour, the same on every chart of the report. */
  private clientColour(id: string): string {
    const i = Math.max(0, this.record.clients.findIndex((c) => c.id === id));
    return SERIES_COLOURS[i % SERIES_COLOURS.length]!;
  }

  private clientName(id: string): string {
    return this.record.clients.find((c) => c.id === id)?.displayName ?? '—';
  }

  header(title: string): void {
    const k = this.record.case;
    const period = this.options.from || this.options.to
      ? `${this.options.from ? this.d(this.options.from) : '…'} – ${this.options.to ? this.d(this.options.to) : '…'}`
      : this.m.wholeCase;
    this.doc.font('bold').fontSize(18).fillColor(INK).text(title, { width: this.width });
    this.doc.font('bold').fontSize(12).text(k.title, { width: this.width });
    this.doc.moveDown(0.4);
    this.labelled(this.m.practice, this.record.practice.name);
    this.labelled(this.m.practitioner, this.staff(k.practitionerId));
    this.labelled(this.m.period, period);
    this.labelled(`${this.m.opened} / ${this.m.closed}`, `${this.d(k.openedAt)} / ${k.closedAt ? this.d(k.closedAt) : '—'} · ${this.m.kind[k.kind]} · ${this.m.status[k.status]}`);
    this.labelled(this.m.currentStage, `${k.stage} · ${this.m.stageTitles[k.stage as StageNumber]} (${k.cycle})`);
    if (k.presentingConcern) this.labelled(this.m.presentingConcern, k.presentingConcern);
    this.para(`${this.m.generated}: ${this.dt(this.options.generatedAt.toISOString())} · ${this.options.generatedBy} · ${this.options.timeZone}`, { muted: true, size: 8 });
  }

  clients(): void {
    this.heading(this.m.clients);
    for (const c of this.record.clients) {
      this.para(`${c.displayName}${c.pronouns ? ` (${c.pronouns})` : ''} · ${this.m.clientStatus[c.status]}`);
    }
  }

  stageHistory(): void {
    this.heading(this.m.stageHistory);
    for (const t of this.record.transitions) {
      const move = t.fromStage === null ? `${t.toStage}` : `${t.fromStage} → ${t.toStage}`;
      this.labelled(`${this.d(t.at)} · ${move} ${this.m.stageTitles[t.toStage as StageNumber]} · ${this.m.transitionKind[t.kind] ?? t.kind}`, t.reason);
    }
  }

  /** A line per client over the period on the 1-10 scale, stage visits as shaded columns. */
  progressChart(): void {
    this.heading(this.m.progress);
    const scores = this.record.scaleScores;
    if (scores.length === 0) {
      this.para(this.m.progressNone, { muted: true });
      return;
    }
    const { start, end } = this.timeAxis();
    const transitions = this.record.transitions;
    this.timeChart({
      height: 170, start, end, yMin: 1, yMax: 10, yTicks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      columns: transitions.map((t, i) => ({
        from: Date.parse(t.at),
        to: i + 1 < transitions.length ? Date.parse(transitions[i + 1]!.at) : end,
        fill: STAGE_FILLS[(t.toStage - 1) % STAGE_FILLS.length]!,
        label: String(t.toStage),
      })),
      lines: this.record.clients.map((client) => ({
        name: client.displayName,
        colour: this.clientColour(client.id),
        points: scores.filter((s) => s.clientId === client.id).map((s) => ({ t: Date.parse(s.recordedAt), value: s.score })),
      })),
    });
  }

  /**
   * The time axis every chart of the report shares, so they line up on the page: the period asked
   * for (its end no later than now), widened to every rating, measure and stage move shown.
   */
  private timeAxis(): { start: number; end: number } {
    const times = [...this.record.scaleScores.map((s) => Date.parse(s.recordedAt)), ...this.record.measures.filter((m) => m.score !== null).map((m) => Date.parse(m.completedAt))];
    const start = Math.min(this.options.from ? Date.parse(this.options.from) : Infinity, ...times, ...this.record.transitions.map((t) => Date.parse(t.at)));
    const end = Math.max(this.options.to ? Math.min(Date.parse(this.options.to), this.options.generatedAt.getTime()) : -Infinity, ...times);
    return { start, end };
  }

  /**
   * A chart over time, drawn for the progress and every measure alike: shaded stage columns or value
   * bands (each named in the right margin), grid lines at the ticks, an optional dashed cut-off, a
   * line per client in its colour (a measure's points labelled with their score), the first and
   * last day under it and a legend of the clients.
   */
  private timeChart(chart: TimeChart): void {
    const { height, start, end, yMin, yMax } = chart;
    this.ensureSpace(height + 40);
    const doc = this.doc;
    const left = doc.page.margins.left + 24;
    const top = doc.y + 6;
    const plotWidth = this.width - 24 - (chart.bands ? BAND_LABEL_WIDTH : 0);
    const span = Math.max(end - start, 86_400_000);
    const x = (t: number) => left + ((t - start) / span) * plotWidth;
    const y = (value: number) => top + height - ((value - yMin) / Math.max(yMax - yMin, 1)) * height;

    for (const c of chart.columns ?? []) {
      const from = Math.max(c.from, start);
      if (c.to <= from) continue;
      doc.rect(x(from), top, x(c.to) - x(from), height).fill(c.fill);
      doc.font('body').fontSize(7).fillColor(MUTED).text(c.label, x(from) + 2, top + 2, { lineBreak: false });
    }
    for (const b of chart.bands ?? []) {
      doc.rect(left, y(b.to), plotWidth, y(b.from) - y(b.to)).fill(b.fill);
      doc.font('body').fontSize(6.5).fillColor(MUTED)
        .text(b.label, left + plotWidth + 4, (y(b.from) + y(b.to)) / 2 - 4, { width: BAND_LABEL_WIDTH - 4, lineBreak: false });
    }
    doc.lineWidth(0.4).strokeColor(RULE);
    for (const tick of chart.yTicks) {
      doc.moveTo(left, y(tick)).lineTo(left + plotWidth, y(tick)).stroke();
      doc.font('body').fontSize(7).fillColor(MUTED).text(String(tick), left - 18, y(tick) - 4, { width: 14, align: 'right', lineBreak: false });
    }
    if (chart.cutoff) {
      doc.lineWidth(1).strokeColor(CUTOFF_COLOUR).dash(4, { space: 3 });
      doc.moveTo(left, y(chart.cutoff.value)).lineTo(left + plotWidth, y(chart.cutoff.value)).stroke();
      doc.undash();
      doc.font('body').fontSize(7).fillColor(CUTOFF_COLOUR).text(chart.cutoff.label, left + 3, y(chart.cutoff.value) - 9, { lineBreak: false });
    }
    for (const { colour, points: values } of chart.lines) {
      const points = values.map((p) => ({ ...p, px: x(p.t), py: y(p.value) }));
      if (points.length === 0) continue;
      doc.lineWidth(1.6).strokeColor(colour);
      points.forEach(({ px, py }, j) => (j === 0 ? doc.moveTo(px, py) : doc.lineTo(px, py)));
      doc.stroke();
      for (const { px, py } of points) doc.circle(px, py, 2.2).fill(colour);
      if (chart.bands) {
        for (const { px, py, value } of points) doc.font('bold').fontSize(7).fillColor(colour).text(String(value), px - 12, py - 11, { width: 24, align: 'center', lineBreak: false });
      }
    }
    doc.font('body').fontSize(7.5).fillColor(MUTED)
      .text(this.d(new Date(start).toISOString()), left, top + height + 4, { lineBreak: false })
      .text(this.d(new Date(end).toISOString()), left + plotWidth - 80, top + height + 4, { width: 80, align: 'right', lineBreak: false });
    let legendX = left;
    const legendY = top + height + 16;
    for (const line of chart.lines) {
      doc.rect(legendX, legendY + 2, 10, 4).fill(line.colour);
      doc.font('body').fontSize(8).fillColor(INK).text(line.name, legendX + 14, legendY, { lineBreak: false });
      legendX += 24 + doc.widthOfString(line.name);
    }
    doc.x = doc.page.margins.left;
    doc.y = legendY + 16;
  }

  /**
   * A section per measure: what its scores mean, a chart of every client's scores over time on the
   * measure's bands with its cut-off, then per client a table of date, score, band and change.
   */
  measures(): void {
    const series = recordMeasureSeries(this.record);
    if (series.length === 0) return;
    // the heading, the first measure's title and line, and its chart on one page
    this.ensureSpace(MEASURE_CHART_HEIGHT + 110);
    this.heading(this.m.measures);
    const doc = this.doc;
    const left = doc.page.margins.left + 10;
    const columns = [0, 0.36, 0.46, 0.7].map((f) => left + f * (this.width - 10));
    const row = (cells: string[], bold = false) => {
      this.ensureSpace(14);
      const y = doc.y;
      doc.font(bold ? 'bold' : 'body').fontSize(8.5).fillColor(bold ? MUTED : INK);
      cells.forEach((cell, i) => {
        const at = columns[i] ?? left;
        doc.text(cell, at, y, { width: (columns[i + 1] ?? left + this.width - 10) - at - 4, lineBreak: false });
      });
      doc.x = doc.page.margins.left;
      doc.y = y + 12;
    };
    for (const { definition, clients } of series) {
      this.ensureSpace(MEASURE_CHART_HEIGHT + 80);
      this.subheading(`${definition.shortTitle} · ${localText(definition.title, this.m.locale)}`);
      this.para(this.m.measureAbout(definition.clinicalCutoff ?? null, definition.reliableChange?.points ?? null, definition.direction === 'higher_is_better'), { muted: true, size: 8 });
      const range = scoreRange(definition);
      const yMin = Math.min(range.min, ...definition.bands.map((b) => b.min));
      const yMax = Math.max(range.max, ...definition.bands.map((b) => b.max));
      const { start, end } = this.timeAxis();
      this.timeChart({
        height: MEASURE_CHART_HEIGHT, start, end, yMin, yMax,
        yTicks: [...new Set([yMin, ...definition.bands.map((b) => b.min), yMax])].sort((a, b) => a - b),
        // each band reaches up to the next one's start, so a score between two whole numbers is shaded too
        bands: definition.bands.map((b, i) => ({
          from: b.min, to: definition.bands[i + 1]?.min ?? b.max, fill: BAND_FILLS[b.concern] ?? BAND_FILLS[0]!, label: localText(b.label, this.m.locale),
        })),
        cutoff: definition.clinicalCutoff === undefined ? null : { value: definition.clinicalCutoff, label: this.m.cutoff(definition.clinicalCutoff) },
        lines: clients.map(({ client, points }) => ({
          name: client.displayName, colour: this.clientColour(client.id), points: points.map((p) => ({ t: Date.parse(p.completedAt), value: p.score })),
        })),
      });
      for (const { client, points } of clients) {
        if (this.record.clients.length > 1) this.subheadingIndented(client.displayName);
        doc.moveDown(0.2);
        row([this.m.measureColumns.date, this.m.measureColumns.score, this.m.measureColumns.band, this.m.measureColumns.change], true);
        for (const p of points) {
          const change = p.delta === null
            ? this.m.baseline
            : `${p.delta > 0 ? '+' : ''}${p.delta}${p.changeClass ? ` · ${this.m.changeClass[p.changeClass]}` : ''}`;
          row([`${this.d(p.completedAt)} (${this.m.measureSource[p.source]})`, String(p.score), p.band ? localText(p.band.label, this.m.locale) : '—', change]);
        }
      }
    }
  }

  private noteOf(session: CaseRecord['sessions'][number]): void {
    for (const section of readableNoteSections(session.note)) this.labelled(this.m.noteSections[section.key as SessionNoteKey], section.text, 10);
    if (session.signedAt) {
      this.para(`${this.m.signed(this.dt(session.signedAt), this.staff(session.signedBy))} · ${this.m.noteHash} ${session.noteHash}`, { muted: true, size: 7.5, indent: 10 });
    } else {
      this.para(this.m.unsigned, { muted: true, size: 8, indent: 10 });
    }
    for (const a of session.addenda) {
      this.subheadingIndented(this.m.addendum(a.position, this.dt(a.createdAt), this.staff(a.authorId)));
      this.para(a.text, { indent: 10 });
      this.para(`${this.m.noteHash} ${a.hash}`, { muted: true, size: 7.5, indent: 10 });
    }
  }

  sessions(): void {
    this.heading(this.m.sessions);
    if (this.record.sessions.length === 0) this.para(this.m.noSessions, { muted: true });
    for (const s of this.record.sessions) {
      this.subheading(`${this.m.session(this.dt(s.startsAt), s.durationMinutes, s.format, s.stage)} · ${s.attendeeIds.map((id) => this.clientName(id)).join(', ')}`);
      this.noteOf(s);
    }
  }

  exceptions(): void {
    this.heading(this.m.exceptions);
    if (this.record.exceptions.length === 0) this.para(this.m.noExceptions, { muted: true });
    for (const e of this.record.exceptions) {
      this.subheading(`${this.dt(e.occurredAt)} · ${this.clientName(e.clientId)}${e.significant ? ` · ${this.m.significant}` : ''}`);
      this.para([e.context, e.behavior, e.thoughts, e.emotions, e.meaning].filter(Boolean).join(' · '), { indent: 10 });
      if (e.tags.length) this.para(e.tags.map((tag) => `#${tag}`).join('  '), { muted: true, size: 8, indent: 10 });
    }
  }

  homework(): void {
    this.heading(this.m.homework);
    if (this.record.homework.length === 0) this.para(this.m.noHomework, { muted: true });
    for (const h of this.record.homework) {
      const when = h.submittedAt ? `${this.m.submitted} ${this.d(h.submittedAt)}` : `${this.m.due} ${this.d(h.dueAt)}`;
      const words = exerciseWordsIn({ key: h.exercise.builtIn ? h.exercise.key : null, title: h.exercise.title }, this.options.language);
      this.subheading(`${words.title} · ${this.clientName(h.clientId)} · ${this.m.homeworkStatus[h.status]} · ${when}`);
      if (homeworkCompleted(h)) {
        for (const field of h.exercise.fields) {
          const answer = answerText(field, h.response![field.name], this.m);
          if (answer) this.labelled(words.label(field), answer, 10);
        }
      }
      if (h.feedback) this.labelled(this.m.feedback, h.feedback, 10);
    }
  }

  signatureHashes(): void {
    const signed = this.record.sessions.filter((s) => s.signedAt);
    if (signed.length === 0) return;
    this.heading(this.m.signatureHashes);
    this.para(this.m.signatureHashesIntro, { muted: true, size: 8 });
    for (const s of signed) {
      this.para(`${this.d(s.startsAt)} · ${this.staff(s.signedBy)}`, { size: 8 });
      this.para(s.noteHash ?? '—', { size: 7.5, indent: 10, muted: true });
      for (const a of s.addenda) this.para(`+${a.position} ${a.hash}`, { size: 7.5, indent: 10, muted: true });
    }
  }

  dischargeSummary(): void {
    this.heading(this.m.summary);
    for (const c of this.record.clients) {
      const own = this.record.scaleScores.filter((s) => s.clientId === c.id);
      if (own.length > 0) this.para(this.m.firstAndLastScore(c.displayName, String(own[0]!.score), String(own[own.length - 1]!.score)));
    }
    this.para(this.m.sessionsHeld(this.record.sessions.filter((s) => sessionWasHeld(s, this.options.generatedAt)).length));
    this.para(this.m.homeworkDone(this.record.homework.filter(homeworkCompleted).length, this.record.homework.length));
    this.para(this.m.exceptionsLogged(this.record.exceptions.length));
  }

  lastSignedNote(): void {
    const last = [...this.record.sessions].reverse().find((s) => s.signedAt);
    if (!last) return;
    this.heading(this.m.lastNote);
    this.subheading(this.m.session(this.dt(last.startsAt), last.durationMinutes, last.format, last.stage));
    this.noteOf(last);
  }

}

/** A homework answer as readable text, by field kind; empty when not answered. */
/**
 * A homework's exercise as a report in `language` words it: a built-in one (`key`) with the
 * catalogue's words in that language, a practitioner's own exercise (`key` null) as they wrote it.
 */
export function exerciseWordsIn(exercise: { key: string | null; title: string }, language: ReportLanguage): { title: string; label: (field: ExerciseField) => string } {
  const words = builtInExerciseWords(exercise.key, language === 'zh' ? 'zh-CN' : 'en');
  return { title: words?.title ?? exercise.title, label: (field) => words?.fields[field.name]?.label ?? field.label };
}

export function answerText(field: ExerciseField, value: unknown, m: Pick<ReportMessages, 'yes' | 'no'>): string {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : []);
  switch (field.kind) {
    case 'text':
    case 'longText':
    case 'date': return typeof value === 'string' ? value : '';
    case 'list': return strings(value).map((s) => `• ${s}`).join('\n');
    case 'tags': return strings(value).join(', ');
    case 'scale': return typeof value === 'number' ? String(value) : '';
    case 'boolean': return typeof value === 'boolean' ? (value ? m.yes : m.no) : '';
    case 'choice': return field.options.find((o) => o.value === value)?.label ?? '';
    case 'ranking': {
      const r = (value ?? {}) as { items?: unknown; focus?: unknown };
      const items = strings(r.items).map((s, i) => `${i + 1}. ${s}`).join('\n');
      return items && typeof r.focus === 'string' && r.focus ? `${items}\n→ ${r.focus}` : items;
    }
    default: return '';
  }
}

