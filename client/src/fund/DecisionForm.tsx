import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FUND_LIMITS, type RoundView, type ScenarioView } from '@cocon/shared';
import { ApiRequestError, type ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { fundApi } from './api';
import { formatCents } from './money';
import { scenarioName, type Names } from './names';
import { ViolationsList } from './ViolationsList';

/** The decision: one scenario and its justification (the round must be closed). */
export function DecisionForm({
  round,
  scenarios,
  names,
  onDecided,
}: {
  round: RoundView;
  scenarios: ScenarioView[];
  names: Names;
  onDecided: (round: RoundView) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const usable = scenarios.filter((s) => s.error === null);
  const [scenarioId, setScenarioId] = useState(() => usable.find((s) => s.violations.length === 0)?.id ?? '');
  const [justification, setJustification] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  /** The scenario the server refused because it breaks rules. */
  const [refused, setRefused] = useState<ScenarioView | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!scenarioId || !justification.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    setRefused(null);
    try {
      onDecided(await fundApi.decide(round.id, { scenarioId, justification: justification.trim() }));
    } catch (err) {
      const chosen = usable.find((s) => s.id === scenarioId);
      if (err instanceof ApiRequestError && err.code === 'conflict' && chosen && chosen.violations.length > 0)
        setRefused(chosen);
      else setError(errorCodeOf(err));
      setBusy(false);
    }
  };

  return (
    <form
      className="card fund-decision-form"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby={`${id}-h`}
    >
      <h3 id={`${id}-h`}>{t('fund.decide')}</h3>
      <p className="hint">{t('fund.decideHint')}</p>
      <fieldset className="fund-fieldset">
        <legend>{t('fund.chooseScenario')}</legend>
        {usable.map((s) => (
          <label key={s.id} className="checkbox fund-scenario-choice">
            <input
              type="radio"
              name={`${id}-scenario`}
              checked={scenarioId === s.id}
              onChange={() => setScenarioId(s.id)}
            />{' '}
            <span>
              {scenarioName(s, t)} — {formatCents(s.totalCents, i18n.language)}
              <span className={`small fund-check-meta ${s.violations.length > 0 ? 'fund-bad' : 'fund-good'}`}>
                {s.violations.length > 0
                  ? t('fund.violationsCount', { count: s.violations.length })
                  : t('fund.allRulesMet')}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-why`}>{t('fund.justification')}</label>
        <textarea
          id={`${id}-why`}
          className="input"
          rows={4}
          maxLength={FUND_LIMITS.justificationMax}
          value={justification}
          aria-invalid={missing && !justification.trim()}
          aria-describedby={`${id}-why-hint`}
          onChange={(e) => setJustification(e.target.value)}
        />
        <p id={`${id}-why-hint`} className="hint">
          {t('fund.justificationHint')}
        </p>
      </div>
      {missing && (
        <p className="form-error" role="alert">
          {t('fund.decisionMissing')}
        </p>
      )}
      {refused !== null && (
        <div role="alert" data-testid="decision-refused">
          <p className="form-error">{t('fund.decisionRefused')}</p>
          <ViolationsList violations={refused.violations} names={names} />
        </div>
      )}
      <ErrorMessage code={error} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('fund.recordDecision')}
      </button>
    </form>
  );
}
