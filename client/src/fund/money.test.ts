import { describe, expect, it } from 'vitest';
import { centsToInput, formatCents, parseDollars, parseWhole } from './money';

const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  it('formats cents in the current language', () => {
    expect(norm(formatCents(1234567, 'fr'))).toBe('12 345,67 $');
    expect(norm(formatCents(2500000, 'fr'))).toBe('25 000 $');
    expect(formatCents(2500000, 'en')).toBe('$25,000');
  });

  it('reads dollars typed the French or the English way', () => {
    expect(parseDollars('12 345,67')).toBe(1234567);
    expect(parseDollars('12345.67')).toBe(1234567);
    expect(parseDollars('12,345.67')).toBe(1234567);
    expect(parseDollars('25 000 $')).toBe(2500000);
    expect(parseDollars('25,000')).toBe(2500000);
    expect(parseDollars('1.5')).toBe(150);
    expect(parseDollars('0')).toBe(0);
    expect(parseDollars('')).toBeNull();
    expect(parseDollars('-5')).toBeNull();
    expect(parseDollars('abc')).toBeNull();
    expect(parseDollars('1,234,5')).toBeNull();
  });

  it('shows cents in an input and reads whole numbers', () => {
    expect(centsToInput(150, 'fr')).toBe('1,50');
    expect(centsToInput(2500000, 'en')).toBe('25000');
    expect(centsToInput(null, 'fr')).toBe('');
    expect(parseWhole('120')).toBe(120);
    expect(parseWhole('1.5')).toBeNull();
  });
});
