import { describe, expect, it } from 'vitest';
import { cleanGuestName, guestNameKey, nthGuestName } from './guestNames.js';
import { guestNameSchema } from './http.js';
import { LIMITS } from './limits.js';

describe('guest names', () => {
  it('reads "Marie", "marie", "MARIÉ" and " Marie " as one name', () => {
    const keys = ['Marie', 'marie', 'MARIÉ', '  Marie ', 'Mari\u0065\u0301', 'Ma\u200Brie'].map(guestNameKey);
    expect(new Set(keys)).toEqual(new Set(['marie']));
    expect(guestNameKey('Jean-Pierre')).not.toBe(guestNameKey('Jean Pierre'));
    expect(guestNameKey('L’Écuyer')).toBe(guestNameKey("l'ecuyer"));
  });

  it('shows a name without invisible characters or runs of spaces, keeping accents and emoji', () => {
    expect(cleanGuestName('  Marie \t  Curie ')).toBe('Marie Curie');
    expect(cleanGuestName('Ma\u200Brie\u202E')).toBe('Marie');
    expect(cleanGuestName('Mari\u0065\u0301')).toBe('Marié');
    expect(cleanGuestName('Léa 👩‍🔬')).toBe('Léa 👩‍🔬');
  });

  it('numbers the second and later people to take a name, within the length limit', () => {
    expect(nthGuestName('Marie', 1)).toBe('Marie');
    expect(nthGuestName('Marie', 2)).toBe('Marie (2)');
    expect(nthGuestName('Marie', 12)).toBe('Marie (12)');
    const long = 'é'.repeat(LIMITS.displayNameMax);
    const second = nthGuestName(long, 2);
    expect(second.length).toBeLessThanOrEqual(LIMITS.displayNameMax);
    expect(second).toBe(`${'é'.repeat(LIMITS.displayNameMax - 4)} (2)`);
    // An emoji is kept whole or dropped whole.
    expect(nthGuestName(`${'a'.repeat(34)}👩‍🔬`, 2)).toBe(`${'a'.repeat(34)} (2)`);
  });

  it('accepts a name that is visible once cleaned, and no longer than the limit', () => {
    expect(guestNameSchema.parse('  Marie  ')).toBe('Marie');
    expect(guestNameSchema.safeParse('\u200B \u202E').success).toBe(false);
    expect(guestNameSchema.safeParse('a'.repeat(LIMITS.displayNameMax + 1)).success).toBe(false);
    expect(guestNameSchema.safeParse(`${'a'.repeat(LIMITS.displayNameMax)}\u200B\u200B`).success).toBe(true);
  });
});
