import { describe, expect, it } from 'vitest';
import {
  boardDocName,
  moderationDocName,
  parseDocName,
  proposalFieldsDocName,
  proposalTextDocName,
} from './docNames.js';

describe('document names', () => {
  it('round-trip board and moderation names', () => {
    expect(parseDocName(boardDocName('abc_123'))).toEqual({ kind: 'board', boardId: 'abc_123' });
    expect(parseDocName(moderationDocName('abc-1'))).toEqual({ kind: 'boardModeration', boardId: 'abc-1' });
    expect(parseDocName(proposalTextDocName('p1'))).toEqual({ kind: 'proposalText', proposalId: 'p1' });
    expect(parseDocName(proposalFieldsDocName('p1'))).toEqual({ kind: 'proposalFields', proposalId: 'p1' });
  });

  it('reject anything else', () => {
    for (const name of [
      '',
      'board:',
      'board:../x',
      'board:a/b',
      'proposal:1',
      'board:a:b',
      `board:${'x'.repeat(65)}`,
    ]) {
      expect(parseDocName(name)).toBeNull();
    }
  });
});
