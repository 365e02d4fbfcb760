import { formatMoney } from '../plan/planFormat';

/** Cents as Québec readers expect money ("12 345,67 $" in French, "$12,345.67" in English). */
export function formatCents(cents: number, language: string): string {
  return formatMoney(cents / 100, language);
}

/** Cents -> what a dollar input shows ("1234.5" -> "1234,50" in French); "" for null. */
export function centsToInput(cents: number | null, language: string): string {
  if (cents === null) return '';
  const whole = cents % 100 === 0;
  const text = whole ? String(cents / 100) : (cents / 100).toFixed(2);
  return language.startsWith('en') ? text : text.replace('.', ',');
}

/**
 * What a person typed in a dollar field -> whole cents, or null when it is not an amount.
 * Accepts "12 345,67", "12345.67", "12,345.67", "25 000 $": spaces (also non-breaking) and "$"
 * are ignored; with both separators the last one is the decimal mark; a lone separator followed
 * by one or two digits is the decimal mark, otherwise it separates thousands.
 */
export function parseDollars(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f$]/g, '');
  if (cleaned === '') return null;
  if (!/^\d[\d.,]*$/.test(cleaned)) return null;
  const lastComma = cleaned.lastIndexOf(',');
  const lastDot = cleaned.lastIndexOf('.');
  const mark = Math.max(lastComma, lastDot);
  let whole = cleaned;
  let fraction = '';
  if (mark >= 0) {
    const after = cleaned.slice(mark + 1);
    const both = lastComma >= 0 && lastDot >= 0;
    if (both || (after.length >= 1 && after.length <= 2)) {
      whole = cleaned.slice(0, mark);
      fraction = after;
      // The decimal mark appears once, after every thousands separator.
      if (whole.includes(cleaned[mark]!)) return null;
    }
  }
  // Thousands separators, if any, split the whole part in groups of three.
  if (/[.,]/.test(whole) && !/^\d{1,3}([.,]\d{3})+$/.test(whole)) return null;
  const digits = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(digits) || !/^\d{0,2}$/.test(fraction)) return null;
  const cents = Number(digits) * 100 + Number(fraction.padEnd(2, '0') || '0');
  return Number.isSafeInteger(cents) ? cents : null;
}

/** A whole number typed by a person (points, years), or null. */
export function parseWhole(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d{1,12}$/.test(cleaned) ? Number(cleaned) : null;
}

/** An ISO instant as a short date and time ("22 nov. 2026, 10 h 05"); "" when unreadable. */
export function formatWhen(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-CA' : 'fr-CA', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/** Points or cents, as the round's method counts them. */
export function formatAmount(amount: number, method: 'points' | 'envelope', language: string): string {
  return method === 'envelope'
    ? formatCents(amount, language)
    : new Intl.NumberFormat(language.startsWith('en') ? 'en-CA' : 'fr-CA').format(amount);
}
