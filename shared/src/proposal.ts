import * as Y from 'yjs';
import { newId } from './ids.js';
import { parseTimeline, type Timeline } from './timeline.js';

/**
 * A proposal is two Yjs documents, both co-edited directly by its writers:
 *
 * `proposal-text:<id>`  rich text, bound to Tiptap:  context: Y.XmlFragment, description: Y.XmlFragment
 *
 * `proposal-fields:<id>` the plan's structured fields (read-only for everyone once adopted):
 *   fields:     Y.Map  title: Y.Text, theme: string, generalObjective: Y.Text,
 *                      leadOrganization: Y.Text, territories: Y.Map<territoryId, true>
 *   objectives: Y.Array<Y.Map>  specific objectives, ordered:
 *                 id, text: Y.Text, actions: Y.Array<Y.Map>
 *                   action: id, text: Y.Text, timeline: Y.Text (parsed by parseTimeline),
 *                           indicators: Y.Array<Y.Map>
 *                     indicator: id, kind: 'quantitative'|'qualitative', target: number|null,
 *                                unit: Y.Text, statement: Y.Text
 *   partners:   Y.Array<Y.Map>  id, name: Y.Text
 *   budget:     Y.Array<Y.Map>  id, label: Y.Text, amountRequested: number (dollars),
 *                               year: number | null (the year the money is spent),
 *                               cofinancing: Y.Array<Y.Map> id, source: Y.Text, amount: number
 *
 * Every piece of text is a Y.Text so two people typing in one field merge character by character.
 */

export const TEXT_FRAGMENTS = ['context', 'description'] as const;
export type TextFragmentName = (typeof TEXT_FRAGMENTS)[number];

export interface IndicatorView {
  id: string;
  kind: 'quantitative' | 'qualitative';
  target: number | null;
  unit: string;
  statement: string;
}
export interface ActionView {
  id: string;
  text: string;
  timeline: string;
  parsedTimeline: Timeline | null;
  indicators: IndicatorView[];
}
export interface ObjectiveView {
  id: string;
  text: string;
  actions: ActionView[];
}
export interface CofinancingView {
  id: string;
  source: string;
  amount: number;
}
export interface BudgetLineView {
  id: string;
  label: string;
  amountRequested: number;
  /** The year this money is spent (null: the first year of the fund). */
  year: number | null;
  cofinancing: CofinancingView[];
}
export interface ProposalFieldsView {
  title: string;
  theme: string;
  generalObjective: string;
  leadOrganization: string;
  territories: string[];
  objectives: ObjectiveView[];
  partners: { id: string; name: string }[];
  budget: BudgetLineView[];
}

export const proposalMaps = (doc: Y.Doc) => ({
  fields: doc.getMap<unknown>('fields'),
  objectives: doc.getArray<Y.Map<unknown>>('objectives'),
  partners: doc.getArray<Y.Map<unknown>>('partners'),
  budget: doc.getArray<Y.Map<unknown>>('budget'),
});

const text = (value: unknown): string => (value instanceof Y.Text ? value.toString() : '');
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
/** The maps of an array; anything else a faulty client put there is skipped, never read. */
const arr = (value: unknown): Y.Map<unknown>[] =>
  value instanceof Y.Array
    ? (value.toArray() as unknown[]).filter((item): item is Y.Map<unknown> => item instanceof Y.Map)
    : [];
const idOf = (m: Y.Map<unknown>): string => (typeof m.get('id') === 'string' ? (m.get('id') as string) : '');

function ytext(initial: string): Y.Text {
  const t = new Y.Text();
  if (initial) t.insert(0, initial);
  return t;
}

/** Gives an empty fields document its shared types; leaves an initialized one alone. */
export function initProposalFields(doc: Y.Doc, title: string, theme = ''): void {
  const { fields } = proposalMaps(doc);
  if (fields.has('title')) return;
  doc.transact(() => {
    fields.set('title', ytext(title));
    fields.set('theme', theme);
    fields.set('generalObjective', ytext(''));
    fields.set('leadOrganization', ytext(''));
    fields.set('territories', new Y.Map<true>());
  });
}

export function newIndicator(
  kind: 'quantitative' | 'qualitative' = 'quantitative',
  init: Partial<IndicatorView> = {},
) {
  const m = new Y.Map<unknown>();
  m.set('id', init.id ?? newId());
  m.set('kind', init.kind ?? kind);
  m.set('target', init.target ?? null);
  m.set('unit', ytext(init.unit ?? ''));
  m.set('statement', ytext(init.statement ?? ''));
  return m;
}

export function newAction(
  init: Partial<Omit<ActionView, 'indicators'>> & { indicators?: Partial<IndicatorView>[] } = {},
) {
  const m = new Y.Map<unknown>();
  m.set('id', init.id ?? newId());
  m.set('text', ytext(init.text ?? ''));
  m.set('timeline', ytext(init.timeline ?? ''));
  const indicators = new Y.Array<Y.Map<unknown>>();
  indicators.push((init.indicators ?? []).map((i) => newIndicator(i.kind, i)));
  m.set('indicators', indicators);
  return m;
}

