import { describe, expect, it } from 'vitest';
import { joinCodeSchema } from '@cocon/shared';
import { normalizeJoinCode } from './joinCode';

describe('normalizeJoinCode', () => {
  it('agrees with the contract schema', () => {
    for (const input of [
      'HORIZON26',
      ' horizon26 ',
      'ab1',
      'ABCD',
      'ABCDEFGHIJKL',
      'ABCDEFGHIJKLM',
      'HOR-26',
      'ÉCOLE1',
      '',
    ]) {
      const parsed = joinCodeSchema.safeParse(input);
      expect(normalizeJoinCode(input), input).toBe(parsed.success ? parsed.data : null);
    }
  });
});
