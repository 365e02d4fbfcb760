import { describe, expect, it } from 'vitest';
import { availableActions, contentFrozen, proposalActorFor, transition } from './proposalWorkflow.js';

describe('proposal workflow', () => {
  it('goes draft -> submitted -> changes requested -> submitted -> adopted', () => {
    expect(transition('draft', 'submit', 'writer', '')).toEqual({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'request_changes', 'facilitator', 'Préciser les indicateurs')).toEqual({
      ok: true,
      to: 'changes_requested',
    });
    expect(transition('changes_requested', 'submit', 'writer', '')).toEqual({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'adopt', 'facilitator', '')).toEqual({ ok: true, to: 'adopted' });
    expect(transition('adopted', 'reopen', 'facilitator', 'Nouveau partenaire')).toEqual({
      ok: true,
      to: 'draft',
    });
  });

  it('refuses reviews by writers, wrong starting points and missing reasons', () => {
    expect(transition('submitted', 'adopt', 'writer', '')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(transition('draft', 'adopt', 'facilitator', '')).toMatchObject({ ok: false, code: 'conflict' });
    expect(transition('submitted', 'decline', 'facilitator', ' ')).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });

  it('lists what each person can do and freezes the content from submission until changes are requested', () => {
    expect(availableActions('submitted', 'writer')).toEqual([]);
    expect(availableActions('submitted', 'facilitator')).toEqual(['request_changes', 'adopt', 'decline']);
    expect(contentFrozen('adopted')).toBe(true);
    expect(contentFrozen('submitted')).toBe(true);
    expect(contentFrozen('declined')).toBe(true);
    expect(contentFrozen('changes_requested')).toBe(false);
    expect(contentFrozen('draft')).toBe(false);
    expect(proposalActorFor('member', false)).toBe('commenter');
    expect(proposalActorFor('member', true)).toBe('writer');
    expect(proposalActorFor('facilitator', false)).toBe('facilitator');
  });
});
