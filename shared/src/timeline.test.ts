import { describe, expect, it } from 'vitest';
import { parseTimeline, timelineYears } from './timeline.js';

describe('timelines (échéanciers)', () => {
  it('reads the forms plans use', () => {
    expect(parseTimeline('2026')).toEqual({ kind: 'year', year: 2026 });
    expect(parseTimeline('2025-2026')).toEqual({ kind: 'range', from: 2025, to: 2026 });
    expect(parseTimeline('2025 – 2027')).toEqual({ kind: 'range', from: 2025, to: 2027 });
    expect(parseTimeline('Hiver 2026')).toEqual({ kind: 'season', season: 'hiver', year: 2026 });
    expect(parseTimeline('été 2025')).toEqual({ kind: 'season', season: 'été', year: 2025 });
    expect(parseTimeline('En continu')).toEqual({ kind: 'ongoing' });
    expect(parseTimeline('Poursuite en 2026')).toEqual({ kind: 'year', year: 2026 });
  });

  it('keeps anything else as text, and nothing for blanks', () => {
    expect(parseTimeline('Au besoin')).toEqual({ kind: 'text', text: 'Au besoin' });
    expect(parseTimeline('2027-2025')).toEqual({ kind: 'text', text: '2027-2025' });
    expect(parseTimeline('   ')).toBeNull();
  });

  it('lists the years a timeline touches', () => {
    expect(timelineYears(parseTimeline('2025-2027'))).toEqual([2025, 2026, 2027]);
    expect(timelineYears(parseTimeline('Automne 2026'))).toEqual([2026]);
    expect(timelineYears(parseTimeline('En continu'))).toEqual([]);
  });
});
