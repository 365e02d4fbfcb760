import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  initProposalFields,
  newBudgetLine,
  newObjective,
  proposalFieldsProblem,
  proposalMaps,
  readProposalFields,
} from '@cocon/shared';
import { SchemaGuard } from './schemaGuard.js';

/** A writer's copy of `live`, and the update of what `change` does to it. */
function writerUpdate(live: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const writer = new Y.Doc();
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(live));
  const before = Y.encodeStateVector(writer);
  change(writer);
  return Y.encodeStateAsUpdate(writer, before);
}

describe('the structured fields schema, guarding writers', () => {
  const fresh = () => {
    const live = new Y.Doc();
    initProposalFields(live, 'Frigos', 'LOGEMENT');
    return { live, guard: new SchemaGuard(live, proposalFieldsProblem) };
  };

  it('lets well-formed edits through', () => {
    const { live, guard } = fresh();
    const update = writerUpdate(live, (doc) => {
      proposalMaps(doc).objectives.push([newObjective({ text: 'Réduire', actions: [{ text: 'Agir' }] })]);
      proposalMaps(doc).budget.push([newBudgetLine({ label: 'Achat', amountRequested: 100 })]);
      (proposalMaps(doc).fields.get('title') as Y.Text).insert(0, 'Des ');
    });
    expect(guard.apply(update, null)).toBeNull();
    expect(readProposalFields(live).title).toBe('Des Frigos');
    expect(readProposalFields(live).objectives[0]?.actions[0]?.text).toBe('Agir');
  });

  it('refuses a number pushed into objectives, and the live document never sees it', () => {
    const { live, guard } = fresh();
    const bad = writerUpdate(live, (doc) => doc.getArray('objectives').push([42]));
    expect(guard.apply(bad, null)).toMatch(/objectives\[0\] must be a map/);
    expect(proposalMaps(live).objectives.length).toBe(0);
    // The guard recovers: a good edit after the refused one goes through.
    const good = writerUpdate(live, (doc) =>
      proposalMaps(doc).objectives.push([newObjective({ text: 'Ok' })]),
    );
    expect(guard.apply(good, null)).toBeNull();
    expect(readProposalFields(live).objectives.map((o) => o.text)).toEqual(['Ok']);
  });

  it('refuses wrong kinds deeper down, unknown fields and unknown roots', () => {
    const cases: [string, (doc: Y.Doc) => void, RegExp][] = [
      [
        'a title as a plain string',
        (doc) => doc.getMap('fields').set('title', 'texte'),
        /fields.title must be a text/,
      ],
      [
        'a string action',
        (doc) => {
          const objective = newObjective({ text: 'O' });
          proposalMaps(doc).objectives.push([objective]);
          (objective.get('actions') as Y.Array<unknown>).push(['action']);
        },
        /actions\[0\] must be a map/,
      ],
      ['an unknown field', (doc) => doc.getMap('fields').set('evil', 1), /fields.evil is not a field/],
      ['an unknown root', (doc) => doc.getMap('evil').set('x', 1), /evil is not part of a proposal/],
      [
        'a territory set to something else than true',
        (doc) => (proposalMaps(doc).fields.get('territories') as Y.Map<unknown>).set('mrc-1', 'oui'),
        /territories holds a bad entry/,
      ],
    ];
    for (const [what, change, problem] of cases) {
      const { live, guard } = fresh();
      const before = Y.encodeStateAsUpdate(live);
      expect(guard.apply(writerUpdate(live, change), null), what).toMatch(problem);
      expect(Y.encodeStateAsUpdate(live), what).toEqual(before);
    }
  });

  it('follows changes made to the live document by others', () => {
    const { live, guard } = fresh();
    proposalMaps(live).objectives.push([newObjective({ text: 'Du serveur' })]);
    const update = writerUpdate(live, (doc) => {
      const text = proposalMaps(doc).objectives.get(0).get('text') as Y.Text;
      text.insert(text.length, ' et du client');
    });
    expect(guard.apply(update, null)).toBeNull();
    expect(readProposalFields(live).objectives[0]?.text).toBe('Du serveur et du client');
  });

  it('never throws on a document a faulty client broke before the guard existed', () => {
    const broken = new Y.Doc();
    initProposalFields(broken, 'Ancienne');
    broken.getArray('objectives').push([42, 'texte']);
    proposalMaps(broken).objectives.push([newObjective({ text: 'Gardé' })]);
    expect(readProposalFields(broken).objectives.map((o) => o.text)).toEqual(['Gardé']);
  });
});
