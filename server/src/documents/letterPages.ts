import {
  AlignmentType,
  Document,
  Footer,
  Header,
  PageNumber,
  Paragraph,
  TextRun,
  type FileChild,
} from 'docx';
import PDFDocument from 'pdfkit';
import { frenchSpacing } from '../plan/planFormat.js';

/**
 * The pages a body circulates, in both formats: Letter (as Québec prints), French (Canada), the
 * document's name at the top of each page and "Page n de N" at the bottom. The plan's and a
 * proposal's documents are laid out on them.
 */

/** Twips: Letter (8.5 × 11 in) with 2 cm margins. */
const LETTER_TWIPS = { width: 12240, height: 15840, margin: 1134 };
/** The width text and tables take on a DOCX page, in twips. */
export const DOCX_TEXT_WIDTH = LETTER_TWIPS.width - 2 * LETTER_TWIPS.margin;

/** A DOCX on Letter pages in fr-CA; `titlePage`: the first page has no running header. */
export function letterDocx(options: {
  title: string;
  running: string;
  children: FileChild[];
  titlePage?: boolean;
}): Document {
  const { width, height, margin } = LETTER_TWIPS;
  // Half-points: 8 pt, in the margins.
  const small = (run: {
    text?: string;
    children?: (string | (typeof PageNumber)[keyof typeof PageNumber])[];
  }) => new TextRun({ ...run, size: 16 });
  return new Document({
    creator: 'Cocon',
    title: options.title,
    // Fields (page numbers, a table of contents) are filled in when the file opens.
    features: { updateFields: true },
    styles: { default: { document: { run: { language: { value: 'fr-CA' } } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width, height },
            margin: { top: margin, bottom: margin, left: margin, right: margin },
          },
          titlePage: options.titlePage ?? false,
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [small({ text: frenchSpacing(options.running) })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  small({ children: ['Page ', PageNumber.CURRENT, ' de ', PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children: options.children,
      },
    ],
  });
}

/** Points: the PDF's margins; the running header and the page number sit inside them. */
export const PDF_MARGIN = 50;

/**
 * PDFKit's built-in fonts speak WinAnsi: what they cannot draw is replaced. The no-break space is
 * kept (it holds « : » and « » to their words); the narrow one, absent from WinAnsi, becomes it.
 */
export const pdfSafe = (text: string): string =>
  frenchSpacing(text)
    .replace(/[→⇒]/g, '-')
    .replace(/\u202f/g, '\u00a0');

/** A PDF on Letter pages in fr-CA, its pages kept until `finishPdf` numbers them. */
export function letterPdf(info: { title: string; author: string }): {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: PDF_MARGIN,
    bufferPages: true,
    lang: 'fr-CA',
    info: { Title: info.title, Author: info.author, Creator: 'Cocon' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, done };
}

/**
 * Writes `running` at the top of every page but the first and "Page n de N" at the bottom of
 * every page, then ends the document.
 */
export function finishPdf(doc: PDFKit.PDFDocument, running: string): void {
  const width = doc.page.width - 2 * PDF_MARGIN;
  const pages = doc.bufferedPageRange().count;
  for (let i = 0; i < pages; i++) {
    doc.switchToPage(i);
    doc.font('Helvetica').fontSize(8).fillColor('#555');
    const inMargin = { width, lineBreak: false, height: 10 };
    if (i > 0) doc.text(pdfSafe(running), PDF_MARGIN, PDF_MARGIN / 2 - 4, { ...inMargin, align: 'right' });
    doc.text(`Page ${i + 1} de ${pages}`, PDF_MARGIN, doc.page.height - PDF_MARGIN / 2 - 4, {
      ...inMargin,
      align: 'center',
    });
    doc.fillColor('black');
  }
  doc.end();
}

/**
 * A PDF table: rows of cells side by side with a rule under each, in columns of the given widths
 * (points). A row that does not fit goes to a new page, after `onNewPage` (which may repeat the
 * table's header).
 */
export class PdfTable {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly columns: number[],
    private readonly options: { fontSize: number; alignRight?: number[]; onNewPage?: () => void },
  ) {}

  row(cells: string[], bold = false): void {
    const { doc, columns } = this;
    const height = this.height(cells, bold);
    if (doc.y + height > doc.page.height - PDF_MARGIN) {
      doc.addPage();
      this.options.onNewPage?.();
      this.font(bold);
    }
    const top = doc.y;
    let x = PDF_MARGIN;
    cells.forEach((cell, i) => {
      const align = this.options.alignRight?.includes(i) ? 'right' : 'left';
      doc.text(pdfSafe(cell), x + 3, top + 3, { width: columns[i]! - 6, align });
      x += columns[i]!;
    });
    const width = columns.reduce((sum, c) => sum + c, 0);
    doc
      .moveTo(PDF_MARGIN, top + height)
      .lineTo(PDF_MARGIN + width, top + height)
      .lineWidth(bold ? 0.8 : 0.3)
      .strokeColor('#888')
      .stroke();
    doc.x = PDF_MARGIN;
    doc.y = top + height;
  }

  private font(bold: boolean): void {
    this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(this.options.fontSize);
  }

  private height(cells: string[], bold: boolean): number {
    this.font(bold);
    return (
      Math.max(...cells.map((c, i) => this.doc.heightOfString(pdfSafe(c), { width: this.columns[i]! - 6 }))) +
      6
    );
  }
}
