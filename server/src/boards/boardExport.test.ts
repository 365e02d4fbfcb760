import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '@cocon/shared';
import * as m from './boardMutations.js';
import { boardToCsv, boardToMarkdown } from './boardExport.js';

const fac: m.Actor = { id: 'u_fac', name: 'Fanny', role: 'facilitator' };
const boardId = 'b';

function sample() {
  const doc = new Y.Doc();
  m.initBoard(doc, 'Logement');
  m.createGroup(doc, fac, { boardId, groupId: 'g-1', name: 'Abordabilité' });
  m.postIdea(doc, fac, { boardId, ideaId: 'i-1', text: 'Un registre des logements', anonymous: false }, 0);
  m.postIdea(doc, fac, { boardId, ideaId: 'i-2', text: 'Caché', anonymous: false }, 0);
  m.postIdea(doc, fac, { boardId, ideaId: 'i-3', text: 'Coopératives d’habitation', anonymous: false }, 0);
  m.groupIdea(doc, fac, { boardId, ideaId: 'i-3', groupId: 'g-1' });
  m.hideIdea(doc, new Y.Doc(), fac, { boardId, ideaId: 'i-2', reason: 'test' }, 0);
  return readBoard(doc, null);
}

describe('board exports', () => {
  it('write one CSV row per visible idea, with a BOM for spreadsheets', () => {
    const csv = boardToCsv(sample());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(csv).not.toContain('Caché');
    expect(lines[2]).toContain('Abordabilité');
  });

  it('write Markdown sections per cluster, then the ungrouped ideas', () => {
    const md = boardToMarkdown(sample(), 'Forum 2026');
    expect(md.indexOf('## Abordabilité')).toBeLessThan(md.indexOf('## Sans regroupement'));
    expect(md).toContain('- Coopératives d’habitation (0 votes · Fanny)');
    expect(md).not.toContain('Caché');
  });

  it('escape Markdown and neutralise formulas in what participants wrote, their names included', () => {
    const doc = new Y.Doc();
    m.initBoard(doc, 'Logement');
    const guest: m.Actor = { id: 'g', name: '[Cliquez](https://example.org) *vite*', role: 'participant' };
    m.postIdea(doc, guest, { boardId, ideaId: 'i-1', text: '=1+1', anonymous: false }, 0);
    const board = readBoard(doc, null);
    const md = boardToMarkdown(board, 'Forum');
    expect(md).toContain('\\[Cliquez\\](https://example.org) \\*vite\\*');
    expect(boardToCsv(board)).toContain("'=1+1");
  });
});
