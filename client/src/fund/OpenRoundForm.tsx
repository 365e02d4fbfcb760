import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FUND_LIMITS, type AllocationMethod, type FundView, type ProposalSummary } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf, FormErrors } from '../components/ErrorMessage';
import { TextField } from '../components/TextField';
import { useLookups } from '../plan/lookups';
import { fundApi } from './api';
import { parseDollars, parseWhole } from './money';
import { useOrgPath } from '../org/useOrgPath';

/** A consultation round on adopted projects, with its rules (facilitators). */
export function OpenRoundForm({ fund }: { fund: FundView }) {
  const { t } = useTranslation();
  const { territoryName } = useLookups();
  const navigate = useNavigate();
  const inOrg = useOrgPath();
  const id = useId();
  const [projects, setProjects] = useState<ProposalSummary[] | null>(null);
  const [loadError, setLoadError] = useState<ClientErrorCode | null>(null);
  const [title, setTitle] = useState(() => t('fund.defaultRoundTitle', { year: fund.startYear }));
  const [budget, setBudget] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [method, setMethod] = useState<AllocationMethod>('points');
  const [points, setPoints] = useState('100');
  const [min, setMin] = useState('0');
  const [max, setMax] = useState('');
  const [floors, setFloors] = useState(fund.mrcFloors.length > 0);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    fundApi
      .adoptedProposals()
      .then((list) => alive && setProjects(list))
      .catch((err: unknown) => alive && setLoadError(errorCodeOf(err)));
    return () => {
      alive = false;
    };
  }, []);

  const toggle = (projectId: string, on: boolean) =>
    setPicked((set) => {
      const next = new Set(set);
      if (on) next.add(projectId);
      else next.delete(projectId);
      return next;
    });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const budgetCents = parseDollars(budget);
    const minCents = parseDollars(min || '0');
    const maxCents = max.trim() === '' ? null : parseDollars(max);
    const perPartner = parseWhole(points);
    const fail = (message: string) => setProblem(message);
    if (!title.trim()) return fail(t('fund.errTitle'));
    if (budgetCents === null || budgetCents <= 0) return fail(t('fund.errBudget'));
    if (picked.size === 0) return fail(t('fund.errProjects'));
    if (method === 'points' && (perPartner === null || perPartner < 1 || perPartner > FUND_LIMITS.pointsMax))
      return fail(t('fund.errPoints', { max: FUND_LIMITS.pointsMax }));
    if (minCents === null || (max.trim() !== '' && maxCents === null)) return fail(t('fund.errMinMax'));
    if (maxCents !== null && maxCents < minCents) return fail(t('fund.errMinMax'));
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      const round = await fundApi.openRound(fund.id, {
        title: title.trim(),
        budgetCents,
        projectIds: [...picked],
        rules: {
          method,
          pointsPerPartner: method === 'points' ? perPartner! : 100,
          minPerProjectCents: minCents,
          maxPerProjectCents: maxCents,
          applyMrcFloors: floors,
        },
      });
      void navigate(inOrg(`/rounds/${round.id}`));
    } catch (err) {
      setError(errorCodeOf(err));
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby={`${id}-h`}
      className="fund-open-round"
    >
      <h2 id={`${id}-h`}>{t('fund.openRound')}</h2>
      <p className="hint">{t('fund.openRoundHint')}</p>
      <div className="plan-form-grid fund-grid-2">
        <TextField
          id={`${id}-title`}
          label={t('fund.roundTitle')}
          value={title}
          maxLength={200}
          onChange={setTitle}
        />
        <TextField
          id={`${id}-budget`}
          label={t('fund.roundBudget')}
          inputMode="decimal"
          value={budget}
          onChange={setBudget}
        />
      </div>
      <fieldset className="fund-fieldset">
        <legend>{t('fund.roundProjects')}</legend>
        <ErrorMessage code={loadError} />
        {projects === null && !loadError && <p aria-busy="true">{t('app.loading')}</p>}
        {projects?.length === 0 && <p className="empty small">{t('fund.noAdopted')}</p>}
        <ul className="fund-checks">
          {projects?.map((p) => (
            <li key={p.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={picked.has(p.id)}
                  onChange={(e) => toggle(p.id, e.target.checked)}
                />{' '}
                <span>
                  {p.title}
                  <span className="muted small fund-check-meta">
                    {[p.theme, ...p.territories.map(territoryName)].filter(Boolean).join(' · ')}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className="fund-fieldset">
        <legend>{t('fund.method')}</legend>
        <div className="fund-radios">
          {(['points', 'envelope'] as const).map((m) => (
            <label key={m} className="checkbox">
              <input
                type="radio"
                name={`${id}-method`}
                value={m}
                checked={method === m}
                onChange={() => setMethod(m)}
              />{' '}
              <span>
                {t(`fund.method_${m}`)}
                <span className="muted small fund-check-meta">{t(`fund.methodHint_${m}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {method === 'points' && (
          <TextField
            id={`${id}-points`}
            label={t('fund.pointsPerPartner')}
            className="input input-number"
            inputMode="numeric"
            value={points}
            onChange={setPoints}
          />
        )}
      </fieldset>
      <div className="plan-form-grid fund-grid-2">
        <TextField
          id={`${id}-min`}
          label={t('fund.minPerProject')}
          inputMode="decimal"
          value={min}
          onChange={setMin}
        />
        <TextField
          id={`${id}-max`}
          label={t('fund.maxPerProject')}
          inputMode="decimal"
          value={max}
          hint={t('fund.maxHint')}
          onChange={setMax}
        />
      </div>
      <label className="checkbox field">
        <input type="checkbox" checked={floors} onChange={(e) => setFloors(e.target.checked)} />{' '}
        {t('fund.applyFloors')}
      </label>
      <FormErrors problem={problem} code={error} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('fund.opening') : t('fund.openRoundSubmit')}
      </button>
    </form>
  );
}
