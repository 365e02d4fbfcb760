import * as Y from 'yjs';

/**
 * The shape a proposal's structured-fields document must keep (`proposal-fields:<id>`, written
 * by the clients themselves). The server applies a writer's update to a shadow copy, checks it
 * here, and only then to the live document: an update that breaks the shape (a number pushed
 * into `objectives`, a string where a text belongs) is refused and reaches nobody.
 */

type Rule =
  | { kind: 'text' }
  | { kind: 'id' }
  | { kind: 'number'; nullable: boolean }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; of: MapShape; max: number };
type MapShape = Record<string, Rule>;

const text: Rule = { kind: 'text' };
const id: Rule = { kind: 'id' };
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const indicator: MapShape = {
  id,
  kind: { kind: 'enum', values: ['quantitative', 'qualitative'] },
  target: { kind: 'number', nullable: true },
  unit: text,
  statement: text,
};
const action: MapShape = { id, text, timeline: text, indicators: { kind: 'list', of: indicator, max: 50 } };
const objective: MapShape = { id, text, actions: { kind: 'list', of: action, max: 100 } };
const partner: MapShape = { id, name: text };
const cofinancing: MapShape = { id, source: text, amount: { kind: 'number', nullable: false } };
const budgetLine: MapShape = {
  id,
  label: text,
  amountRequested: { kind: 'number', nullable: false },
  year: { kind: 'number', nullable: true },
  cofinancing: { kind: 'list', of: cofinancing, max: 50 },
};
const ROOT_LISTS: Record<string, { of: MapShape; max: number }> = {
  objectives: { of: objective, max: 100 },
  partners: { of: partner, max: 200 },
  budget: { of: budgetLine, max: 200 },
};
const ROOTS = new Set(['fields', ...Object.keys(ROOT_LISTS)]);

function checkValue(rule: Rule, value: unknown, path: string): string | null {
  switch (rule.kind) {
    case 'text':
      return value instanceof Y.Text ? null : `${path} must be a text`;
    case 'id':
      return typeof value === 'string' && ID_PATTERN.test(value) ? null : `${path} must be an id`;
    case 'number':
      if (value === null && rule.nullable) return null;
      return typeof value === 'number' && Number.isFinite(value) ? null : `${path} must be a number`;
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value)
        ? null
        : `${path} is not one of its values`;
    case 'list':
      return value instanceof Y.Array ? checkList(value, rule.of, rule.max, path) : `${path} must be a list`;
  }
}

function checkMap(map: unknown, shape: MapShape, path: string): string | null {
  if (!(map instanceof Y.Map)) return `${path} must be a map`;
  for (const [key, value] of map.entries()) {
    const rule = shape[key];
    if (!rule) return `${path}.${key} is not a field`;
    const problem = checkValue(rule, value, `${path}.${key}`);
    if (problem) return problem;
  }
  return null;
}

function checkList(list: Y.Array<unknown>, shape: MapShape, max: number, path: string): string | null {
  if (list.length > max) return `${path} holds more than ${max} entries`;
  let index = 0;
  for (const item of list) {
    const problem = checkMap(item, shape, `${path}[${index}]`);
    if (problem) return problem;
    index += 1;
  }
  return null;
}

/** The first way the document breaks the structured-fields shape, or null when it keeps it. */
export function proposalFieldsProblem(doc: Y.Doc): string | null {
  for (const name of doc.share.keys()) {
    if (!ROOTS.has(name)) return `${name} is not part of a proposal`;
  }
  // getMap / getArray give a root its type (a root first seen in an update has none yet) and
  // throw when it was made another type.
  let fields: Y.Map<unknown>;
  try {
    fields = doc.getMap('fields');
  } catch {
    return 'fields must be a map';
  }
  {
    for (const [key, value] of fields.entries()) {
      if (key === 'theme') {
        if (typeof value !== 'string' || value.length > 200) return 'fields.theme must be a short string';
      } else if (key === 'territories') {
        if (!(value instanceof Y.Map)) return 'fields.territories must be a map';
        if (value.size > 500) return 'fields.territories holds too many entries';
        for (const [territoryId, chosen] of value.entries()) {
          if (!ID_PATTERN.test(territoryId) || chosen !== true) return 'fields.territories holds a bad entry';
        }
      } else if (key === 'title' || key === 'generalObjective' || key === 'leadOrganization') {
        if (!(value instanceof Y.Text)) return `fields.${key} must be a text`;
      } else {
        return `fields.${key} is not a field`;
      }
    }
  }
  for (const [name, { of, max }] of Object.entries(ROOT_LISTS)) {
    let list: Y.Array<unknown>;
    try {
      list = doc.getArray(name);
    } catch {
      return `${name} must be a list`;
    }
    const problem = checkList(list, of, max, name);
    if (problem) return problem;
  }
  return null;
}
