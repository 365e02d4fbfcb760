import { describe, expect, it } from 'vitest';
import { excerpt, formatCountdown, relativeTime } from './format';

describe('formatCountdown', () => {
  it('formats minutes and hours, rounding up', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(5 * 60_000)).toBe('5:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});

describe('relativeTime', () => {
  const now = 1_700_000_000_000;
  it('is null under a minute', () => {
    expect(relativeTime(now - 30_000, now, 'fr')).toBeNull();
  });
  it('speaks French and English', () => {
    expect(relativeTime(now - 5 * 60_000, now, 'fr')).toBe('il y a 5 minutes');
    expect(relativeTime(now - 2 * 3600_000, now, 'en')).toBe('2 hours ago');
  });
});

describe('excerpt', () => {
  it('keeps short texts and cuts long ones on a word', () => {
    expect(excerpt('  Un   jardin\ncommunautaire ', 80)).toBe('Un jardin communautaire');
    expect(excerpt('Transport collectif vers les écoles secondaires', 25)).toBe('Transport collectif vers…');
  });
});
