import { describe, expect, it } from 'vitest';
import { slugSchema } from '@cocon/shared';
import { SLUG_MAX, slugFromName } from './slug';

describe('slugFromName', () => {
  it('drops accents, lowercases and joins words with single dashes', () => {
    expect(slugFromName('Concertation Horizon Côte-Nord')).toBe('concertation-horizon-cote-nord');
    expect(slugFromName('  Table de l’Œuvre — Québec  ')).toBe('table-de-l-oeuvre-quebec');
    expect(slugFromName('MRC des Îles-de-la-Madeleine (2026)')).toBe('mrc-des-iles-de-la-madeleine-2026');
  });

  it('gives an empty slug for a name without letters or digits', () => {
    expect(slugFromName('« — »')).toBe('');
  });

  it('stays within the contract, even for long names', () => {
    const long = slugFromName('Regroupement régional '.repeat(10));
    expect(long.length).toBeLessThanOrEqual(SLUG_MAX);
    for (const name of ['Concertation Horizon', 'a', 'Laval 2030 !', 'Regroupement régional '.repeat(10)]) {
      expect(slugSchema.safeParse(slugFromName(name)).success, name).toBe(true);
    }
  });
});
