import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readIdea, type GroupRecord, type IdeaView } from '@cocon/shared';
import { NewIdeaAnnouncer } from './announcer';
import { connectionStatus } from './connectionStatus';
import { buildSections } from './sections';

/** An idea as the board store would read it (via the contract's readIdea, so new fields follow). */
function idea(id: string, order: number, patch: Partial<IdeaView> = {}): IdeaView {
  const doc = new Y.Doc();
  const map = new Y.Map<unknown>();
  doc.getMap('ideas').set(id, map);
  for (const [key, value] of Object.entries({
    id,
    text: `Idée ${id}`,
    authorId: 'u1',
    authorName: 'Ana',
    createdAt: order,
    order,
  })) {
    map.set(key, value);
  }
  return { ...readIdea(map, 'u1'), ...patch };
}

describe('buildSections', () => {
  const groups: GroupRecord[] = [
    { id: 'g2', name: 'Logement', order: 2 },
    { id: 'g1', name: 'Transport', order: 1 },
  ].sort((a, b) => a.order - b.order);

  it('lists groups in order then the ungrouped ideas, newest first', () => {
    const sections = buildSections(
      [
        idea('a', 1, { groupId: 'g1' }),
        idea('b', 2),
        idea('c', 3, { groupId: 'g1' }),
        idea('d', 4, { groupId: 'gone' }),
      ],
      groups,
      { includeHidden: false, sort: 'newest' },
    );
    expect(sections.map((s) => s.group?.id ?? null)).toEqual(['g1', 'g2', null]);
    expect(sections[0]?.ideas.map((i) => i.id)).toEqual(['c', 'a']);
    expect(sections[1]?.ideas).toEqual([]);
    expect(sections[2]?.ideas.map((i) => i.id)).toEqual(['d', 'b']);
  });

  it('leaves hidden ideas out for participants only', () => {
    const ideas = [idea('a', 1, { hidden: true }), idea('b', 2)];
    expect(
      buildSections(ideas, [], { includeHidden: false, sort: 'oldest' })[0]?.ideas.map((i) => i.id),
    ).toEqual(['b']);
    expect(
      buildSections(ideas, [], { includeHidden: true, sort: 'oldest' })[0]?.ideas.map((i) => i.id),
    ).toEqual(['a', 'b']);
  });

  it('filters on text and author without caring about accents or case', () => {
    const ideas = [
      idea('a', 1, { text: 'Sécurité alimentaire à l’école' }),
      idea('b', 2, { authorName: 'Élodie' }),
    ];
    const find = (query: string) =>
      buildSections(ideas, [], { includeHidden: false, sort: 'oldest', query })[0]?.ideas.map((i) => i.id);
    expect(find('securite ALIMENTAIRE')).toEqual(['a']);
    expect(find('elodie')).toEqual(['b']);
    expect(find('')).toEqual(['a', 'b']);
    expect(find('transport')).toEqual([]);
  });

  it('sorts by support', () => {
    const ideas = [idea('a', 1, { votes: 1 }), idea('b', 2), idea('c', 3, { votes: 3 })];
    expect(
      buildSections(ideas, [], { includeHidden: false, sort: 'popular' })[0]?.ideas.map((i) => i.id),
    ).toEqual(['c', 'a', 'b']);
  });
});

describe('connectionStatus', () => {
  it('is live only with both links up', () => {
    expect(connectionStatus('connected', 'connected', true)).toBe('live');
    expect(connectionStatus('connected', 'connecting', true)).toBe('reconnecting');
    expect(connectionStatus('disconnected', 'connected', true)).toBe('reconnecting');
    expect(connectionStatus('disconnected', 'disconnected', true)).toBe('offline');
    expect(connectionStatus('connected', 'connected', false)).toBe('offline');
  });
});

describe('NewIdeaAnnouncer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ignores the first snapshot and my own ideas, then throttles', () => {
    const announcer = new NewIdeaAnnouncer(5000, () => Date.now());
    announcer.observe([idea('a', 1)], 'me', false);
    expect(announcer.getSnapshot()).toBeNull();
    announcer.observe([idea('a', 1), idea('b', 2), idea('mine', 3, { authorId: 'me' })], 'me', false);
    expect(announcer.getSnapshot()).toMatchObject({ kind: 'one', text: 'Idée b' });
    announcer.observe([idea('c', 4), idea('d', 5), idea('e', 6, { hidden: true })], 'me', false);
    expect(announcer.getSnapshot()).toMatchObject({ kind: 'one', text: 'Idée b' });
    vi.advanceTimersByTime(5000);
    expect(announcer.getSnapshot()).toMatchObject({ kind: 'many', count: 2 });
    announcer.stop();
  });
});
