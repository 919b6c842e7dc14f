// Test support: turns a PDF's pages into PNG files with Mozilla's PDF.js drawing on @napi-rs/canvas,
// and reports each page's text (as PDF.js extracts it) and, for every text run holding Chinese
// characters, the share of dark pixels inside its box (drawn glyphs leave ink; a missing font
// leaves nothing). Runs as its own Node process: PDF.js is ESM only, the API's tests are CommonJS.
// Usage: node pdf-to-png.mjs <file.pdf> <out-dir> <name-prefix>
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const [file, outDir, prefix] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
const CJK = /[\u3400-\u9fff]/;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const scale = 2;
  const viewport = page.getViewport({ scale });
  const { canvas, context } = doc.canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvas, canvasContext: context, viewport }).promise;
  const png = path.join(outDir, `${prefix}-page-${n}.png`);
  writeFileSync(png, canvas.toBuffer('image/png'));
  const content = await page.getTextContent();
  const items = content.items.filter((i) => 'str' in i);
  const cjkRuns = [];
  for (const item of items.filter((i) => CJK.test(i.str))) {
    // The run's box in canvas pixels: PDF.js's transform gives the baseline origin; height ~ font size.
    const [x, y] = viewport.convertToViewportPoint(item.transform[4], item.transform[5]);
    const h = Math.max(4, Math.abs(item.transform[3]) * scale);
    const w = Math.max(4, item.width * scale);
    const left = Math.max(0, Math.floor(x)), top = Math.max(0, Math.floor(y - h));
    const width = Math.min(canvas.width - left, Math.ceil(w)), height = Math.min(canvas.height - top, Math.ceil(h * 1.2));
    if (width <= 0 || height <= 0) continue;
    const data = context.getImageData(left, top, width, height).data;
    let dark = 0;
    for (let p = 0; p < data.length; p += 4) if (data[p + 3] > 0 && data[p] + data[p + 1] + data[p + 2] < 384) dark++;
    cjkRuns.push({ text: item.str, ink: dark / (width * height) });
  }
  pages.push({ png, text: items.map((i) => i.str + (i.hasEOL ? '\n' : '')).join(''), cjkRuns, fonts: [...new Set(items.map((i) => content.styles[i.fontName]?.fontFamily))] });
  page.cleanup();
}
process.stdout.write(JSON.stringify({ pages }));
