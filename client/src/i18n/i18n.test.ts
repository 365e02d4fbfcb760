import { describe, expect, it } from 'vitest';
import { ERROR_CODES, PHASES, REACTIONS } from '@cocon/shared';
import { en } from './en';
import { fr } from './fr';
import { initialLanguage } from './index';

/** "section.key" for every leaf, sorted. */
function keys(catalogue: Record<string, Record<string, string>>): string[] {
  return Object.entries(catalogue)
    .flatMap(([section, entries]) => Object.keys(entries).map((key) => `${section}.${key}`))
    .sort();
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('catalogues', () => {
  it('fr and en have the same keys', () => {
    expect(keys(en)).toEqual(keys(fr));
  });

  it('fr and en use the same placeholders in each string', () => {
    const frFlat = fr as Record<string, Record<string, string>>;
    for (const [section, entries] of Object.entries(en as Record<string, Record<string, string>>)) {
      for (const [key, text] of Object.entries(entries)) {
        expect(placeholders(text), `${section}.${key}`).toEqual(placeholders(frFlat[section]?.[key] ?? ''));
      }
    }
  });

  it('no string is empty', () => {
    for (const catalogue of [fr, en] as Record<string, Record<string, string>>[]) {
      for (const entries of Object.values(catalogue)) {
        for (const text of Object.values(entries)) expect(text.trim()).not.toBe('');
      }
    }
  });

  it('translates every error code, phase and reaction of the contract', () => {
    for (const catalogue of [fr, en]) {
      for (const code of ERROR_CODES) expect(catalogue.errors).toHaveProperty(code);
      for (const phase of PHASES) {
        expect(catalogue.phase).toHaveProperty(phase);
        expect(catalogue.phaseHelp).toHaveProperty(phase);
      }
      for (const reaction of REACTIONS) expect(catalogue.reaction).toHaveProperty(reaction);
    }
  });

  it('plural keys come in _one/_other pairs', () => {
    for (const key of keys(fr)) {
      if (key.endsWith('_one')) expect(keys(fr)).toContain(key.replace(/_one$/, '_other'));
      if (key.endsWith('_other')) expect(keys(fr)).toContain(key.replace(/_other$/, '_one'));
    }
  });
});

describe('initialLanguage', () => {
  it('defaults to French and honours a saved choice', () => {
    expect(initialLanguage(undefined)).toBe('fr');
    expect(initialLanguage({ getItem: () => 'en' })).toBe('en');
    expect(initialLanguage({ getItem: () => 'de' })).toBe('fr');
    expect(
      initialLanguage({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe('fr');
  });
});
