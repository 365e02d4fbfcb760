import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanSummary } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { planApi } from '../plan/api';
import { currentPlan, periodText } from '../plan/planModel';

/**
 * The adoption dialog's form: which plan the adopted proposal rolls into (the organisation's
 * non-archived plans, the current one preselected) and an optional comment.
 */
export function AdoptForm({
  titleId,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  titleId: string;
  busy: boolean;
  error: ClientErrorCode | null;
  onCancel: () => void;
  /** Adopts; answers the error code when the server refused. */
  onConfirm: (planId: string | null, reason: string) => Promise<ClientErrorCode | null>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const year = new Date().getFullYear();
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [loadError, setLoadError] = useState<ClientErrorCode | null>(null);
  const [choice, setChoice] = useState('');
  const [reason, setReason] = useState('');
  const current = plans ? currentPlan(plans, year) : null;

  // Loads on opening, and again when the chosen plan turned out archived or deleted meanwhile.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let alive = true;
    planApi
      .list()
      .then((list) => {
        if (!alive) return;
        const open = list.filter((plan) => !plan.archived);
        setPlans(open);
        setLoadError(null);
        setChoice((chosen) =>
          open.some((plan) => plan.id === chosen) ? chosen : (currentPlan(open, year)?.id ?? ''),
        );
      })
      .catch((err: unknown) => {
        if (alive) setLoadError(errorCodeOf(err));
      });
    return () => {
      alive = false;
    };
  }, [attempt, year]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const failed = await onConfirm(choice || null, reason.trim());
    if (failed === 'not_found' || failed === 'conflict') setAttempt((n) => n + 1);
  };

  const loading = plans === null && loadError === null;
  return (
    <form className="dialog-body" onSubmit={(e) => void onSubmit(e)}>
      <h2 id={titleId}>{t('proposals.adoptTitle')}</h2>
      <p className="muted">{t('proposals.adoptHelp')}</p>
      {loading && (
        <p aria-busy="true" role="status">
          {t('proposals.adoptPlansLoading')}
        </p>
      )}
      {loadError !== null && (
        <>
          <ErrorMessage code={loadError} />
          <p className="hint">{t('proposals.adoptPlansFailed')}</p>
        </>
      )}
      {plans?.length === 0 && <p className="notice">{t('proposals.adoptNoPlan', { year })}</p>}
      {plans !== null && plans.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-plan`}>{t('proposals.adoptPlan')}</label>
          <select
            id={`${id}-plan`}
            className="select"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            aria-describedby={`${id}-plan-hint`}
            // Arrives after the dialog opened: take focus unless a comment is already being typed.
            autoFocus={reason === ''}
          >
            {plans.map((plan) => (
              <option key={plan.id} value={plan.id}>
                {t(plan.id === current?.id ? 'proposals.adoptPlanCurrent' : 'proposals.adoptPlanOption', {
                  title: plan.title,
                  period: periodText(plan),
                })}
              </option>
            ))}
          </select>
          <p id={`${id}-plan-hint`} className="hint">
            {t('proposals.adoptPlanHint')}
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('proposals.adoptReason')}</label>
        <textarea
          id={`${id}-reason`}
          className="input"
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <ErrorMessage code={error} />
      {(error === 'not_found' || error === 'conflict') && (
        <p className="hint">{t('proposals.adoptPlanGone')}</p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('proposals.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy || loading}>
          {t('proposals.confirm_adopt')}
        </button>
      </div>
    </form>
  );
}
