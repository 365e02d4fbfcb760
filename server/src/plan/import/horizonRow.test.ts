import { describe, expect, it } from 'vitest';
import { rowActions } from './horizonRow.js';

const summary = (moyens: string, indicators: string, timeline: string) =>
  rowActions(moyens, indicators, timeline, 9).map((action) => ({
    text: action.text,
    timeline: action.timeline,
    indicators: action.indicators.map((indicator) => indicator.text),
  }));

describe('rowActions', () => {
  it('gives one action per Moyens item, each with the row line', () => {
    const actions = rowActions('→ A → B', '→ I', '2026', 12);
    expect(actions.map((action) => [action.text, action.line])).toEqual([
      ['A', 12],
      ['B', 12],
    ]);
    expect(actions.flatMap((action) => action.indicators.map((indicator) => indicator.line))).toEqual([
      12, 12,
    ]);
  });

  it('pairs timelines and indicators one-to-one when the timeline cell lists one per action', () => {
    expect(
      summary('→ Lancement → Diffusion', '→ Nouveau site → 10 Infolettres', '→ Hiver 2026 → En continu'),
    ).toEqual([
      { text: 'Lancement', timeline: 'Hiver 2026', indicators: ['Nouveau site'] },
      { text: 'Diffusion', timeline: 'En continu', indicators: ['10 Infolettres'] },
    ]);
  });

  it('pairs timelines but shares indicators when only the timelines line up', () => {
    expect(summary('→ A → B', '→ I → J → K', '<p>En continu</p> <p>2026</p>')).toEqual([
      { text: 'A', timeline: 'En continu', indicators: ['I', 'J', 'K'] },
      { text: 'B', timeline: '2026', indicators: ['I', 'J', 'K'] },
    ]);
  });

  it('shares indicators and timeline when the timeline is not itemized per action', () => {
    expect(summary('→ A → B', '→ Participation → Pertinence', '2026')).toEqual([
      { text: 'A', timeline: '2026', indicators: ['Participation', 'Pertinence'] },
      { text: 'B', timeline: '2026', indicators: ['Participation', 'Pertinence'] },
    ]);
  });

  it('joins several timeline items given to a single action', () => {
    expect(summary('→ Intégration', '→ 1 rencontre', '→ Une rencontre → En continu')).toEqual([
      { text: 'Intégration', timeline: 'Une rencontre; En continu', indicators: ['1 rencontre'] },
    ]);
  });

  it('keeps an empty timeline empty', () => {
    expect(summary('→ A', '→ I', '')).toEqual([{ text: 'A', timeline: '', indicators: ['I'] }]);
  });

  it('gives shared indicators to each action as separate objects', () => {
    const [first, second] = rowActions('→ A → B', '→ I', '2026', 3);
    expect(first?.indicators[0]).toEqual(second?.indicators[0]);
    expect(first?.indicators[0]).not.toBe(second?.indicators[0]);
  });
});
