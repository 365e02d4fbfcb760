import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PlanSummary } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { planApi, type ImportReport } from './api';
import { knownReason } from './importReasons';
import { useOrgPath } from '../org/useOrgPath';

const COUNT_KEYS = ['themes', 'objectives', 'actions', 'indicators', 'timelines'] as const;

/**
 * Import a plan written as text (the 2026 Horizon tables, the 2017-2020 Mauricie plan): a dry
 * run first shows what was recognized and every line that was not, then the import itself.
 */
export function PlanImport({ plans }: { plans: PlanSummary[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inOrg = useOrgPath();
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [target, setTarget] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [missingFile, setMissingFile] = useState(false);

  const reset = () => {
    setReport(null);
    setError(null);
  };

  const onFile = async (file: File | undefined) => {
    reset();
    setText(null);
    setFileName(file?.name ?? '');
    if (!file) return;
    setMissingFile(false);
    setText(await file.text());
  };

  const send = async (dryRun: boolean, skipErrors: boolean) => {
    if (text === null) {
      setMissingFile(true);
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await planApi.import(text, { dryRun, skipErrors, planId: target || null });
      if (!dryRun && result.written && result.planId) {
        void navigate(inOrg(`/plans/${result.planId}`));
        return;
      }
      setReport(result);
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

  const onAnalyze = (event: FormEvent) => {
    event.preventDefault();
    void send(true, false);
  };

  const unrecognized = report?.unrecognized ?? [];
  return (
    <section className="card plan-import" aria-labelledby={`${id}-title`} data-testid="plan-import">
      <h2 id={`${id}-title`}>{t('plan.importTitle')}</h2>
      <p className="muted">{t('plan.importIntro')}</p>
      <form onSubmit={onAnalyze} noValidate>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('plan.importFile')}</label>
          <input
            ref={fileRef}
            id={`${id}-file`}
            className="input"
            type="file"
            accept=".txt,text/plain"
            onChange={(e) => void onFile(e.target.files?.[0])}
            aria-describedby={`${id}-file-hint`}
            aria-invalid={missingFile}
          />
          <p id={`${id}-file-hint`} className="hint">
            {t('plan.importFileHint')}
          </p>
          {missingFile && (
            <p className="form-error" role="alert">
              {t('plan.importNoFile')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-target`}>{t('plan.importInto')}</label>
          <select
            id={`${id}-target`}
            className="select"
            value={target}
            onChange={(e) => {
              setTarget(e.target.value);
              reset();
            }}
          >
            <option value="">{t('plan.importNewPlan')}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        {/* The server answers "invalid" when it recognizes neither plan format. */}
        {error === 'invalid' ? (
          <p className="form-error" role="alert">
            {t('plan.importUnreadable')}
          </p>
        ) : (
          <ErrorMessage code={error} />
        )}
        <button type="submit" className="button button-secondary" disabled={busy}>
          {busy && !report ? t('plan.analyzing') : t('plan.analyze')}
        </button>
      </form>

      {report && (
        <div className="plan-import-report" data-testid="import-report" aria-live="polite">
          <h3>{t('plan.reportTitle', { file: fileName })}</h3>
          <p>
            {t('plan.reportFound', { title: report.title })}{' '}
            <span className="muted small">({t(`plan.format_${report.format}`)})</span>
          </p>
          <dl className="plan-counts">
            {COUNT_KEYS.map((key) => (
              <div key={key} data-testid={`count-${key}`}>
                <dt>{t(`plan.count_${key}`)}</dt>
                <dd>{report.counts[key]}</dd>
              </div>
            ))}
          </dl>
          {unrecognized.length === 0 ? (
            <p className="form-status">{t('plan.allRecognized')}</p>
          ) : (
            <>
              <h4 className="plan-unrecognized-title">
                {t('plan.unrecognized', { count: unrecognized.length })}
              </h4>
              <ol className="plan-unrecognized" data-testid="unrecognized">
                {unrecognized.map((u) => (
                  <li key={`${u.line}:${u.text}`}>
                    <span className="plan-line-number">{t('plan.lineNumber', { line: u.line })}</span>{' '}
                    <q className="plan-line-text">
                      <LineText text={u.text} />
                    </q>{' '}
                    <ReasonText reason={u.reason} />
                  </li>
                ))}
              </ol>
            </>
          )}
          <div className="plan-import-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy || unrecognized.length > 0}
              aria-describedby={unrecognized.length > 0 ? `${id}-blocked` : undefined}
              onClick={() => void send(false, false)}
            >
              {t('plan.importNow')}
            </button>
            {unrecognized.length > 0 && (
              <button
                type="button"
                className="button button-secondary"
                disabled={busy}
                onClick={() => void send(false, true)}
              >
                {t('plan.importSkipping')}
              </button>
            )}
          </div>
          {unrecognized.length > 0 && (
            <p id={`${id}-blocked`} className="hint">
              {t('plan.importBlocked')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/** The line as written, its tabs (the table's cell separators) made visible. */
function LineText({ text }: { text: string }) {
  const { t } = useTranslation();
  const cells = text.split('\t');
  return cells.map((cell, i) => (
    <span key={i}>
      {i > 0 && (
        <abbr className="plan-tab-mark" title={t('plan.tabMark')}>
          ⇥
        </abbr>
      )}
      {cell}
    </span>
  ));
}

/** Why a line was not recognized, in the interface's language when the explanation is known. */
function ReasonText({ reason }: { reason: string }) {
  const { t } = useTranslation();
  const known = knownReason(reason);
  let text: ReactNode = <span lang="en">{reason}</span>;
  if (known && 'values' in known) text = t('plan.reason_cells', known.values);
  else if (known) text = t(`plan.${known.key}`);
  return <span className="muted small">— {text}</span>;
}
