import { PLAN_TITLE_MAX } from '@cocon/shared';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PlanView } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { Dialog } from '../components/Dialog';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { planApi } from './api';
import { useOrgPath } from '../org/useOrgPath';

type Done = 'renamed' | 'archived' | 'unarchived';

/**
 * Facilitators' plan management: rename (dialog), archive or unarchive, delete (confirmation
 * dialog; a plan whose fund has a consultation round cannot be deleted, only archived).
 */
export function PlanManage({ plan, onChanged }: { plan: PlanView; onChanged: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inOrg = useOrgPath();
  const id = useId();
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const [title, setTitle] = useState(plan.title);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const archived = plan.archived === true;

  const open = (which: 'rename' | 'delete') => {
    setError(null);
    setDone(null);
    if (which === 'rename') setTitle(plan.title);
    setDialog(which);
  };

  const update = async (body: { title?: string; archived?: boolean }, outcome: Done) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await planApi.update(plan.id, body);
      setDialog(null);
      setDone(outcome);
      onChanged();
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

  const onRename = (event: FormEvent) => {
    event.preventDefault();
    const next = title.trim();
    if (!next) return;
    if (next === plan.title) setDialog(null);
    else void update({ title: next }, 'renamed');
  };

  const onDelete = async () => {
    setBusy(true);
    setError(null);
    try {
      await planApi.remove(plan.id);
      void navigate(inOrg('/plans'), { replace: true });
    } catch (err) {
      setError(errorCodeOf(err));
      setBusy(false);
    }
  };

  return (
    <section className="card plan-manage" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('plan.manage')}</h2>
      <div className="plan-manage-buttons">
        <button type="button" className="button button-secondary button-small" onClick={() => open('rename')}>
          {t('plan.rename')}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={busy}
          aria-describedby={`${id}-archive-hint`}
          onClick={() => void update({ archived: !archived }, archived ? 'unarchived' : 'archived')}
        >
          {archived ? t('plan.unarchive') : t('plan.archive')}
        </button>
        <button
          type="button"
          className="button button-quiet button-small danger"
          onClick={() => open('delete')}
        >
          {t('plan.delete')}
        </button>
      </div>
      <p id={`${id}-archive-hint`} className="hint">
        {archived ? t('plan.unarchiveHint') : t('plan.archiveHint')}
      </p>
      <p className="form-status" role="status">
        {done && t(`plan.done_${done}`)}
      </p>
      {dialog === null && <ErrorMessage code={error} />}

      <Dialog open={dialog === 'rename'} onClose={() => setDialog(null)} labelledBy={`${id}-rename-title`}>
        <form className="dialog-body" onSubmit={onRename}>
          <h2 id={`${id}-rename-title`}>{t('plan.renameTitle')}</h2>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('plan.planTitle')}</label>
            <input
              id={`${id}-name`}
              className="input"
              value={title}
              maxLength={PLAN_TITLE_MAX}
              required
              onChange={(e) => setTitle(e.target.value)}
              autoFocus
            />
          </div>
          <ErrorMessage code={error} />
          <div className="dialog-actions">
            <button type="button" className="button button-quiet" onClick={() => setDialog(null)}>
              {t('plan.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={busy || !title.trim()}>
              {busy ? t('plan.saving') : t('plan.renameSave')}
            </button>
          </div>
        </form>
      </Dialog>

      <Dialog open={dialog === 'delete'} onClose={() => setDialog(null)} labelledBy={`${id}-delete-title`}>
        <div className="dialog-body">
          <h2 id={`${id}-delete-title`}>{t('plan.deleteTitle')}</h2>
          <p>{t('plan.deleteWarning', { title: plan.title })}</p>
          <p className="muted">{t('plan.deleteIrreversible')}</p>
          {error === 'in_use' ? (
            <p className="form-error" role="alert">
              {t('plan.deleteInUse')}
            </p>
          ) : (
            <ErrorMessage code={error} />
          )}
          <div className="dialog-actions">
            {/* Cancel first and focused: the safe choice is the default one. */}
            <button type="button" className="button button-quiet" onClick={() => setDialog(null)} autoFocus>
              {t('plan.cancel')}
            </button>
            {error === 'in_use' && !archived ? (
              <button
                type="button"
                className="button button-secondary"
                disabled={busy}
                onClick={() => void update({ archived: true }, 'archived')}
              >
                {t('plan.archiveInstead')}
              </button>
            ) : (
              <button
                type="button"
                className="button button-danger"
                disabled={busy || error === 'in_use'}
                onClick={() => void onDelete()}
              >
                {busy ? t('plan.deleting') : t('plan.deleteConfirm')}
              </button>
            )}
          </div>
        </div>
      </Dialog>
    </section>
  );
}
