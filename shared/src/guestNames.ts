import { LIMITS } from './limits.js';

/**
 * Guests' names in an open forum. A guest types a name when joining; no two guests of one forum
 * show the same one: the second person to take a name gets it with a number, "Marie (2)". Names
 * are compared as people read them: case, accents, spacing and invisible characters aside.
 * No zod here (the join body's guestNameSchema is in http.ts): the phone's first bundle imports
 * this module and should not carry the validation library.
 */

/** How the name a guest asked for was changed, if it was (`JoinResult.nameChange`). */
export const GUEST_NAME_CHANGES = [
  /** Another guest of the forum shows this name: this one got it with a number. */
  'taken',
  /** The guest's device already had a name like this in the forum (with a number, another case): it stays. */
  'restored',
] as const;
export type GuestNameChange = (typeof GUEST_NAME_CHANGES)[number];

// Control and format characters (zero-width spaces, bidirectional overrides), except the
// zero-width joiner that holds an emoji sequence together.
const INVISIBLE = /(?!\u200D)[\p{Cc}\p{Cf}]/gu;

/** A name as it is shown: NFC, runs of white space as one space, no invisible characters. */
export function cleanGuestName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
}

/** What two names must share to read the same: "Marie", "marie" and "MARIÉ" have one key. */
export function guestNameKey(name: string): string {
  return cleanGuestName(name)
    .normalize('NFKD')
    .replace(/[\p{M}\u200D]/gu, '')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** A name's user-perceived characters (an emoji sequence is one); code points where Intl.Segmenter is missing. */
function graphemesOf(name: string): string[] {
  if (typeof Intl.Segmenter !== 'function') return Array.from(name);
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name)].map((s) => s.segment);
}

/**
 * The name shown for the `n`th person to take `name` in a forum (1: the name itself), shortened
 * if need be so that it stays within LIMITS.displayNameMax.
 */
export function nthGuestName(name: string, n: number): string {
  if (n <= 1) return name;
  const suffix = ` (${n})`;
  const parts = graphemesOf(name);
  while (parts.length > 0 && parts.join('').length + suffix.length > LIMITS.displayNameMax) parts.pop();
  return `${parts.join('').trimEnd()}${suffix}`;
}
