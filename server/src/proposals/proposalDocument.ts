import {
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import {
  DOCX_TEXT_WIDTH,
  finishPdf,
  letterDocx,
  letterPdf,
  PDF_MARGIN,
  pdfSafe,
  PdfTable,
} from '../documents/letterPages.js';
import type { ProposalFieldsView, TextFragmentName } from '@cocon/shared';
import { formatAmount, formatDate, frenchSpacing } from '../plan/planFormat.js';

/** One proposal as it reads today, with what its pages say about it. */
export interface ProposalContent {
  fields: ProposalFieldsView;
  text: Record<TextFragmentName, string>;
  organizationName: string;
  communityName: string;
  /** "Soumise", "Adoptée"... and since when (ISO date). */
  status: string;
  statusSince: string;
  /** MRC names by id (the proposal keeps ids). */
  territories: Map<string, string>;
}

/** A block of the document: a heading, then paragraphs, bullets, or the budget's table. */
type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; bold?: boolean }
  | { kind: 'bullet'; text: string; level: number }
  | { kind: 'budget'; rows: string[][]; total: string };

/** The proposal, in reading order, the same for both formats. */
function blocksOf(content: ProposalContent): Block[] {
  const { fields, text } = content;
  const blocks: Block[] = [];
  const facts = [
    ['Enjeu', fields.theme],
    ['Objectif général', fields.generalObjective],
    ['Organisme porteur', fields.leadOrganization],
    ['MRC', fields.territories.map((id) => content.territories.get(id) ?? id).join(', ')],
  ].filter(([, value]) => value!.trim() !== '');
  for (const [label, value] of facts) blocks.push({ kind: 'paragraph', text: `${label} : ${value}` });
  for (const [fragment, heading] of [
    ['context', 'Contexte'],
    ['description', 'Description du projet'],
  ] as const) {
    const paragraphs = text[fragment].split('\n').filter((line) => line.trim() !== '');
    if (paragraphs.length === 0) continue;
    blocks.push({ kind: 'heading', text: heading });
    for (const paragraph of paragraphs) blocks.push({ kind: 'paragraph', text: paragraph });
  }
  if (fields.objectives.length > 0) {
    blocks.push({ kind: 'heading', text: 'Objectifs spécifiques et actions' });
    fields.objectives.forEach((objective, o) => {
      blocks.push({ kind: 'paragraph', text: `${o + 1}. ${objective.text}`, bold: true });
      objective.actions.forEach((action, a) => {
        const timeline = action.timeline.trim() ? ` (échéancier : ${action.timeline.trim()})` : '';
        blocks.push({ kind: 'bullet', text: `${o + 1}.${a + 1} ${action.text}${timeline}`, level: 0 });
        for (const indicator of action.indicators) {
          const target =
            indicator.kind === 'quantitative' && indicator.target !== null
              ? `${indicator.target} ${indicator.unit}`.trim()
              : '';
          const line = [indicator.statement.trim(), target ? `cible : ${target}` : '']
            .filter(Boolean)
            .join(' — ');
          if (line) blocks.push({ kind: 'bullet', text: `Indicateur : ${line}`, level: 1 });
        }
      });
    });
  }
  if (fields.partners.length > 0) {
    blocks.push({ kind: 'heading', text: 'Partenaires' });
    for (const partner of fields.partners) blocks.push({ kind: 'bullet', text: partner.name, level: 0 });
  }
  if (fields.budget.length > 0) {
    const total = fields.budget.reduce((sum, line) => sum + line.amountRequested, 0);
    blocks.push({ kind: 'heading', text: 'Budget demandé' });
    blocks.push({
      kind: 'budget',
      rows: fields.budget.map((line) => [
        line.label,
        line.year === null ? '' : String(line.year),
        formatAmount(line.amountRequested),
        line.cofinancing.map((c) => `${c.source} : ${formatAmount(c.amount)}`).join('\n'),
      ]),
      total: formatAmount(total),
    });
  }
  return blocks;
}

const BUDGET_HEADINGS = ['Poste', 'Année', 'Montant demandé', 'Cofinancement'];
const BUDGET_SHARES = [0.4, 0.1, 0.2, 0.3];
const subtitle = (content: ProposalContent) =>
  [`Proposition de la communauté de pratique ${content.communityName}`, content.organizationName]
    .filter(Boolean)
    .join(' · ');
