import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  cashFlow,
  checkAllocation,
  projectCap,
  type FundView,
  type RoundView,
  type ScenarioView,
  type Violation,
} from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { CashFlowTable } from './CashFlowTable';
import { fundApi } from './api';
import { centsToInput, formatCents, parseDollars } from './money';
import type { Names } from './names';
import { ViolationsList } from './ViolationsList';

/**
 * The rules the client can check alone as amounts are typed (budget, caps, minimum); the server
 * checks every rule (floors, envelopes, earmarks, cash flow) when the scenario is saved.
 */
export function quickCheck(round: RoundView, allocation: Map<string, number>): Violation[] {
  const out: Violation[] = [];
  const total = [...allocation.values()].reduce((a, b) => a + b, 0);
  if (total > round.budgetCents)
    out.push({ code: 'over_budget', subject: '', actualCents: total, limitCents: round.budgetCents });
  for (const p of round.projects) {
    const cents = allocation.get(p.id) ?? 0;
    const cap = projectCap(p, round.rules);
    if (cents > cap) out.push({ code: 'above_cap', subject: p.id, actualCents: cents, limitCents: cap });
    if (cents > 0 && cents < round.rules.minPerProjectCents)
      out.push({
        code: 'below_minimum',
        subject: p.id,
        actualCents: cents,
        limitCents: round.rules.minPerProjectCents,
      });
  }
  return out;
}

/** Facilitators' own allocation, starting from any scenario, saved to compare with the others. */
export function CustomScenarioEditor({
  round,
  fund,
  from,
  fromName,
  names,
  onSaved,
  onCancel,
}: {
  round: RoundView;
  /** With the fund, every rule is checked as amounts are typed (earlier rounds' projects aside). */
  fund: FundView | null;
  from: ScenarioView;
  fromName: string;
  names: Names;
  onSaved: (scenario: ScenarioView) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [name, setName] = useState(() => t('fund.customFrom', { name: fromName }));
  const [amounts, setAmounts] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      round.projects.map((p) => [
        p.id,
        centsToInput(from.allocations.find((a) => a.projectId === p.id)?.cents ?? 0, lang),
      ]),
    ),
  );
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a scenario further down: bring the editor into view and start there.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [from.id]);

  const parsed = useMemo(
    () => new Map(round.projects.map((p) => [p.id, parseDollars(amounts[p.id] ?? '')])),
    [amounts, round.projects],
  );
  const unreadable = [...parsed.values()].some((v) => v === null);
  const allocation = new Map([...parsed].map(([k, v]) => [k, v ?? 0]));
  const total = [...allocation.values()].reduce((a, b) => a + b, 0);
  const ctx = fund && {
    budgetCents: round.budgetCents,
    projects: round.projects,
    rules: round.rules,
    fund,
    earlier: [],
    decidedByYear: fund.decidedByYear,
  };
  const violations = ctx ? checkAllocation(allocation, ctx) : quickCheck(round, allocation);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (unreadable || !name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await fundApi.saveScenario(round.id, {
          name: name.trim(),
          allocations: round.projects.map((p) => ({ projectId: p.id, cents: allocation.get(p.id) ?? 0 })),
        }),
      );
    } catch (err) {
      setError(errorCodeOf(err));
      setBusy(false);
    }
  };

  return (
    <form
      className="card fund-custom"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby={`${id}-h`}
    >
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('fund.customTitle')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('fund.scenarioName')}</label>
        <input
          id={`${id}-name`}
          className="input"
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <ul className="fund-custom-rows">
        {round.projects.map((p) => (
          <li key={p.id} className="field fund-custom-row">
            <label htmlFor={`${id}-${p.id}`}>{p.title}</label>
            <input
              id={`${id}-${p.id}`}
              className="input"
              inputMode="decimal"
              value={amounts[p.id] ?? ''}
              aria-invalid={parsed.get(p.id) === null}
              aria-describedby={`${id}-${p.id}-cap`}
              onChange={(e) => setAmounts((a) => ({ ...a, [p.id]: e.target.value }))}
            />
            <span id={`${id}-${p.id}-cap`} className="hint">
              {t('fund.capIs', { amount: formatCents(projectCap(p, round.rules), lang) })}
            </span>
          </li>
        ))}
      </ul>
      <p aria-live="polite">
        {t('fund.customTotal', {
          total: formatCents(total, lang),
          budget: formatCents(round.budgetCents, lang),
        })}
      </p>
      <div aria-live="polite">
        <ViolationsList violations={violations} names={names} />
        <p className="hint">{ctx ? t('fund.customCheckFullHint') : t('fund.customCheckHint')}</p>
      </div>
      {ctx && (
        <div className="fund-narrow">
          <CashFlowTable
            rows={cashFlow(allocation, round.projects, fund, fund.decidedByYear)}
            caption={t('fund.cashFlowOf', { name })}
          />
        </div>
      )}
      <ErrorMessage code={error} />
      <div className="fund-line-actions">
        <button type="submit" className="button button-primary" disabled={busy || unreadable || !name.trim()}>
          {t('fund.saveScenario')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('fund.cancel')}
        </button>
      </div>
    </form>
  );
}
