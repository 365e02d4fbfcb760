import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectPlanFormat, parsePlan } from './detect.js';
import { parseHorizonPlan } from './horizon2026.js';
import { parseMauriciePlan } from './mauricie2017.js';

// The repository is /work/main and the seeds /work/shared/seeds: five levels up from this folder.
const seed = (name: string) =>
  readFileSync(new URL(`../../../../../shared/seeds/${name}`, import.meta.url), 'utf8');
const horizon = seed('concertation-horizon-action-plan-2026.txt');
const mauricie = seed('mauricie-action-plan-2017-2020.txt');

describe('detectPlanFormat', () => {
  it('recognizes both plan seeds by their table header', () => {
    expect(detectPlanFormat(horizon)).toBe('horizon-2026');
    expect(detectPlanFormat(mauricie)).toBe('mauricie-2017');
  });

  it('tolerates CRLF line endings', () => {
    expect(detectPlanFormat(horizon.replace(/\n/g, '\r\n'))).toBe('horizon-2026');
    expect(detectPlanFormat(mauricie.replace(/\n/g, '\r\n'))).toBe('mauricie-2017');
  });

  it('recognizes no plan in the other seeds or in empty text', () => {
    for (const name of [
      'concertation-horizon-mandate.txt',
      'forum-ouvert-press-release-2022.txt',
      'tour-du-quebec-2014-2015.txt',
    ])
      expect(detectPlanFormat(seed(name))).toBeNull();
    expect(detectPlanFormat('')).toBeNull();
  });
});

describe('parsePlan', () => {
  it('imports each seed with its own parser', () => {
    expect(parsePlan(horizon)).toEqual(parseHorizonPlan(horizon));
    expect(parsePlan(mauricie)).toEqual(parseMauriciePlan(mauricie));
  });

  it('imports the same plan from CRLF text', () => {
    expect(parsePlan(horizon.replace(/\n/g, '\r\n'))).toEqual(parseHorizonPlan(horizon));
  });

  it('throws a clear error for an unknown format', () => {
    expect(() => parsePlan(seed('concertation-horizon-mandate.txt'))).toThrow(/Unknown plan format/);
    expect(() => parsePlan('')).toThrow(/Objectifs spécifiques/);
  });
});
