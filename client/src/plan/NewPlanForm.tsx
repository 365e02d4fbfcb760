import { PLAN_TITLE_MAX } from '@cocon/shared';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PlanSummary } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { planApi } from './api';
import { useOrgPath } from '../org/useOrgPath';

/** A new plan for a period, optionally carrying over the unfinished actions of another. */
export function NewPlanForm({ plans }: { plans: PlanSummary[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inOrg = useOrgPath();
  const id = useId();
  const year = new Date().getFullYear();
  const [title, setTitle] = useState(() => t('plan.defaultTitle', { year: year + 1 }));
  const [from, setFrom] = useState(String(year + 1));
  const [to, setTo] = useState(String(year + 1));
  const [carry, setCarry] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [periodError, setPeriodError] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const periodFrom = Number(from);
    const periodTo = Number(to);
    const validYear = (y: number) => Number.isInteger(y) && y >= 2000 && y <= 2100;
    if (!validYear(periodFrom) || !validYear(periodTo) || periodFrom > periodTo) {
      setPeriodError(true);
      return;
    }
    setPeriodError(false);
    if (!title.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const plan = await planApi.create({
        title: title.trim(),
        periodFrom,
        periodTo,
        ...(carry ? { carryOverFrom: carry } : {}),
      });
      void navigate(inOrg(`/plans/${plan.id}`));
    } catch (err) {
      setError(errorCodeOf(err));
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('plan.newPlan')}</h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('plan.planTitle')}</label>
          <input
            id={`${id}-name`}
            className="input"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={PLAN_TITLE_MAX}
            required
          />
        </div>
        <fieldset className="field" aria-describedby={periodError ? `${id}-period-error` : undefined}>
          <legend>{t('plan.periodLegend')}</legend>
          <div className="inline-form-row">
            <label htmlFor={`${id}-from`}>{t('plan.periodFrom')}</label>
            <input
              id={`${id}-from`}
              className="input input-number"
              inputMode="numeric"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              aria-invalid={periodError}
            />
            <label htmlFor={`${id}-to`}>{t('plan.periodTo')}</label>
            <input
              id={`${id}-to`}
              className="input input-number"
              inputMode="numeric"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              aria-invalid={periodError}
            />
          </div>
          {periodError && (
            <p id={`${id}-period-error`} className="form-error" role="alert">
              {t('plan.periodInvalid')}
            </p>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-carry`}>{t('plan.carryOver')}</label>
          <select
            id={`${id}-carry`}
            className="select"
            value={carry}
            onChange={(e) => setCarry(e.target.value)}
            aria-describedby={`${id}-carry-hint`}
          >
            <option value="">{t('plan.carryNone')}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
          <p id={`${id}-carry-hint`} className="hint">
            {t('plan.carryHint')}
          </p>
        </div>
        <ErrorMessage code={error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('plan.creating') : t('plan.create')}
        </button>
      </form>
    </section>
  );
}
