import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ProposalDiff,
  ProposalFieldsView,
  ProposalHistoryEntry,
  ProposalVersionSummary,
} from '@cocon/shared';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import type { ClientErrorCode } from '../api/http';
import { proposalApi } from './api';
import { describePath } from './fieldPaths';
import { formatDateTime } from './format';

const HISTORY_ACTIONS = [
  'create',
  'submit',
  'request_changes',
  'adopt',
  'decline',
  'reopen',
  'restore',
] as const;

/**
 * Versions (named and automatic), comparison of two versions or a version and now, restore,
 * and the audit trail (who did what, when and why).
 */
export function HistoryPanel({
  proposalId,
  share,
  versions,
  canWrite,
  frozen,
  signedIn,
  view,
  history,
  onOpenVersion,
  onVersionsChanged,
}: {
  proposalId: string;
  share: string | null;
  versions: ProposalVersionSummary[];
  canWrite: boolean;
  frozen: boolean;
  signedIn: boolean;
  view: ProposalFieldsView | null;
  /** The audit trail, newest first (null while loading; accounts only). */
  history: ProposalHistoryEntry[] | null;
  onOpenVersion: (version: ProposalVersionSummary) => void;
  onVersionsChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('current');
  const [diff, setDiff] = useState<ProposalDiff | null>(null);
  const fromId = from || versions[0]?.id || '';

  const guard = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorCodeOf(e));
    } finally {
      setBusy(false);
    }
  }, []);

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    const value = name.trim();
    if (!value) return;
    void guard(async () => {
      await proposalApi.saveVersion(proposalId, value);
      setName('');
      setStatus(t('proposals.versionSaved', { name: value }));
      onVersionsChanged();
    });
  };

  const onCompare = (event: FormEvent) => {
    event.preventDefault();
    if (!fromId) return;
    void guard(async () => {
      setDiff(await proposalApi.diff(proposalId, fromId, to, share));
    });
  };

  const onRestore = (version: ProposalVersionSummary) => {
    if (!window.confirm(t('proposals.confirmRestore', { name: version.name }))) return;
    void guard(async () => {
      await proposalApi.restore(proposalId, version.id);
      setStatus(t('proposals.restored', { name: version.name }));
      onVersionsChanged();
    });
  };

  return (
    <section className="history-panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('proposals.versions')}</h2>
      {canWrite && (
        <form className="inline-form" onSubmit={onSave}>
          <label htmlFor={`${id}-name`}>{t('proposals.versionName')}</label>
          <div className="inline-form-row">
            <input
              id={`${id}-name`}
              className="input"
              value={name}
              maxLength={120}
              placeholder={t('proposals.versionNamePlaceholder')}
              onChange={(e) => setName(e.target.value)}
            />
            <button
              type="submit"
              className="button button-secondary button-small"
              disabled={busy || !name.trim()}
            >
              {t('proposals.saveVersion')}
            </button>
          </div>
        </form>
      )}
      <ErrorMessage code={error} />
      <p className="form-status" role="status">
        {status}
      </p>
      {versions.length === 0 ? (
        <p className="empty small">{t('proposals.noVersions')}</p>
      ) : (
        <ul className="version-list" data-testid="version-list">
          {versions.map((version) => (
            <li key={version.id} className="version">
              <div>
                <span className="version-name">{version.name}</span>{' '}
                {version.auto && <span className="chip">{t('proposals.autoVersion')}</span>}
                <p className="comment-meta">
                  {version.createdByName} · {formatDateTime(version.createdAt, i18n.language)} ·{' '}
                  {t(`proposals.status_${version.status}`)}
                </p>
              </div>
              <div className="version-tools">
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => onOpenVersion(version)}
                  aria-label={t('proposals.openVersionNamed', { name: version.name })}
                >
                  {t('proposals.openVersion')}
                </button>
                {canWrite && (
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    disabled={busy || frozen}
                    title={frozen ? t('proposals.restoreFrozen') : undefined}
                    onClick={() => onRestore(version)}
                    aria-label={t('proposals.restoreNamed', { name: version.name })}
                  >
                    {t('proposals.restore')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {frozen && canWrite && <p className="hint">{t('proposals.restoreFrozen')}</p>}

      {versions.length > 0 && (
        <form className="compare-form" onSubmit={onCompare}>
          <h3>{t('proposals.compare')}</h3>
          <div className="field-row">
            <div className="field grow">
              <label htmlFor={`${id}-from`}>{t('proposals.compareFrom')}</label>
              <select
                id={`${id}-from`}
                className="select"
                value={fromId}
                onChange={(e) => setFrom(e.target.value)}
              >
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field grow">
              <label htmlFor={`${id}-to`}>{t('proposals.compareTo')}</label>
              <select id={`${id}-to`} className="select" value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="current">{t('proposals.currentVersion')}</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" className="button button-secondary button-small" disabled={busy}>
            {t('proposals.compareButton')}
          </button>
        </form>
      )}
      {diff && <DiffView diff={diff} view={view} />}

      {signedIn && (
        <>
          <h2 className="history-heading">{t('proposals.auditTitle')}</h2>
          {history === null ? (
            <p className="muted small">{t('app.loading')}</p>
          ) : history.length === 0 ? (
            <p className="empty small">{t('proposals.noHistory')}</p>
          ) : (
            <ol className="audit-list" data-testid="audit-list">
              {history.map((entry, index) => {
                const action = entry.action.replace(/^proposal:/, '');
                const known = (HISTORY_ACTIONS as readonly string[]).includes(action);
                const reason = typeof entry.details.reason === 'string' ? entry.details.reason : '';
                return (
                  <li key={`${entry.at}-${index}`} className="audit-entry">
                    <p>
                      <strong>
                        {known
                          ? t(`proposals.history_${action as (typeof HISTORY_ACTIONS)[number]}`)
                          : action}
                      </strong>
                      {' — '}
                      {entry.actorName}
                    </p>
                    <p className="comment-meta">{formatDateTime(entry.at, i18n.language)}</p>
                    {reason && <p className="quote small">{t('proposals.reasonIs', { reason })}</p>}
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

export function DiffView({ diff, view }: { diff: ProposalDiff; view: ProposalFieldsView | null }) {
  const { t } = useTranslation();
  const fields = diff.fields.filter((f) => !f.path.endsWith('.position') || f.change === 'changed');
  return (
    <div className="diff" aria-live="polite" data-testid="diff">
      <h3>{t('proposals.diffTitle', { from: diff.from.name, to: diff.to.name })}</h3>
      {fields.length === 0 && diff.text.length === 0 && (
        <p className="empty small">{t('proposals.noDifference')}</p>
      )}
      {fields.length > 0 && (
        <ul className="diff-fields">
          {fields.map((f) => (
            <li key={f.path} className={`diff-field is-${f.change}`}>
              <p className="diff-path">
                {describePath(f.path, view, t)}{' '}
                <span className="chip">{t(`proposals.change_${f.change}`)}</span>
              </p>
              {f.before !== null && f.before !== '' && (
                <p className="diff-before">
                  <span className="visually-hidden">{t('proposals.before')} </span>
                  <del>{f.before}</del>
                </p>
              )}
              {f.after !== null && f.after !== '' && (
                <p className="diff-after">
                  <span className="visually-hidden">{t('proposals.after')} </span>
                  <ins>{f.after}</ins>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {diff.text.map((part) => (
        <div key={part.fragment} className="diff-text">
          <h4>{t(part.fragment === 'context' ? 'proposals.context' : 'proposals.description')}</h4>
          <p className="diff-segments">
            {part.segments.map((segment, i) =>
              segment.kind === 'added' ? (
                <ins key={i}>{segment.text}</ins>
              ) : segment.kind === 'removed' ? (
                <del key={i}>{segment.text}</del>
              ) : (
                <span key={i}>{segment.text}</span>
              ),
            )}
          </p>
        </div>
      ))}
    </div>
  );
}
