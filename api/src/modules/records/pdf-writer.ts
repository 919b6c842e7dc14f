import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

/**
 * Noto Sans SC (SIL Open Font License), shipped by the npm package @expo-google-fonts/noto-sans-sc:
 * Latin and Chinese glyphs in one face, so either language renders on a machine with no fonts
 * installed. pdfkit embeds only the glyphs a document uses.
 */
export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};
let fontData: { regular: Buffer; bold: Buffer } | undefined;
function fonts(): { regular: Buffer; bold: Buffer } {
  fontData ??= { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) };
  return fontData;
}

export const INK = '#1f2933';
export const MUTED = '#52606d';
export const RULE = '#cbd2d9';

/** A new A4 document with the fonts registered (`body`, `bold`), and its bytes once ended. */
export function openPdf(meta: { lang: string; title: string; author: string; subject: string }): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    lang: meta.lang,
    displayTitle: true,
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject, Creator: 'Attune' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fonts().regular);
  doc.registerFont('bold', fonts().bold);
  return { doc, done };
}

/** Headings, paragraphs, "label: text" lines, dates in the reader's zone and page footers. */
export class PdfWriter {
  private readonly date: Intl.DateTimeFormat;
  private readonly dateTime: Intl.DateTimeFormat;

  constructor(protected readonly doc: PDFKit.PDFDocument, locale: string, timeZone: string) {
    this.date = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' });
    this.dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  }

  protected get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  protected d(iso: string): string {
    return this.date.format(new Date(iso));
  }

  protected dt(iso: string): string {
    return this.dateTime.format(new Date(iso));
  }

  protected ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  protected heading(text: string): void {
    this.ensureSpace(60);
    this.doc.moveDown(0.8).font('bold').fontSize(13).fillColor(INK).text(text, this.doc.page.margins.left, undefined, { width: this.width });
    const y = this.doc.y + 2;
    this.doc.moveTo(this.doc.page.margins.left, y).lineTo(this.doc.page.margins.left + this.width, y).lineWidth(0.5).strokeColor(RULE).stroke();
    this.doc.moveDown(0.5);
  }

  protected subheading(text: string): void {
    this.ensureSpace(40);
    this.doc.moveDown(0.4).font('bold').fontSize(10.5).fillColor(INK).text(text, this.doc.page.margins.left, undefined, { width: this.width });
  }

  protected subheadingIndented(text: string): void {
    this.doc.moveDown(0.2).font('bold').fontSize(9).fillColor(INK).text(text, this.doc.page.margins.left + 10, undefined, { width: this.width - 10 });
  }

  protected para(text: string, opts: { muted?: boolean; size?: number; indent?: number } = {}): void {
    this.doc.font('body').fontSize(opts.size ?? 9.5).fillColor(opts.muted ? MUTED : INK).text(text, this.doc.page.margins.left + (opts.indent ?? 0), undefined, { width: this.width - (opts.indent ?? 0), lineGap: 1.5 });
  }

  /** "Label: text" in one paragraph; an answer of several lines (a list) starts below its label. */
  protected labelled(label: string, text: string, indent = 0): void {
    const lead = /[?？:：]$/.test(label) ? `${label} ` : `${label}: `;
    const left = this.doc.page.margins.left + indent;
    if (text.includes('\n')) {
      this.doc.font('bold').fontSize(9.5).fillColor(INK).text(lead.trimEnd(), left, undefined, { width: this.width - indent, lineGap: 1.5 });
      this.doc.font('body').text(text, left + 8, undefined, { width: this.width - indent - 8, lineGap: 1.5 });
      return;
    }
    this.doc.font('bold').fontSize(9.5).fillColor(INK).text(lead, left, undefined, { continued: true, width: this.width - indent, lineGap: 1.5 });
    this.doc.font('body').text(text, { lineGap: 1.5 });
  }

  /** "<title> · Page n of m" at the foot of every page, once all pages exist. */
  footers(title: string, page: (n: number, of: number) => string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.font('body').fontSize(7.5).fillColor(MUTED).text(
        `${title} · ${page(i + 1, range.count)}`,
        this.doc.page.margins.left, this.doc.page.height - 40, { width: this.width, align: 'center', lineBreak: false },
      );
      this.doc.page.margins.bottom = bottom;
    }
  }
}
