import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where rendered pages are kept for a person to look at (the project's ignored artifacts folder). */
export const PDF_ARTIFACTS = path.resolve(__dirname, '../../../tests/artifacts');
const PDF_PAGES = path.resolve(__dirname, 'pdf-to-png.mjs');

export interface RenderedPage { png: string; text: string; cjkRuns: Array<{ text: string; ink: number }>; fonts: string[] }

/** Saves the PDF under tests/artifacts/<folder>, turns its pages into PNGs and reads their text back (PDF.js, own process). */
export function renderPdfPages(pdf: Buffer, folder: string, name: string): RenderedPage[] {
  const dir = path.join(PDF_ARTIFACTS, folder);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const out = execFileSync(process.execPath, [PDF_PAGES, file, dir, name], { maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(out.toString('utf8')) as { pages: RenderedPage[] }).pages;
}

/** A binary body for supertest: `.buffer(true).parse(binaryBody)`. */
export function binaryBody(res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer | string) => chunks.push(Buffer.from(c)));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
