import { stringify } from 'csv-stringify/sync';
import { safeRow } from '../util/spreadsheet.js';
import {
  AlignmentType,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
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
import {
  showGeneralObjective,
  type PlanActionView,
  type PlanIndicatorView,
  type PlanThemeView,
  type PlanView,
} from '@cocon/shared';
import {
  formatAmount,
  formatDate,
  formatPercent,
  frenchSpacing,
  STATUS_LABELS,
  THEME_KIND_LABELS,
} from './planFormat.js';

export const PLAN_EXPORT_FORMATS = ['json', 'csv', 'csv-fr', 'docx', 'pdf'] as const;
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

/** The two CSV dialects: commas and decimal points, or semicolons and decimal commas (French Excel). */
export type CsvDialect = 'comma' | 'semicolon';

/**
 * CSV as open data: one row per indicator (an action without one still gets a row), each with its
 * action's and its own ids; numbers as numbers (percentages 0–100, dollars); the action's budget
 * on its first row only, so that the column sums to the plan's budget; its milestones and the
 * indicator's notes in cells of their own. The `semicolon` dialect is what a French-locale
 * spreadsheet opens as columns (decimal commas).
 */
export function planToCsv(plan: PlanView, lookups: Lookups, dialect: CsvDialect = 'comma'): string {
  const header = [
    'id_action',
    'id_indicateur',
    'enjeu',
    'type',
    'objectif général',
    'objectif spécifique',
    'moyen / action',
    'échéancier',
    'statut',
    'avancement de l’action (%)',
    'jalons',
    'MRC',
    'communautés',
    'budget de l’action en $ (sur sa première ligne)',
    'proposition',
    'indicateur',
    'type d’indicateur',
    'cible',
    'unité',
    'dernière mesure',
    'date de la mesure',
    'avancement de l’indicateur (%)',
    'notes',
  ];
  const number = (value: number | null | undefined): string | number =>
    value === null || value === undefined
      ? ''
      : dialect === 'semicolon'
        ? String(value).replace('.', ',')
        : value;
  const percent = (value: number | null) => number(value === null ? null : Math.round(value * 1000) / 10);
  const rows: (string | number)[][] = [];
  for (const theme of plan.themes) {
    for (const objective of theme.objectives) {
      for (const action of objective.actions) {
        const indicators = action.indicators.length > 0 ? action.indicators : [null];
        indicators.forEach((indicator, i) => {
          const m = indicator ? latest(indicator) : null;
          rows.push([
            action.id,
            indicator?.id ?? '',
            theme.title,
            THEME_KIND_LABELS[theme.kind],
            theme.generalObjective,
            objective.text,
            action.text,
            action.timeline,
            STATUS_LABELS[action.status],
            percent(action.progress),
            action.milestones.map((j) => `${j.date} ${j.label}${j.done ? ' (atteint)' : ''}`).join(' | '),
            action.territoryIds.map((t) => lookups.territories.get(t) ?? t).join(' | '),
            action.communityIds.map((c) => lookups.communities.get(c) ?? c).join(' | '),
            i === 0 ? number(action.budget) : '',
            action.proposalId ?? '',
            indicator?.text ?? '',
            indicator ? (indicator.kind === 'quantitative' ? 'quantitatif' : 'qualitatif') : '',
            number(indicator?.target),
            indicator?.unit ?? '',
            number(m?.value),
            m?.date ?? '',
            percent(indicator?.progress ?? null),
            (indicator?.notes ?? []).map((n) => `${n.date} ${n.text}`).join(' | '),
          ]);
        });
      }
    }
  }
  // Text written by people (titles, indicators, territory names) never runs as a formula.
  return (
    '\uFEFF' + stringify([header, ...rows.map(safeRow)], { delimiter: dialect === 'semicolon' ? ';' : ',' })
  );
}

const indicatorLine = (i: PlanIndicatorView): string => {
  const m = latest(i);
  return m ? `${i.text} (${m.value} au ${formatDate(m.date)})` : i.text;
};

/**
 * What follows an action's text in the documents: its MRC, its budget, and its status and
 * progress only where a person said or measured something (an unset status is no news).
 */
const actionExtras = (action: PlanActionView, lookups: Lookups): string[] =>
  [
    action.territoryIds.length > 0
      ? `MRC : ${action.territoryIds.map((t) => lookups.territories.get(t) ?? t).join(', ')}`
      : '',
    action.budget ? `Budget : ${formatAmount(action.budget)}` : '',
    action.status === 'unset'
      ? ''
      : `Statut : ${STATUS_LABELS[action.status]}${action.progress === null ? '' : ` (${formatPercent(action.progress)})`}`,
  ].filter(Boolean);

/** The plan's documents: who issues them (the title page and the running header say it). */
export interface DocumentContext {
  organizationName: string;
}

/** What the top of each page says: the body and the plan. */
const runningTitle = (plan: PlanView, context: DocumentContext) =>
  [context.organizationName, plan.title].filter(Boolean).join(' — ');
const periodText = (plan: PlanView) =>
  plan.periodFrom === plan.periodTo ? `${plan.periodFrom}` : `${plan.periodFrom}–${plan.periodTo}`;
const progressText = (plan: PlanView) =>
  plan.progress === null ? 'aucune mesure pour l’instant' : formatPercent(plan.progress);
const TABLE_HEADINGS = [
  'Objectifs spécifiques',
  'Moyens / Actions',
  'Indicateurs de mise en œuvre',
  'Échéancier',
];
/** Shares of the table's width: the actions and their indicators carry the text. */
const COLUMN_SHARES = [0.26, 0.34, 0.27, 0.13];

/**
 * DOCX laid out as the seed plan, on Letter pages in French (Canada): a title page with the body,
 * the period and a table of contents (Word and LibreOffice fill it in when the file opens), then
 * per theme a heading, its general objective and one table whose header repeats on every page;
 * the plan's title runs at the top of each page and its number at the bottom.
 */
export async function planToDocx(
  plan: PlanView,
  lookups: Lookups,
  funding: PlanFunding | null = null,
  context: DocumentContext = { organizationName: '' },
): Promise<Buffer> {
  const t = (text: string) => frenchSpacing(text);
  const tableWidth = DOCX_TEXT_WIDTH;
  const columnWidths = COLUMN_SHARES.map((share) => Math.round(share * tableWidth));
  const cell = (lines: string[], width: number, bold = false) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      children: (lines.length > 0 ? lines : ['']).map(
        (line) => new Paragraph({ children: [new TextRun({ text: t(line), bold })] }),
      ),
    });
  const table = (theme: PlanThemeView) =>
    new Table({
      width: { size: tableWidth, type: WidthType.DXA },
      columnWidths,
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: TABLE_HEADINGS.map((h, i) => cell([h], columnWidths[i]!, true)),
        }),
        ...theme.objectives.flatMap((objective) =>
          (objective.actions.length > 0 ? objective.actions : [null]).map(
            (action, ai) =>
              new TableRow({
                children: [
                  cell(ai === 0 ? [objective.text] : [], columnWidths[0]!),
                  cell(action ? [action.text, ...actionExtras(action, lookups)] : [], columnWidths[1]!),
                  cell(action ? action.indicators.map(indicatorLine) : [], columnWidths[2]!),
                  cell(action ? [action.timeline] : [], columnWidths[3]!),
                ],
              }),
          ),
        ),
      ],
    });
  const themeBlocks = plan.themes.flatMap((theme: PlanThemeView) => [
    new Paragraph({ text: t(theme.title), heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    new Paragraph({ children: [new TextRun({ text: THEME_KIND_LABELS[theme.kind], italics: true })] }),
    ...(showGeneralObjective(theme)
      ? [
          new Paragraph({
            children: [new TextRun({ text: t(`Objectif général : ${theme.generalObjective}`) })],
          }),
        ]
      : []),
    ...(theme.progress === null
      ? []
      : [
          new Paragraph({
            text: t(`Progression : ${formatPercent(theme.progress)}`),
            alignment: AlignmentType.RIGHT,
          }),
        ]),
    table(theme),
  ]);
  const fundingBlocks =
    funding && funding.decisions.length > 0
      ? [
          new Paragraph({
            text: t(funding.fundTitle),
            heading: HeadingLevel.HEADING_1,
            pageBreakBefore: true,
          }),
          ...fundingLines(funding).flatMap((d) => [
            new Paragraph({ text: t(d.heading), heading: HeadingLevel.HEADING_2 }),
            ...d.lines.map((line) => new Paragraph({ text: t(line) })),
          ]),
        ]
      : [];
  const doc = letterDocx({
    title: plan.title,
    running: runningTitle(plan, context),
    titlePage: true,
    children: [
      new Paragraph({ text: t(plan.title), heading: HeadingLevel.TITLE }),
      ...(context.organizationName ? [new Paragraph({ text: t(context.organizationName) })] : []),
      new Paragraph({ text: t(`Période : ${periodText(plan)}`) }),
      new Paragraph({ text: t(`Progression : ${progressText(plan)}`) }),
      new TableOfContents('Table des matières', { hyperlink: true, headingStyleRange: '1-1' }),
      ...themeBlocks,
      ...fundingBlocks,
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * PDF on Letter pages: a title page with the body, the period, the progress and a table of
 * contents with page numbers; each theme from a new page, its table's header repeated on every
 * page it runs onto; the plan's title at the top of each page and "Page n de N" at the bottom.
 */
export function planToPdf(
  plan: PlanView,
  lookups: Lookups,
  funding: PlanFunding | null = null,
  context: DocumentContext = { organizationName: '' },
): Promise<Buffer> {
  const { doc, done } = letterPdf({ title: plan.title, author: context.organizationName });
  const width = doc.page.width - 2 * PDF_MARGIN;
  const columns = COLUMN_SHARES.map((f) => f * width);

  // Title page; its table of contents is written once the themes' pages are known.
  doc.moveDown(6).font('Helvetica-Bold').fontSize(24).text(pdfSafe(plan.title), { align: 'center' });
  doc.moveDown(0.5).font('Helvetica').fontSize(13);
  if (context.organizationName) doc.text(pdfSafe(context.organizationName), { align: 'center' });
  doc.text(pdfSafe(`Période : ${periodText(plan)}`), { align: 'center' });
  doc.fontSize(11).text(pdfSafe(`Progression : ${progressText(plan)}`), { align: 'center' });
  const tocTop = doc.y + 40;
  const starts: { title: string; page: number }[] = [];

  // The theme whose table is being laid out: where it runs onto a new page, its name and the
  // table's header come first again.
  let current: PlanThemeView | null = null;
  const table: PdfTable = new PdfTable(doc, columns, {
    fontSize: 8.5,
    onNewPage: () => {
      if (!current) return;
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .text(pdfSafe(`${current.title} (suite)`));
      doc.moveDown(0.3);
      table.row(TABLE_HEADINGS, true);
    },
  });

  plan.themes.forEach((theme) => {
    current = null;
    doc.addPage();
    starts.push({ title: theme.title, page: doc.bufferedPageRange().count });
    doc.font('Helvetica-Bold').fontSize(15).text(pdfSafe(theme.title));
    const kind = THEME_KIND_LABELS[theme.kind];
    doc
      .font('Helvetica-Oblique')
      .fontSize(10)
      .text(
        pdfSafe(theme.progress === null ? kind : `${kind} · Progression : ${formatPercent(theme.progress)}`),
      );
    if (showGeneralObjective(theme)) {
      doc
        .moveDown(0.3)
        .font('Helvetica')
        .fontSize(10)
        .text(pdfSafe(`Objectif général : ${theme.generalObjective}`));
    }
    doc.moveDown(0.6);
    current = null;
    table.row(TABLE_HEADINGS, true);
    current = theme;
    for (const objective of theme.objectives) {
      objective.actions.forEach((action, ai) => {
        table.row([
          ai === 0 ? objective.text : '',
          [action.text, ...actionExtras(action, lookups)].join('\n'),
          action.indicators.map(indicatorLine).join('\n'),
          action.timeline,
        ]);
      });
      if (objective.actions.length === 0) table.row([objective.text, '', '', '']);
    }
  });
  if (funding && funding.decisions.length > 0) {
    doc.addPage();
    starts.push({ title: funding.fundTitle, page: doc.bufferedPageRange().count });
    doc.font('Helvetica-Bold').fontSize(15).text(pdfSafe(funding.fundTitle));
    for (const d of fundingLines(funding)) {
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).text(pdfSafe(d.heading));
      doc.font('Helvetica').fontSize(10);
      for (const line of d.lines) doc.text(pdfSafe(line.replace('•', '-')));
    }
  }

  // The table of contents on the title page, now that every theme has its page.
  doc.switchToPage(0);
  doc.font('Helvetica-Bold').fontSize(13).text('Table des matières', PDF_MARGIN, tocTop);
  doc.moveDown(0.4).font('Helvetica').fontSize(10);
  for (const entry of starts) {
    const y = doc.y;
    doc.text(pdfSafe(entry.title), PDF_MARGIN, y, { width: width - 60 });
    const after = doc.y;
    doc.text(String(entry.page), PDF_MARGIN + width - 50, y, { width: 50, align: 'right' });
    doc.x = PDF_MARGIN;
    doc.y = Math.max(after, doc.y);
  }

  finishPdf(doc, runningTitle(plan, context));
  return done;
}
