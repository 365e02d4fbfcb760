import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// pdf.js reads the standard fonts from its package when parsing PDFKit's Helvetica.
const standardFontDataUrl =
  path.join(
    path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
    'standard_fonts',
  ) + '/';

/** The text of each page of a PDF, as pdf.js reads it (items joined by spaces). */
export async function pdfPages(pdf: Uint8Array): Promise<{ text: string; size: number[] }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), standardFontDataUrl }).promise;
  const pages: { text: string; size: number[] }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    pages.push({
      text: content.items.map((i) => ('str' in i ? i.str : '')).join(' '),
      size: page.view.slice(2),
    });
  }
  return pages;
}
