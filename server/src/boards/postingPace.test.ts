import { describe, expect, it } from 'vitest';
import { LocalPostingPace } from './postingPace.js';

describe('a board’s posting pace on one instance', () => {
  it('lets a person post once per pace, tells the others how long to wait, and is per board and person', async () => {
    const pace = new LocalPostingPace();
    expect(await pace.claim('b1', 'ana', 30, 1_000)).toBe(0);
    expect(await pace.claim('b1', 'ana', 30, 11_000)).toBe(20_000);
    expect(await pace.claim('b1', 'ben', 30, 11_000)).toBe(0);
    expect(await pace.claim('b2', 'ana', 30, 11_000)).toBe(0);
    expect(await pace.claim('b1', 'ana', 30, 31_000)).toBe(0);
  });

  it('gives a claim back when the post was refused for another reason', async () => {
    const pace = new LocalPostingPace();
    expect(await pace.claim('b1', 'ana', 30, 0)).toBe(0);
    await pace.release('b1', 'ana');
    expect(await pace.claim('b1', 'ana', 30, 1)).toBe(0);
  });
});
