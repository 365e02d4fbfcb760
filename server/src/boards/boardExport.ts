import { stringify } from 'csv-stringify/sync';
import { REACTIONS, REACTION_EMOJI, type BoardView, type IdeaView } from '@cocon/shared';
import { neutralizeFormula as neutralize } from '../util/spreadsheet.js';

/** Board exports for facilitators. Hidden ideas are moderated out and not exported. */

const visible = (board: BoardView) => board.ideas.filter((idea) => !idea.hidden);

const groupName = (board: BoardView, idea: IdeaView): string =>
  board.groups.find((g) => g.id === idea.groupId)?.name ?? '';

export function boardToCsv(board: BoardView): string {
  const header = ['id', 'groupe', 'idée', 'auteur', 'créée', 'votes', ...REACTIONS, 'commentaires'];
  const rows = visible(board).map((idea) => [
    idea.id,
    neutralize(groupName(board, idea)),
    neutralize(idea.text),
    neutralize(idea.authorName ?? 'Anonyme'),
    new Date(idea.createdAt).toISOString(),
    idea.votes,
    ...REACTIONS.map((r) => idea.reactions[r]),
    neutralize(idea.comments.map((c) => `${c.authorName ?? 'Anonyme'}: ${c.text}`).join('\n')),
  ]);
  // A BOM so Excel opens accented French text correctly.
  return '\uFEFF' + stringify([header, ...rows]);
}

const mdEscape = (text: string): string => text.replace(/([\\`*_[\]#<>|])/g, '\\$1').replace(/\n/g, ' ');

export function boardToMarkdown(board: BoardView, forumTitle: string): string {
  const lines: string[] = [`# ${mdEscape(board.meta.title)}`, '', `_${mdEscape(forumTitle)}_`, ''];
  const sections: { title: string; ideas: IdeaView[] }[] = [
    ...board.groups.map((g) => ({ title: g.name, ideas: visible(board).filter((i) => i.groupId === g.id) })),
    {
      title: 'Sans regroupement',
      ideas: visible(board).filter((i) => !board.groups.some((g) => g.id === i.groupId)),
    },
  ];
  for (const section of sections) {
    if (section.ideas.length === 0) continue;
    lines.push(`## ${mdEscape(section.title)}`, '');
    for (const idea of [...section.ideas].sort((a, b) => b.votes - a.votes || a.order - b.order)) {
      const reactions = REACTIONS.filter((r) => idea.reactions[r] > 0)
        .map((r) => `${REACTION_EMOJI[r]} ${idea.reactions[r]}`)
        .join(' ');
      const facts = [
        `${idea.votes} vote${idea.votes === 1 ? '' : 's'}`,
        reactions,
        mdEscape(idea.authorName ?? 'Anonyme'),
      ]
        .filter(Boolean)
        .join(' · ');
      lines.push(`- ${mdEscape(idea.text)} (${facts})`);
      for (const comment of idea.comments) {
        lines.push(`  - ${mdEscape(comment.authorName ?? 'Anonyme')} : ${mdEscape(comment.text)}`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
