/** Québec French formatting for plan exports. */

const money = new Intl.NumberFormat('fr-CA', {
  style: 'currency',
  currency: 'CAD',
  maximumFractionDigits: 2,
});
const longDate = new Intl.DateTimeFormat('fr-CA', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** 25000 -> "25 000,00 $" (with narrow no-break spaces, as fr-CA writes it). */
export const formatAmount = (dollars: number): string => money.format(dollars);

/**
 * Québec typography for text set in documents: the plain space a person typed before « : » or
 * inside « » becomes a no-break space, before « ; ? ! » a narrow one, so that no line starts with
 * the sign or ends on an opening guillemet. No space is added where none was (times, links).
 */
export const frenchSpacing = (text: string): string =>
  text
    .replace(/ +([:»])/g, '\u00a0$1')
    .replace(/« +/g, '«\u00a0')
    .replace(/ +([;?!])/g, '\u202f$1');

/** "2026-03-31" -> "31 mars 2026". */
export const formatDate = (iso: string): string => longDate.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));

export const formatPercent = (value: number | null): string =>
  value === null ? '—' : `${Math.round(value * 100)} %`;

export const STATUS_LABELS = {
  unset: 'Statut non renseigné',
  not_started: 'Non commencée',
  in_progress: 'En cours',
  done: 'Réalisée',
  ongoing: 'En continu',
} as const;

export const THEME_KIND_LABELS = {
  enjeu: 'Enjeu fédérateur',
  visee: 'Visée transversale',
  orientation: 'Orientation',
} as const;
