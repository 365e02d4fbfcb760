import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { knownReason } from './importReasons';

describe('knownReason', () => {
  it('recognizes the importers’ explanations', () => {
    expect(knownReason('text outside any theme')).toEqual({ key: 'reason_textOutside' });
    expect(knownReason('row without a moyen')?.key).toBe('reason_noActionCell');
    expect(knownReason('expected 4 tab-separated cells, found 2')).toEqual({
      key: 'reason_cells',
      values: { expected: '4', found: '2' },
    });
  });

  it('leaves unknown explanations alone', () => {
    expect(knownReason('something new')).toBeNull();
  });

  it('has a French and an English text for every key', () => {
    const keys = [
      'reason_cells',
      'reason_generalOutside',
      'reason_rowOutside',
      'reason_noActionCell',
      'reason_noObjectiveAbove',
      'reason_textOutside',
      'reason_textInside',
      'reason_rowBeforeOrientation',
    ] as const;
    for (const key of keys) {
      expect(fr.plan[key]).toBeTruthy();
      expect(en.plan[key]).toBeTruthy();
    }
  });
});
