/** Longest slug `slugSchema` accepts. */
export const SLUG_MAX = 48;

/**
 * An organisation's address from its name: lowercase ASCII letters and digits, words joined by
 * single dashes ("Concertation Horizon Côte-Nord" -> "concertation-horizon-cote-nord").
 */
export function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX + 1)
    .replace(/^-+/, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}
