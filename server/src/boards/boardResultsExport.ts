import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import { REACTIONS, rankIdeas, type BoardRanking, type BoardView } from '@cocon/shared';
import { safeRow } from '../util/spreadsheet.js';

/**
 * The results of a board for facilitators: every visible idea ranked across clusters (dots, then
 * reactions, then comments), headed by the board's name, the forum, the date and the counts.
 * Québec French, like the other exports.
 */

export interface ResultsHeading {
  boardTitle: string;
  forumTitle: string;
  /** When the export was made. */
  at: Date;
}

const dateTime = new Intl.DateTimeFormat('fr-CA', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'America/Toronto',
});

/** "28 novembre 2026 à 04 h 22" with ordinary spaces (PDF fonts and spreadsheets alike). */
export const formatExportDate = (at: Date): string => dateTime.format(at).replace(/[\u202f\u00a0]/g, ' ');

const REACTION_LABELS = {
  like: 'J’appuie',
  love: 'J’adore',
  insight: 'Éclairant',
  question: 'J’ai une question',
};

function countLines(ranking: BoardRanking): [string, number][] {
  const { totals } = ranking;
  return [
    ['Idées', totals.ideas],
    ['Points', totals.votes],
    ['Réactions', totals.reactions],
    ['Commentaires', totals.comments],
    ['Regroupements', totals.groups],
  ];
}

export function resultsToCsv(view: BoardView, heading: ResultsHeading): string {
  const ranking = rankIdeas(view);
  const rows: (string | number)[][] = [
    ['Résultats', heading.boardTitle],
    ['Forum', heading.forumTitle],
    ['Exporté le', formatExportDate(heading.at)],
    ...countLines(ranking),
    [],
    [
      'rang',
      'idée',
      'regroupement',
      'points',
      'réactions',
      ...REACTIONS.map((r) => REACTION_LABELS[r]),
      'commentaires',
      'auteur',
    ],
    ...ranking.ideas.map((idea) => [
      idea.rank,
      idea.text,
      idea.groupName ?? 'Sans regroupement',
      idea.votes,
      idea.reactions,
      ...REACTIONS.map((r) => idea.reactionCounts[r]),
      idea.comments,
      idea.authorName ?? 'Anonyme',
    ]),
  ];
  // A BOM so Excel opens accented French text correctly; people's text cannot run as a formula.
  return '\uFEFF' + stringify(rows.map(safeRow));
}

/**
 * PDFKit's built-in fonts speak WinAnsi (Latin-1 and a few typographic signs): emoji and other
 * scripts would print as garbage, so they are dropped or replaced.
 */
export function pdfSafe(text: string): string {
  return text
    .replace(/[\u202f\u00a0]/g, ' ')
    .replace(/[→⇒]/g, '-')
    .replace(/\p{Extended_Pictographic}|\u200d|\ufe0f/gu, '')
    .replace(/[^\n\x20-\x7e\u00a1-\u00ff’‘“”–—…•€œŒŠšŽžŸƒˆ˜‰‹›™]/g, '?');
}

const MARGIN = 50;

export function resultsToPdf(view: BoardView, heading: ResultsHeading): Promise<Buffer> {
  const ranking = rankIdeas(view);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    info: { Title: `Résultats - ${pdfSafe(heading.boardTitle)}`, Creator: 'Cocon' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * MARGIN;

  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .text(pdfSafe(`Résultats : ${heading.boardTitle}`));
  doc.font('Helvetica').fontSize(11);
  if (heading.forumTitle) doc.text(pdfSafe(heading.forumTitle));
  doc.text(pdfSafe(`Exporté le ${formatExportDate(heading.at)}`));
  doc.moveDown(0.4).text(
    pdfSafe(
      countLines(ranking)
        .map(([label, count]) => `${label} : ${count}`)
        .join(' · '),
    ),
  );
  doc
    .moveDown(0.4)
    .font('Helvetica-Oblique')
    .fontSize(9)
    .text('Classement de toutes les idées visibles : points, puis réactions, puis commentaires.');
  doc.moveDown(0.8);

  // rank | idea (and its cluster) | points, with a bar | reactions | comments
  const columns = [0.06, 0.44, 0.18, 0.18, 0.14].map((f) => f * width);
  const maxVotes = Math.max(1, ...ranking.ideas.map((idea) => idea.votes));
  const row = (cells: string[], options: { bold?: boolean; votes?: number } = {}) => {
    doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const heights = cells.map((c, i) => doc.heightOfString(pdfSafe(c), { width: columns[i]! - 6 }));
    const height = Math.max(...heights, 12) + 8;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      if (i === 2 && options.votes !== undefined) {
        const barWidth = ((columns[i]! - 30) * options.votes) / maxVotes;
        if (barWidth > 0)
          doc
            .rect(x + 3, top + 4, barWidth, 9)
            .fillColor('#1d5c8c')
            .fill();
        doc.fillColor('#000').text(pdfSafe(cell), x + 6 + barWidth, top + 4, { width: 24 });
      } else {
        doc.fillColor('#000').text(pdfSafe(cell), x + 3, top + 4, { width: columns[i]! - 6 });
      }
      x += columns[i]!;
    });
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + width, top + height)
      .lineWidth(0.3)
      .strokeColor('#888')
      .stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  };
  row(['Rang', 'Idée', 'Points', 'Réactions', 'Commentaires'], { bold: true });
  for (const idea of ranking.ideas) {
    const reactions = REACTIONS.filter((r) => idea.reactionCounts[r] > 0)
      .map((r) => `${REACTION_LABELS[r]} ${idea.reactionCounts[r]}`)
      .join(', ');
    row(
      [
        String(idea.rank),
        `${idea.text}\n${idea.groupName ?? 'Sans regroupement'} · ${idea.authorName ?? 'Anonyme'}`,
        String(idea.votes),
        reactions ? `${idea.reactions} (${reactions})` : '0',
        String(idea.comments),
      ],
      { votes: idea.votes },
    );
  }
  if (ranking.ideas.length === 0) doc.font('Helvetica').fontSize(11).text('Aucune idée sur ce tableau.');
  doc.end();
  return done;
}
