import { describe, expect, it } from 'vitest';
import { PHASES } from './board.js';
import { checkBoardAction, checkVote, PHASE_ACTIONS } from './boardRules.js';

describe('board rules', () => {
  it('lets facilitators do everything in every phase, locked or not', () => {
    for (const phase of PHASES) {
      for (const action of ['post', 'vote', 'comment'] as const) {
        expect(checkBoardAction('facilitator', { phase, locked: true }, action)).toBeNull();
      }
    }
  });

  it('opens to participants only what the phase allows', () => {
    expect(checkBoardAction('participant', { phase: 'collect', locked: false }, 'post')).toBeNull();
    expect(checkBoardAction('participant', { phase: 'collect', locked: false }, 'vote')).toBe('wrong_phase');
    expect(checkBoardAction('participant', { phase: 'vote', locked: false }, 'vote')).toBeNull();
    expect(checkBoardAction('participant', { phase: 'vote', locked: false }, 'post')).toBe('wrong_phase');
    expect(checkBoardAction('participant', { phase: 'discuss', locked: false }, 'comment')).toBeNull();
    expect(PHASE_ACTIONS.closed).toEqual([]);
  });

  it('closes everything to participants while the board is locked', () => {
    expect(checkBoardAction('participant', { phase: 'collect', locked: true }, 'post')).toBe('board_locked');
    expect(checkBoardAction('participant', { phase: 'vote', locked: true }, 'vote')).toBe('board_locked');
  });

  it('counts dots: up to the limit, never below zero on an idea', () => {
    expect(checkVote(3, 2, 0, 1)).toBeNull();
    expect(checkVote(3, 3, 1, 1)).toBe('no_dots_left');
    expect(checkVote(3, 3, 1, -1)).toBeNull();
    expect(checkVote(3, 1, 0, -1)).toBe('invalid');
  });
});
