import { describe, expect, it } from 'vitest';
import type { IdeaView } from '@cocon/shared';
import { wallSections } from './wallLayout';

const idea = (n: number, groupId: string | null = null, hidden = false): IdeaView => ({
  id: `i${n}`,
  text: `Idée ${n}`,
  authorId: 'a',
  authorName: null,
  createdAt: n,
  editedAt: null,
  groupId,
  hidden,
  order: n,
  reactions: { like: 0, love: 0, insight: 0, question: 0 },
  myReactions: [],
  votes: 0,
  myVotes: 0,
  comments: [],
  proposalIds: [],
});

describe('wallSections', () => {
  it('shows only the newest ideas that fit, newest first, out of thousands', () => {
    const ideas = Array.from({ length: 2000 }, (_, n) => idea(n));
    const [section, ...rest] = wallSections(ideas, [], 12);
    expect(rest).toEqual([]);
    expect(section?.group).toBeNull();
    expect(section?.total).toBe(2000);
    expect(section?.ideas.map((i) => i.id)).toEqual(Array.from({ length: 12 }, (_, k) => `i${1999 - k}`));
  });

  it('gives each cluster its share, then the ungrouped ideas, and leaves hidden ones out', () => {
    const groups = [
      { id: 'g1', name: 'Mobilité', order: 0 },
      { id: 'g2', name: 'Logement', order: 1 },
    ];
    const ideas = [
      idea(1, 'g1'),
      idea(2, 'g1'),
      idea(3, 'g1'),
      idea(4, null),
      idea(5, 'g2', true),
      idea(6, 'gone'),
    ];
    const sections = wallSections(ideas, groups, 6);
    expect(sections.map((s) => [s.group?.name ?? null, s.ideas.map((i) => i.id), s.total])).toEqual([
      ['Mobilité', ['i3', 'i2'], 3],
      ['Logement', [], 0],
      [null, ['i6', 'i4'], 2],
    ]);
  });
});
