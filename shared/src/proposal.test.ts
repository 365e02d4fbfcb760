import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { foldForSearch } from './search.js';
import {
  fragmentText,
  initProposalFields,
  newBudgetLine,
  newObjective,
  proposalMaps,
  readProposalFields,
} from './proposal.js';

describe('proposal documents', () => {
  it('read structured fields into plain values', () => {
    const doc = new Y.Doc();
    initProposalFields(doc, 'Frigos communautaires', 'SÉCURITÉ ALIMENTAIRE');
    const { objectives, budget, fields } = proposalMaps(doc);
    objectives.push([
      newObjective({
        text: 'Réduire le gaspillage',
        actions: [
          { text: 'Installer 5 frigos', timeline: 'Hiver 2026', indicators: [{ target: 5, unit: 'frigos' }] },
        ],
      }),
    ]);
    budget.push([
      newBudgetLine({
        label: 'Achat',
        amountRequested: 12000,
        cofinancing: [{ source: 'Ville', amount: 3000 }],
      }),
    ]);
    (fields.get('territories') as Y.Map<true>).set('mrc-roussillon', true);
    const view = readProposalFields(doc);
    expect(view).toMatchObject({
      title: 'Frigos communautaires',
      theme: 'SÉCURITÉ ALIMENTAIRE',
      territories: ['mrc-roussillon'],
    });
    expect(view.objectives[0]?.actions[0]).toMatchObject({
      text: 'Installer 5 frigos',
      parsedTimeline: { kind: 'season', season: 'hiver', year: 2026 },
      indicators: [{ kind: 'quantitative', target: 5, unit: 'frigos' }],
    });
    expect(view.budget[0]?.cofinancing[0]).toMatchObject({ source: 'Ville', amount: 3000 });
  });

  it('merge two people typing in one objective at once', () => {
    const a = new Y.Doc();
    initProposalFields(a, 'T');
    proposalMaps(a).objectives.push([newObjective({ text: 'Objectif' })]);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    (proposalMaps(a).objectives.get(0).get('text') as Y.Text).insert(8, ' commun');
    (proposalMaps(b).objectives.get(0).get('text') as Y.Text).insert(0, 'Notre ');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readProposalFields(a).objectives[0]?.text).toBe('Notre Objectif commun');
    expect(readProposalFields(b)).toEqual(readProposalFields(a));
  });

  it('turn rich text into plain lines', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('context');
    const p1 = new Y.XmlElement('paragraph');
    p1.insert(0, [new Y.XmlText('Premier paragraphe')]);
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const p2 = new Y.XmlElement('paragraph');
    p2.insert(0, [new Y.XmlText('un point')]);
    item.insert(0, [p2]);
    list.insert(0, [item]);
    fragment.insert(0, [p1, list]);
    expect(fragmentText(fragment)).toBe('Premier paragraphe\nun point');
  });

  it('fold accents and case for search', () => {
    expect(foldForSearch('  Sécurité   ALIMENTAIRE ')).toBe('securite alimentaire');
    expect(foldForSearch('L’été')).toBe("l'ete");
  });
});
