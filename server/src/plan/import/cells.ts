/**
 * Cell-level helpers shared by the plan importers: line splitting, HTML fragments, "→" item lists
 * and indicators. Pure functions over strings; text keeps its accents and wording, only
 * whitespace is collapsed and leading arrows/bullets are removed.
 */
import type { ImportedIndicator } from '@cocon/shared';

export const ARROW = '→';

/** Inline tags vanish without a space (they may sit inside a word); block tags become a space. */
const INLINE_TAG = /<\/?(?:i|b|em|strong|span|a|u|sup|sub)\b[^>]*>/gi;
const ANY_TAG = /<[^>]*>/g;
const LIST_OPEN = /<ul\b[^>]*>/i;
const ITEM_OPEN = /<li\b[^>]*>/gi;
const PARAGRAPH_TAG = /<\/?p\b[^>]*>/gi;
const ENTITY = /&(#\d+|#x[0-9a-f]+|[a-z]+);/gi;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};
const LEADING_BULLET = /^(?:[→⇒•▪◦*]|[-–—](?=\s))\s*/u;

/** The lines of a document, without line terminators (LF or CRLF). */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Typographic apostrophes (’ ‘ ʼ ′ ´ `), which word processors put in place of the plain one. */
const APOSTROPHES = /[\u2019\u2018\u02bc\u2032\u00b4`]/gu;

/**
 * Lower case without accents, typographic apostrophes made plain, whitespace collapsed: for
 * matching labels ("Plan d’action" is "plan d'action"), never for output.
 */
export function fold(text: string): string {
  return collapse(text.normalize('NFD').replace(/\p{M}/gu, '').replace(APOSTROPHES, "'").toLowerCase());
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function decodeEntity(match: string, name: string): string {
  const lower = name.toLowerCase();
  if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
  if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
  return NAMED_ENTITIES[lower] ?? match;
}

export function stripHtml(text: string): string {
  return text.replace(INLINE_TAG, '').replace(ANY_TAG, ' ').replace(ENTITY, decodeEntity);
}

/** A cell as plain text: no HTML, whitespace collapsed, no leading arrow or bullet. */
export function cleanText(cell: string): string {
  return collapse(stripHtml(cell)).replace(LEADING_BULLET, '').trim();
}

/** A cell without arrows: one item per HTML paragraph (`<p>En continu</p> <p>2026</p>`). */
function paragraphs(cell: string): string[] {
  return cell
    .split(PARAGRAPH_TAG)
    .map(cleanText)
    .filter((part) => part !== '');
}

const withLeadIn = (leadIn: string, item: string) => (leadIn ? `${leadIn} ${item}` : item);

/**
 * An item that opens a nested list ends with that list's lead-in, glued to it by the HTML
 * flattening ("… des milieux Rencontres avec différents publics :"): the lead-in is the trailing
 * clause from the last capitalised word.
 */
function splitTrailingLeadIn(item: string): [before: string, leadIn: string] {
  const match = /^(.*\S)\s+(\p{Lu}[^:]*:)$/su.exec(item);
  return match ? [match[1] ?? '', match[2] ?? ''] : ['', item];
}

/**
 * The items of a cell. Items are introduced by "→" (or an HTML `<li>`). Text before the first
 * item that ends with ":" is a lead-in ("En collaboration avec les acteurs locaux :"): it is not
 * an item, it is kept as a prefix of each item it introduces so that none loses its context. A
 * nested `<ul>` list starts a new lead-in (see splitTrailingLeadIn). Text before the first arrow
 * that does not end with ":" is an item of its own. A cell with no arrows is one item per HTML
 * paragraph, or one item.
 */
export function splitItems(cell: string): string[] {
  const marked = cell.replace(ITEM_OPEN, ` ${ARROW} `);
  if (!marked.includes(ARROW)) return paragraphs(marked);
  const items: string[] = [];
  let leadIn = '';
  const blocks = marked.split(LIST_OPEN);
  blocks.forEach((block, blockIndex) => {
    const [head = '', ...rest] = block.split(ARROW).map(cleanText);
    if (head.endsWith(':')) leadIn = head;
    else if (head) items.push(withLeadIn(leadIn, head));
    const opensNestedList = blockIndex < blocks.length - 1;
    rest.forEach((item, index) => {
      if (!item) return;
      if (opensNestedList && index === rest.length - 1 && item.endsWith(':')) {
        const [before, nextLeadIn] = splitTrailingLeadIn(item);
        if (before) items.push(withLeadIn(leadIn, before));
        leadIn = nextLeadIn;
        return;
      }
      items.push(withLeadIn(leadIn, item));
    });
  });
  return items;
}

const MONTHS =
  'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre';

/**
 * A quantity: a number at the start ("4 rencontres", "10 Infolettres"), or after "Au moins",
 * "Un minimum de" or a single word and "de" ("Publication de 10 Infolettres", "Tenue de 4
 * rencontres"). The unit is the word after the number. A number followed by a month is a date
 * ("31 mars 2026"), not a quantity. Numbers written in words ("au moins une rencontre") are not
 * read: such indicators stay qualitative.
 */
const QUANTITY = new RegExp(
  "^(?:(?:au moins|un minimum de|minimum de|\\p{L}+ d(?:e |'|’))\\s*)?" +
    '(\\d+(?:[.,]\\d+)?)(?![\\d.,])' +
    `(?:\\s*(%)|\\s+(?!(?:${MONTHS})\\b)([^\\s,;:.()]+))`,
  'iu',
);

export function parseIndicator(text: string, line: number): ImportedIndicator {
  const match = QUANTITY.exec(text);
  if (!match) return { text, kind: 'qualitative', target: null, unit: '', line };
  const target = Number((match[1] ?? '').replace(',', '.'));
  return { text, kind: 'quantitative', target, unit: match[2] ?? match[3] ?? '', line };
}
