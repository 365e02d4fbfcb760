import { describe, expect, it } from 'vitest';
import { fileSlug } from './fileName.js';

describe('file names from titles', () => {
  it('drops accents instead of cutting words at them', () => {
    expect(fileSlug('Réseau régional de frigos communautaires', 'x')).toBe(
      'reseau-regional-de-frigos-communautaires',
    );
    expect(fileSlug('Plan d’action 2026 : Concertation Horizon', 'x')).toBe(
      'plan-d-action-2026-concertation-horizon',
    );
    expect(fileSlug(' « » ', 'proposition')).toBe('proposition');
  });
});
