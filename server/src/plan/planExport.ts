import { stringify } from 'csv-stringify/sync';
import { safeRow } from '../util/spreadsheet.js';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import PDFDocument from 'pdfkit';
import type { PlanActionView, PlanIndicatorView, PlanThemeView, PlanView } from '@cocon/shared';
import { formatAmount, formatDate, formatPercent, STATUS_LABELS, THEME_KIND_LABELS } from './planFormat.js';

export const PLAN_EXPORT_FORMATS = ['json', 'csv', 'docx', 'pdf'] as const;
export type PlanExportFormat = (typeof PLAN_EXPORT_FORMATS)[number];

export interface Lookups {
  territories: Map<string, string>;
  communities: Map<string, string>;
}

/** The fund's decisions on the plan's projects, for the exports (FundLedger.planFunding). */
export interface PlanFunding {
  fundTitle: string;
  decisions: {
    round: string;
    decidedAt: string;
    decidedByName: string;
    justification: string;
    totalCents: number;
    allocations: { proposalId: string; title: string; cents: number }[];
  }[];
}

/** Where the exports read the fund's decisions on a plan (server/src/fund/fundLedger.ts). */
export interface PlanFundingSource {
  planFunding(organizationId: string, planId: string): Promise<PlanFunding | null>;
}

/** Lines of text describing the fund's decisions (DOCX and PDF). */
function fundingLines(funding: PlanFunding): { heading: string; lines: string[] }[] {
  return funding.decisions.map((d) => ({
    heading: `${d.round} — décision du ${formatDate(d.decidedAt.slice(0, 10))}`,
    lines: [
      `Total : ${formatAmount(d.totalCents / 100)} · Par : ${d.decidedByName}`,
      `Justification : ${d.justification}`,
      ...d.allocations.map((a) => `• ${a.title} : ${formatAmount(a.cents / 100)}`),
    ],
  }));
}

/** JSON open data: the whole tree with progress; versioned so consumers can rely on it. */
export function planToJson(plan: PlanView, lookups: Lookups, funding: PlanFunding | null = null): string {
  return JSON.stringify(
    {
      schema: 'cocon.plan/1',
      exportedAt: new Date().toISOString(),
      territories: Object.fromEntries(lookups.territories),
      communities: Object.fromEntries(lookups.communities),
      plan,
      funding,
    },
    null,
    2,
  );
}

const latest = (i: PlanIndicatorView) =>
  i.measurements.length === 0 ? null : i.measurements.reduce((a, b) => (b.date >= a.date ? b : a));

/** CSV: one row per indicator (an action without indicator still gets one row). */
export function planToCsv(plan: PlanView, lookups: Lookups): string {
  const header = [
    'enjeu',
    'type',
    'objectif général',
    'objectif spécifique',
    'moyen / action',
    'échéancier',
    'statut',
    'indicateur',
    'cible',
    'unité',
    'dernière mesure',
    'date de la mesure',
    'progression',
    'MRC',
    'communautés',
    'budget',
    'proposition',
  ];
  const rows: (string | number)[][] = [];
  for (const theme of plan.themes) {
    for (const objective of theme.objectives) {
      for (const action of objective.actions) {
        const base = [
          theme.title,
          THEME_KIND_LABELS[theme.kind],
          theme.generalObjective,
          objective.text,
          action.text,
          action.timeline,
          STATUS_LABELS[action.status],
        ];
        const tail = [
          action.territoryIds.map((t) => lookups.territories.get(t) ?? t).join('; '),
          action.communityIds.map((c) => lookups.communities.get(c) ?? c).join('; '),
          action.budget ?? '',
          action.proposalId ?? '',
        ];
        const indicators = action.indicators.length > 0 ? action.indicators : [null];
        for (const indicator of indicators) {
          const m = indicator ? latest(indicator) : null;
          rows.push([
            ...base,
            indicator?.text ?? '',
            indicator?.target ?? '',
            indicator?.unit ?? '',
            m?.value ?? '',
            m?.date ?? '',
            formatPercent(indicator?.progress ?? action.progress),
            ...tail,
          ]);
        }
      }
    }
  }
  // Text written by people (titles, indicators, territory names) never runs as a formula.
  return '\uFEFF' + stringify([header, ...rows.map(safeRow)]);
}

const indicatorLine = (i: PlanIndicatorView): string => {
  const m = latest(i);
  return m ? `${i.text} (${m.value} au ${formatDate(m.date)})` : i.text;
};

const actionExtras = (action: PlanActionView, lookups: Lookups): string[] =>
  [
    action.territoryIds.length > 0
      ? `MRC : ${action.territoryIds.map((t) => lookups.territories.get(t) ?? t).join(', ')}`
      : '',
    action.budget ? `Budget : ${formatAmount(action.budget)}` : '',
    `Statut : ${STATUS_LABELS[action.status]} (${formatPercent(action.progress)})`,
  ].filter(Boolean);

