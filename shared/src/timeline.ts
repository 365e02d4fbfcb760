/**
 * Échéancier: a year ("2026"), a range ("2025-2026"), a season ("Hiver 2026") or ongoing
 * ("En continu"). Plans write it freely ("Poursuite en 2026"); anything else is kept as text.
 */
export type Timeline =
  | { kind: 'year'; year: number }
  | { kind: 'range'; from: number; to: number }
  | { kind: 'season'; season: Season; year: number }
  | { kind: 'ongoing' }
  | { kind: 'text'; text: string };

export const SEASONS = ['hiver', 'printemps', 'été', 'automne'] as const;
export type Season = (typeof SEASONS)[number];

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

export function parseTimeline(input: string): Timeline | null {
  const text = input.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const folded = fold(text);
  if (/^(en continu|continu|en cours|ongoing)$/.test(folded)) return { kind: 'ongoing' };
  const range = /^(?:de |du )?(\d{4}) ?(?:-|–|à|a|au) ?(\d{4})$/.exec(folded);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (from <= to) return { kind: 'range', from, to };
  }
  const year = /^(?:en |poursuite en )?(\d{4})$/.exec(folded);
  if (year) return { kind: 'year', year: Number(year[1]) };
  const season = /^(hiver|printemps|ete|automne) (\d{4})$/.exec(folded);
  if (season) {
    const name = season[1] === 'ete' ? 'été' : (season[1] as Season);
    return { kind: 'season', season: name, year: Number(season[2]) };
  }
  return { kind: 'text', text };
}

/** Years a timeline touches, for filters; ongoing and free text touch none. */
export function timelineYears(timeline: Timeline | null): number[] {
  if (!timeline) return [];
  switch (timeline.kind) {
    case 'year':
    case 'season':
      return [timeline.year];
    case 'range':
      return Array.from({ length: timeline.to - timeline.from + 1 }, (_, i) => timeline.from + i);
    default:
      return [];
  }
}
