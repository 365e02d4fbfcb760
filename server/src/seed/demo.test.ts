import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEEDS_DIR, themesFromPlan } from './demo.js';

describe('demo seed', () => {
  it('finds the themes of the 2026 plan, folding "(SUITE)" continuations', () => {
    const text = readFileSync(
      path.join(DEFAULT_SEEDS_DIR, 'concertation-horizon-action-plan-2026.txt'),
      'utf8',
    );
    const themes = themesFromPlan(text);
    expect(themes.slice(0, 5)).toEqual([
      'SÉCURITÉ ALIMENTAIRE',
      'TRANSPORT',
      'RÉUSSITE ÉDUCATIVE ET SOCIALE',
      'LOGEMENT',
      'SANTÉ MENTALE',
    ]);
    expect(themes.filter((t) => t.startsWith('VIE ASSOCIATIVE'))).toEqual(['VIE ASSOCIATIVE']);
    expect(themes.some((t) => t.startsWith('ACCESSIBILITÉ DES SERVICES'))).toBe(true);
    expect(themes).toContain('COMMUNICATIONS ET REPRÉSENTATIONS');
  });
});