const statusLine = (content: ProposalContent) =>
  `Statut : ${content.status} depuis le ${formatDate(content.statusSince)}`;

/** The proposal as DOCX: Letter pages in French (Canada), its title at the top of each page. */
export async function proposalToDocx(content: ProposalContent): Promise<Buffer> {
  const t = frenchSpacing;
  const title = content.fields.title || 'Proposition sans titre';
  const tableWidth = DOCX_TEXT_WIDTH;
  const widths = BUDGET_SHARES.map((share) => Math.round(share * tableWidth));
  const cell = (text: string, i: number, bold = false) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      children: text
        .split('\n')
        .map((line) => new Paragraph({ children: [new TextRun({ text: t(line), bold })] })),
    });
  const children = blocksOf(content).map((block) => {
    switch (block.kind) {
      case 'heading':
        return new Paragraph({ text: t(block.text), heading: HeadingLevel.HEADING_1 });
      case 'paragraph':
        return new Paragraph({ children: [new TextRun({ text: t(block.text), bold: block.bold ?? false })] });
      case 'bullet':
        return new Paragraph({ text: t(block.text), bullet: { level: block.level } });
      case 'budget':
        return new Table({
          width: { size: tableWidth, type: WidthType.DXA },
          columnWidths: widths,
          layout: TableLayoutType.FIXED,
          rows: [
            new TableRow({ tableHeader: true, children: BUDGET_HEADINGS.map((h, i) => cell(h, i, true)) }),
            ...block.rows.map((row) => new TableRow({ children: row.map((text, i) => cell(text, i)) })),
            new TableRow({ children: ['Total', '', block.total, ''].map((text, i) => cell(text, i, true)) }),
          ],
        });
    }
  });
  const doc = letterDocx({
    title,
    running: `${subtitle(content)} — ${title}`,
    children: [
      new Paragraph({ text: t(title), heading: HeadingLevel.TITLE }),
      new Paragraph({ text: t(subtitle(content)) }),
      new Paragraph({ children: [new TextRun({ text: t(statusLine(content)), italics: true })] }),
      ...children,
    ],
  });
  return Packer.toBuffer(doc);
}

/** The proposal as PDF: Letter, its title and status first, page numbers and a running header. */
export function proposalToPdf(content: ProposalContent): Promise<Buffer> {
  const title = content.fields.title || 'Proposition sans titre';
  const { doc, done } = letterPdf({ title, author: content.organizationName });
  const width = doc.page.width - 2 * PDF_MARGIN;

  doc.font('Helvetica-Bold').fontSize(20).text(pdfSafe(title));
  doc
    .moveDown(0.2)
    .font('Helvetica')
    .fontSize(11)
    .text(pdfSafe(subtitle(content)));
  doc
    .font('Helvetica-Oblique')
    .fontSize(10)
    .text(pdfSafe(statusLine(content)));
  doc.moveDown(0.8);
  for (const block of blocksOf(content)) {
    switch (block.kind) {
      case 'heading':
        doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text(pdfSafe(block.text));
        doc.moveDown(0.2);
        break;
      case 'paragraph':
        doc
          .font(block.bold ? 'Helvetica-Bold' : 'Helvetica')
          .fontSize(10)
          .text(pdfSafe(block.text), { paragraphGap: 3 });
        break;
      case 'bullet':
        doc
          .font('Helvetica')
          .fontSize(10)
          .text(pdfSafe(`- ${block.text}`), PDF_MARGIN + 14 * (block.level + 1), doc.y, {
            width: width - 14 * (block.level + 1),
            paragraphGap: 2,
          });
        doc.x = PDF_MARGIN;
        break;
      case 'budget': {
        const table = new PdfTable(
          doc,
          BUDGET_SHARES.map((share) => share * width),
          { fontSize: 9, alignRight: [2], onNewPage: () => table.row(BUDGET_HEADINGS, true) },
        );
        table.row(BUDGET_HEADINGS, true);
        for (const cells of block.rows) table.row(cells);
        table.row(['Total', '', block.total, ''], true);
        break;
      }
    }
  }
  finishPdf(doc, `${subtitle(content)} — ${title}`);
  return done;
}
