import { diffWords } from 'diff';
import type { ProposalFieldsView, TextFragmentName } from '@cocon/shared';

/** One changed field between two versions, by a stable path (ids, not positions). */
export interface FieldChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before: string | null;
  after: string | null;
}

export interface TextChange {
  fragment: TextFragmentName;
  segments: { kind: 'same' | 'added' | 'removed'; text: string }[];
}

/** Flattens the structured fields into path -> printable value. */
export function flattenFields(fields: ProposalFieldsView): Map<string, string> {
  const flat = new Map<string, string>();
  flat.set('title', fields.title);
  flat.set('theme', fields.theme);
  flat.set('generalObjective', fields.generalObjective);
  flat.set('leadOrganization', fields.leadOrganization);
  flat.set('territories', fields.territories.join(', '));
  fields.objectives.forEach((objective, oi) => {
    const o = `objectives.${objective.id}`;
    flat.set(`${o}.text`, objective.text);
    flat.set(`${o}.position`, String(oi + 1));
    objective.actions.forEach((action, ai) => {
      const a = `${o}.actions.${action.id}`;
      flat.set(`${a}.text`, action.text);
      flat.set(`${a}.timeline`, action.timeline);
      flat.set(`${a}.position`, String(ai + 1));
      for (const indicator of action.indicators) {
        const i = `${a}.indicators.${indicator.id}`;
        flat.set(`${i}.kind`, indicator.kind);
        flat.set(`${i}.target`, indicator.target === null ? '' : String(indicator.target));
        flat.set(`${i}.unit`, indicator.unit);
        flat.set(`${i}.statement`, indicator.statement);
      }
    });
  });
  for (const partner of fields.partners) flat.set(`partners.${partner.id}.name`, partner.name);
  for (const line of fields.budget) {
    const b = `budget.${line.id}`;
    flat.set(`${b}.label`, line.label);
    flat.set(`${b}.amountRequested`, String(line.amountRequested));
    for (const c of line.cofinancing) {
      flat.set(`${b}.cofinancing.${c.id}.source`, c.source);
      flat.set(`${b}.cofinancing.${c.id}.amount`, String(c.amount));
    }
  }
  return flat;
}

/** Exactly the fields that differ: a new item lists its fields as added, a removed one as removed. */
export function diffFields(before: ProposalFieldsView, after: ProposalFieldsView): FieldChange[] {
  const a = flattenFields(before);
  const b = flattenFields(after);
  const changes: FieldChange[] = [];
  for (const [path, value] of a) {
    if (!b.has(path)) changes.push({ path, change: 'removed', before: value, after: null });
    else if (b.get(path) !== value)
      changes.push({ path, change: 'changed', before: value, after: b.get(path)! });
  }
  for (const [path, value] of b) {
    if (!a.has(path)) changes.push({ path, change: 'added', before: null, after: value });
  }
  return changes;
}

export function diffText(
  before: Record<TextFragmentName, string>,
  after: Record<TextFragmentName, string>,
): TextChange[] {
  return (['context', 'description'] as const)
    .filter((fragment) => before[fragment] !== after[fragment])
    .map((fragment) => ({
      fragment,
      segments: diffWords(before[fragment], after[fragment]).map((part) => ({
        kind: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const),
        text: part.value,
      })),
    }));
}
