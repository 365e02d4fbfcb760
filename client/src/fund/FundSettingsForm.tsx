import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FUND_LIMITS, newId, type FundSettingsBody, type FundView, type PartnerView } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { errorCodeOf, FormErrors } from '../components/ErrorMessage';
import { FilterSelect } from '../components/FilterSelect';
import { TextField } from '../components/TextField';
import { useLookups } from '../plan/lookups';
import { fundApi } from './api';
import { centsToInput, parseDollars, parseWhole } from './money';

interface ContributionDraft {
  id: string;
  partnerId: string;
  year: number;
  amount: string;
  earmarkTheme: string;
  earmarkMrc: string;
}
interface KeyedAmount {
  rowId: string;
  key: string;
  amount: string;
}

export interface FundDefaults {
  title: string;
  startYear: number;
}

/**
 * The fund's settings (facilitators): years, contributions per partner and year (amounts in
 * dollars, sent in cents), optional earmarks, theme envelopes and MRC floors. Creates the fund
 * when there is none (PUT creates or replaces).
 */
export function FundSettingsForm({
  planId,
  fund,
  defaults,
  partners,
  themes,
  onSaved,
}: {
  planId: string;
  fund: FundView | null;
  defaults: FundDefaults;
  partners: PartnerView[];
  themes: string[];
  onSaved: (fund: FundView) => void;
}) {
  const { t, i18n } = useTranslation();
  const { territories, territoryName } = useLookups();
  const id = useId();
  const lang = i18n.language;
  const [title, setTitle] = useState(fund?.title ?? defaults.title);
  const [startYear, setStartYear] = useState(String(fund?.startYear ?? defaults.startYear));
  const [years, setYears] = useState(String(fund?.years ?? 5));
  const [rows, setRows] = useState<ContributionDraft[]>(
    () =>
      fund?.contributions.map((c) => ({
        id: c.id,
        partnerId: c.partnerId,
        year: c.year,
        amount: centsToInput(c.amountCents, lang),
        earmarkTheme: c.earmarkTheme ?? '',
        earmarkMrc: c.earmarkMrc ?? '',
      })) ?? [],
  );
  const [envelopes, setEnvelopes] = useState<KeyedAmount[]>(
    () =>
      fund?.themeEnvelopes.map((e) => ({
        rowId: newId(8),
        key: e.theme,
        amount: centsToInput(e.amountCents, lang),
      })) ?? [],
  );
  const [floors, setFloors] = useState<KeyedAmount[]>(
    () =>
      fund?.mrcFloors.map((f) => ({
        rowId: newId(8),
        key: f.mrcId,
        amount: centsToInput(f.amountCents, lang),
      })) ?? [],
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const start = parseWhole(startYear);
  const count = parseWhole(years);
  const yearList =
    start !== null && count !== null && count >= 1 && count <= FUND_LIMITS.yearsMax
      ? Array.from({ length: count }, (_, i) => start + i)
      : [];

  const patchRow = (rowId: string, patch: Partial<ContributionDraft>) =>
    setRows((list) => list.map((r) => (r.id === rowId ? { ...r, ...patch } : r)));

  const build = (): FundSettingsBody | string => {
    if (!title.trim()) return t('fund.errTitle');
    if (
      start === null ||
      start < 2000 ||
      start > 2100 ||
      count === null ||
      count < 1 ||
      count > FUND_LIMITS.yearsMax
    )
      return t('fund.errYears', { max: FUND_LIMITS.yearsMax });
    const contributions = [];
    for (const [i, r] of rows.entries()) {
      const cents = parseDollars(r.amount);
      if (!r.partnerId) return t('fund.errPartner', { n: i + 1 });
      if (cents === null || cents > FUND_LIMITS.amountMaxCents) return t('fund.errAmount', { n: i + 1 });
      if (!yearList.includes(r.year)) return t('fund.errRowYear', { n: i + 1 });
      contributions.push({
        id: r.id,
        partnerId: r.partnerId,
        year: r.year,
        amountCents: cents,
        earmarkTheme: r.earmarkTheme || null,
        earmarkMrc: r.earmarkMrc || null,
      });
    }
    const keyed = (list: KeyedAmount[], what: string) => {
      const out: { key: string; amountCents: number }[] = [];
      for (const e of list) {
        const cents = parseDollars(e.amount);
        if (!e.key || cents === null) return t('fund.errKeyed', { what });
        if (out.some((o) => o.key === e.key)) return t('fund.errDuplicate', { what: e.key });
        out.push({ key: e.key, amountCents: cents });
      }
      return out;
    };
    const env = keyed(envelopes, t('fund.themeEnvelopes'));
    if (typeof env === 'string') return env;
    const flo = keyed(floors, t('fund.mrcFloors'));
    if (typeof flo === 'string') return flo;
    return {
      title: title.trim(),
      startYear: start,
      years: count,
      contributions,
      themeEnvelopes: env.map((e) => ({ theme: e.key, amountCents: e.amountCents })),
      mrcFloors: flo.map((f) => ({ mrcId: f.key, amountCents: f.amountCents })),
    };
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = build();
    if (typeof body === 'string') {
      setProblem(body);
      return;
    }
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      const next = await fundApi.saveFund(planId, body);
      setSaved(true);
      onSaved(next);
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="fund-settings" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{fund ? t('fund.editSettings') : t('fund.createTitle')}</h2>
      {!fund && <p className="hint">{t('fund.createIntro')}</p>}
      <div className="plan-form-grid fund-grid-3">
        <TextField
          id={`${id}-title`}
          label={t('fund.fundTitle')}
          value={title}
          maxLength={200}
          onChange={setTitle}
        />
        <TextField
          id={`${id}-start`}
          label={t('fund.startYear')}
          className="input input-number"
          inputMode="numeric"
          value={startYear}
          onChange={setStartYear}
        />
        <TextField
          id={`${id}-years`}
          label={t('fund.yearCount')}
          className="input input-number"
          inputMode="numeric"
          value={years}
          onChange={setYears}
        />
      </div>

      <fieldset className="fund-fieldset">
        <legend>{t('fund.contributions')}</legend>
        {rows.length === 0 && <p className="empty small">{t('fund.noContributions')}</p>}
        <ol className="fund-rows">
          {rows.map((row, i) => {
            const n = i + 1;
            return (
              <li key={row.id} className="fund-row" aria-label={t('fund.contributionN', { n })}>
                <FilterSelect
                  id={`${id}-p-${row.id}`}
                  label={t('fund.partner')}
                  allLabel={t('fund.choosePartner')}
                  value={row.partnerId}
                  options={partners.map((p) => ({ value: p.id, label: p.name }))}
                  onChange={(partnerId) => patchRow(row.id, { partnerId })}
                  wrapperClassName="field"
                />
                <div className="field">
                  <label htmlFor={`${id}-y-${row.id}`}>{t('fund.year')}</label>
                  <select
                    id={`${id}-y-${row.id}`}
                    className="select"
                    value={String(row.year)}
                    onChange={(e) => patchRow(row.id, { year: Number(e.target.value) })}
                  >
                    {!yearList.includes(row.year) && <option value={String(row.year)}>{row.year}</option>}
                    {yearList.map((y) => (
                      <option key={y} value={String(y)}>
                        {y}
                      </option>
                    ))}
                  </select>
                </div>
                <TextField
                  id={`${id}-a-${row.id}`}
                  label={t('fund.amountDollars')}
                  inputMode="decimal"
                  value={row.amount}
                  onChange={(amount) => patchRow(row.id, { amount })}
                />
                <FilterSelect
                  id={`${id}-t-${row.id}`}
                  label={t('fund.earmarkTheme')}
                  allLabel={t('fund.noEarmark')}
                  value={row.earmarkTheme}
                  options={themes.map((theme) => ({ value: theme, label: theme }))}
                  onChange={(earmarkTheme) => patchRow(row.id, { earmarkTheme })}
                  wrapperClassName="field"
                />
                <FilterSelect
                  id={`${id}-m-${row.id}`}
                  label={t('fund.earmarkMrc')}
                  allLabel={t('fund.noEarmark')}
                  value={row.earmarkMrc}
                  options={territories.map((m) => ({ value: m.id, label: m.name }))}
                  onChange={(earmarkMrc) => patchRow(row.id, { earmarkMrc })}
                  wrapperClassName="field"
                />
                <button
                  type="button"
                  className="button button-quiet button-small fund-row-remove"
                  aria-label={t('fund.removeContribution', { n })}
                  onClick={() => setRows((list) => list.filter((r) => r.id !== row.id))}
                >
                  {t('fund.remove')}
                </button>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={rows.length >= FUND_LIMITS.contributionsMax}
          onClick={() =>
            setRows((list) => [
              ...list,
              {
                id: newId(12),
                partnerId: list.at(-1)?.partnerId ?? '',
                year: yearList[0] ?? defaults.startYear,
                amount: '',
                earmarkTheme: '',
                earmarkMrc: '',
              },
            ])
          }
        >
          {t('fund.addContribution')}
        </button>
      </fieldset>

      <KeyedAmounts
        legend={t('fund.themeEnvelopes')}
        hint={t('fund.themeEnvelopesHint')}
        keyLabel={t('fund.theme')}
        addLabel={t('fund.addEnvelope')}
        options={themes.map((theme) => ({ value: theme, label: theme }))}
        rows={envelopes}
        onChange={setEnvelopes}
      />
      <KeyedAmounts
        legend={t('fund.mrcFloors')}
        hint={t('fund.mrcFloorsHint')}
        keyLabel={t('fund.mrc')}
        addLabel={t('fund.addFloor')}
        options={territories.map((m) => ({ value: m.id, label: territoryName(m.id) }))}
        rows={floors}
        onChange={setFloors}
      />

      <FormErrors problem={problem} code={error} />
      <p className="form-status" role="status">
        {saved ? t('fund.settingsSaved') : ''}
      </p>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('fund.saving') : fund ? t('fund.saveSettings') : t('fund.createFund')}
      </button>
    </form>
  );
}

/** Rows of "a theme or an MRC, an amount in dollars" (envelopes, floors). */
function KeyedAmounts({
  legend,
  hint,
  keyLabel,
  addLabel,
  options,
  rows,
  onChange,
}: {
  legend: string;
  hint: string;
  keyLabel: string;
  addLabel: string;
  options: { value: string; label: string }[];
  rows: KeyedAmount[];
  onChange: (rows: KeyedAmount[]) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const patch = (rowId: string, p: Partial<KeyedAmount>) =>
    onChange(rows.map((r) => (r.rowId === rowId ? { ...r, ...p } : r)));
  return (
    <fieldset className="fund-fieldset">
      <legend>{legend}</legend>
      <p className="hint">{hint}</p>
      <ul className="fund-rows">
        {rows.map((row, i) => (
          <li key={row.rowId} className="fund-row fund-row-2">
            <FilterSelect
              id={`${id}-k-${row.rowId}`}
              label={keyLabel}
              allLabel={t('fund.choose')}
              value={row.key}
              options={options}
              onChange={(key) => patch(row.rowId, { key })}
              wrapperClassName="field"
            />
            <TextField
              id={`${id}-a-${row.rowId}`}
              label={t('fund.amountDollars')}
              inputMode="decimal"
              value={row.amount}
              onChange={(amount) => patch(row.rowId, { amount })}
            />
            <button
              type="button"
              className="button button-quiet button-small fund-row-remove"
              aria-label={t('fund.removeRow', { what: legend, n: i + 1 })}
              onClick={() => onChange(rows.filter((r) => r.rowId !== row.rowId))}
            >
              {t('fund.remove')}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => onChange([...rows, { rowId: newId(8), key: '', amount: '' }])}
      >
        {addLabel}
      </button>
    </fieldset>
  );
}