export function newObjective(
  init: { id?: string; text?: string; actions?: Parameters<typeof newAction>[0][] } = {},
) {
  const m = new Y.Map<unknown>();
  m.set('id', init.id ?? newId());
  m.set('text', ytext(init.text ?? ''));
  const actions = new Y.Array<Y.Map<unknown>>();
  actions.push((init.actions ?? []).map((a) => newAction(a)));
  m.set('actions', actions);
  return m;
}

export function newPartner(init: { id?: string; name?: string } = {}) {
  const m = new Y.Map<unknown>();
  m.set('id', init.id ?? newId());
  m.set('name', ytext(init.name ?? ''));
  return m;
}

export function newBudgetLine(
  init: Partial<Omit<BudgetLineView, 'cofinancing'>> & { cofinancing?: Partial<CofinancingView>[] } = {},
) {
  const m = new Y.Map<unknown>();
  m.set('id', init.id ?? newId());
  m.set('label', ytext(init.label ?? ''));
  m.set('amountRequested', init.amountRequested ?? 0);
  m.set('year', init.year ?? null);
  const cofinancing = new Y.Array<Y.Map<unknown>>();
  cofinancing.push((init.cofinancing ?? []).map((c) => newCofinancing(c)));
  m.set('cofinancing', cofinancing);
  return m;
}

export function newCofinancing(init: Partial<CofinancingView> = {}) {
  const m = new Y.Map<unknown>();
  m.set('id', init.id ?? newId());
  m.set('source', ytext(init.source ?? ''));
  m.set('amount', init.amount ?? 0);
  return m;
}

/**
 * Where the proposal has an action with no text (`objectives.0.actions.1.text`): it cannot be
 * submitted or adopted so, since an empty action would become an empty line of the plan.
 */
export function emptyActionPaths(fields: Pick<ProposalFieldsView, 'objectives'>): string[] {
  return fields.objectives.flatMap((objective, o) =>
    objective.actions.flatMap((action, a) =>
      action.text.trim() === '' ? [`objectives.${o}.actions.${a}.text`] : [],
    ),
  );
}

export function readProposalFields(doc: Y.Doc): ProposalFieldsView {
  const { fields, objectives, partners, budget } = proposalMaps(doc);
  const territories = fields.get('territories');
  return {
    title: text(fields.get('title')),
    theme: typeof fields.get('theme') === 'string' ? (fields.get('theme') as string) : '',
    generalObjective: text(fields.get('generalObjective')),
    leadOrganization: text(fields.get('leadOrganization')),
    territories: territories instanceof Y.Map ? [...territories.keys()].sort() : [],
    objectives: arr(objectives).map((o) => ({
      id: idOf(o),
      text: text(o.get('text')),
      actions: arr(o.get('actions')).map((a) => {
        const timeline = text(a.get('timeline'));
        return {
          id: idOf(a),
          text: text(a.get('text')),
          timeline,
          parsedTimeline: parseTimeline(timeline),
          indicators: arr(a.get('indicators')).map((i) => ({
            id: idOf(i),
            kind: i.get('kind') === 'qualitative' ? ('qualitative' as const) : ('quantitative' as const),
            target: typeof i.get('target') === 'number' ? (i.get('target') as number) : null,
            unit: text(i.get('unit')),
            statement: text(i.get('statement')),
          })),
        };
      }),
    })),
    partners: arr(partners).map((p) => ({ id: idOf(p), name: text(p.get('name')) })),
    budget: arr(budget).map((b) => ({
      id: idOf(b),
      label: text(b.get('label')),
      amountRequested: num(b.get('amountRequested')),
      year: typeof b.get('year') === 'number' ? (b.get('year') as number) : null,
      cofinancing: arr(b.get('cofinancing')).map((c) => ({
        id: idOf(c),
        source: text(c.get('source')),
        amount: num(c.get('amount')),
      })),
    })),
  };
}

/** Plain text of a rich-text fragment: blocks separated by newlines. */
export function fragmentText(node: Y.XmlFragment | Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown }[])
      .map((d) => (typeof d.insert === 'string' ? d.insert : ''))
      .join('');
  }
  const children = node.toArray() as (Y.XmlElement | Y.XmlText)[];
  const blocks = children.some((child) => child instanceof Y.XmlElement);
  return children.map((child) => fragmentText(child)).join(blocks ? '\n' : '');
}

export function readProposalText(doc: Y.Doc): Record<TextFragmentName, string> {
  return {
    context: fragmentText(doc.getXmlFragment('context')),
    description: fragmentText(doc.getXmlFragment('description')),
  };
}