/** DOCX laid out as the seed plan: per theme a heading, its general objective, one table. */
export async function planToDocx(
  plan: PlanView,
  lookups: Lookups,
  funding: PlanFunding | null = null,
): Promise<Buffer> {
  const cell = (lines: string[], bold = false) =>
    new TableCell({
      children: (lines.length > 0 ? lines : ['']).map(
        (line) => new Paragraph({ children: [new TextRun({ text: line, bold })] }),
      ),
    });
  const sections = plan.themes.map((theme: PlanThemeView, index) => {
    const header = new TableRow({
      tableHeader: true,
      children: [
        'Objectifs spécifiques',
        'Moyens / Actions',
        'Indicateurs de mise en œuvre',
        'Échéancier',
      ].map((h) => cell([h], true)),
    });
    const rows = theme.objectives.flatMap((objective) =>
      (objective.actions.length > 0 ? objective.actions : [null]).map(
        (action, ai) =>
          new TableRow({
            children: [
              cell(ai === 0 ? [objective.text] : []),
              cell(action ? [action.text, ...actionExtras(action, lookups)] : []),
              cell(action ? action.indicators.map(indicatorLine) : []),
              cell(action ? [action.timeline] : []),
            ],
          }),
      ),
    );
    return {
      properties: index === 0 ? {} : { page: {} },
      children: [
        ...(index === 0
          ? [
              new Paragraph({ text: plan.title, heading: HeadingLevel.TITLE }),
              new Paragraph({
                text: `Période : ${plan.periodFrom}–${plan.periodTo} · Progression : ${formatPercent(plan.progress)}`,
              }),
            ]
          : []),
        new Paragraph({ text: theme.title, heading: HeadingLevel.HEADING_1 }),
        new Paragraph({ children: [new TextRun({ text: THEME_KIND_LABELS[theme.kind], italics: true })] }),
        new Paragraph({
          children: [new TextRun({ text: `⇒ Objectif général : ${theme.generalObjective}` })],
        }),
        new Paragraph({
          text: `Progression : ${formatPercent(theme.progress)}`,
          alignment: AlignmentType.RIGHT,
        }),
        new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
      ],
    };
  });
  if (funding && funding.decisions.length > 0) {
    sections.push({
      properties: { page: {} },
      children: [
        new Paragraph({ text: funding.fundTitle, heading: HeadingLevel.HEADING_1 }),
        ...fundingLines(funding).flatMap((d) => [
          new Paragraph({ text: d.heading, heading: HeadingLevel.HEADING_2 }),
          ...d.lines.map((line) => new Paragraph({ text: line })),
        ]),
      ],
    });
  }
  const doc = new Document({
    creator: 'Cocon',
    title: plan.title,
    sections:
      sections.length > 0
        ? sections
        : [{ children: [new Paragraph({ text: plan.title, heading: HeadingLevel.TITLE })] }],
  });
  return Packer.toBuffer(doc);
}

// PDFKit's built-in fonts speak WinAnsi: replace what they cannot draw.
const pdfSafe = (text: string) => text.replace(/[→⇒]/g, '-').replace(/[\u202f\u00a0]/g, ' ');

/** PDF: a cover line, then each theme on its own page(s) with its table as rows of text. */
export function planToPdf(
  plan: PlanView,
  lookups: Lookups,
  funding: PlanFunding | null = null,
): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 50, info: { Title: plan.title, Creator: 'Cocon' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 100;
  const columns = [0.28, 0.32, 0.26, 0.14].map((f) => f * width);

  doc.font('Helvetica-Bold').fontSize(20).text(pdfSafe(plan.title));
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(
      pdfSafe(
        `Période : ${plan.periodFrom}–${plan.periodTo} · Progression : ${formatPercent(plan.progress)}`,
      ),
    );

  plan.themes.forEach((theme) => {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(15).text(pdfSafe(theme.title));
    doc
      .font('Helvetica-Oblique')
      .fontSize(10)
      .text(pdfSafe(`${THEME_KIND_LABELS[theme.kind]} · Progression : ${formatPercent(theme.progress)}`));
    doc
      .moveDown(0.3)
      .font('Helvetica')
      .fontSize(10)
      .text(pdfSafe(`Objectif général : ${theme.generalObjective}`));
    doc.moveDown(0.6);
    const row = (cells: string[], bold = false) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
      const heights = cells.map((c, i) => doc.heightOfString(pdfSafe(c), { width: columns[i]! - 6 }));
      const height = Math.max(...heights) + 6;
      if (doc.y + height > doc.page.height - 50) doc.addPage();
      const top = doc.y;
      let x = 50;
      cells.forEach((c, i) => {
        doc.text(pdfSafe(c), x + 3, top + 3, { width: columns[i]! - 6 });
        x += columns[i]!;
      });
      doc
        .moveTo(50, top + height)
        .lineTo(50 + width, top + height)
        .lineWidth(0.3)
        .strokeColor('#888')
        .stroke();
      doc.x = 50;
      doc.y = top + height;
    };
    row(['Objectifs spécifiques', 'Moyens / Actions', 'Indicateurs', 'Échéancier'], true);
    for (const objective of theme.objectives) {
      objective.actions.forEach((action, ai) => {
        row([
          ai === 0 ? objective.text : '',
          [action.text, ...actionExtras(action, lookups)].join('\n'),
          action.indicators.map(indicatorLine).join('\n'),
          action.timeline,
        ]);
      });
      if (objective.actions.length === 0) row([objective.text, '', '', '']);
    }
  });
  if (funding && funding.decisions.length > 0) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(15).text(pdfSafe(funding.fundTitle));
    for (const d of fundingLines(funding)) {
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).text(pdfSafe(d.heading));
      doc.font('Helvetica').fontSize(10);
      for (const line of d.lines) doc.text(pdfSafe(line.replace('•', '-')));
    }
  }
  doc.end();
  return done;
}
