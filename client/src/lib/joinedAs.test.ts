import { describe, expect, it } from 'vitest';
import type { JoinResult } from '@cocon/shared';
import { joinedAsFrom, joinedAsState } from './joinedAs';

const result = (displayName: string, nameChange: JoinResult['nameChange']): JoinResult => ({
  forumId: 'f1',
  nameChange,
  session: {
    csrfToken: 'x',
    user: {
      id: 'g_1',
      kind: 'guest',
      displayName,
      role: null,
      email: null,
      forumId: 'f1',
      organization: null,
      platformOperator: false,
      language: 'fr',
    },
  },
});

describe('the name a guest was given on joining', () => {
  it('is passed to the next page only when it is not the one typed', () => {
    expect(joinedAsState(result('Marie', null))).toBeUndefined();
    expect(joinedAsState(result('marie (2)', 'taken'))).toEqual({
      joinedAs: { name: 'marie (2)', change: 'taken' },
    });
  });

  it('is read back from a router state, and nothing else is', () => {
    expect(joinedAsFrom(joinedAsState(result('Marie (2)', 'restored')))).toEqual({
      name: 'Marie (2)',
      change: 'restored',
    });
    for (const state of [
      null,
      undefined,
      'x',
      {},
      { joinedAs: { name: 'A', change: 'other' } },
      { joinedAs: { change: 'taken' } },
    ])
      expect(joinedAsFrom(state)).toBeNull();
  });
});
