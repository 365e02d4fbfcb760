import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIONS_NEEDING_REASON, type ProposalAction, type ProposalDetail } from '@cocon/shared';
import { Dialog } from '../components/Dialog';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import type { ClientErrorCode } from '../api/http';
import { AdoptForm } from './AdoptForm';
import { proposalApi } from './api';

/**
 * The review workflow buttons open to the viewer; some ask for a reason first, adoption asks
 * which plan the proposal goes into.
 */
export function WorkflowActions({
  detail,
  onDone,
}: {
  detail: ProposalDetail;
  onDone: (next: ProposalDetail, action: ProposalAction) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [asking, setAsking] = useState<ProposalAction | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (
    action: ProposalAction,
    why: string,
    planId: string | null = null,
  ): Promise<ClientErrorCode | null> => {
    setBusy(true);
    setError(null);
    try {
      const next = await proposalApi.transition(detail.id, action, why, planId);
      setAsking(null);
      setReason('');
      onDone(next, action);
      return null;
    } catch (e) {
      const code = errorCodeOf(e);
      setError(code);
      return code;
    } finally {
      setBusy(false);
    }
  };

  const onClick = (action: ProposalAction) => {
    setError(null);
    if (action === 'adopt' || ACTIONS_NEEDING_REASON.includes(action)) setAsking(action);
    else void run(action, '');
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (asking && reason.trim()) void run(asking, reason.trim());
  };

  if (detail.availableActions.length === 0) return null;
  return (
    <div className="workflow-actions" role="group" aria-label={t('proposals.workflow')}>
      {detail.availableActions.map((action) => (
        <button
          key={action}
          type="button"
          className={`button button-small ${
            action === 'adopt' || action === 'submit' ? 'button-primary' : 'button-secondary'
          }${action === 'decline' ? ' danger' : ''}`}
          disabled={busy}
          onClick={() => onClick(action)}
        >
          {t(`proposals.action_${action}`)}
        </button>
      ))}
      {!asking && <ErrorMessage code={error} />}
      <Dialog open={asking !== null} onClose={() => setAsking(null)} labelledBy={`${id}-title`}>
        {asking === 'adopt' ? (
          <AdoptForm
            titleId={`${id}-title`}
            busy={busy}
            error={error}
            onCancel={() => setAsking(null)}
            onConfirm={(planId, why) => run('adopt', why, planId)}
          />
        ) : (
          <form className="dialog-body" onSubmit={onSubmit}>
            <h2 id={`${id}-title`}>{asking ? t(`proposals.action_${asking}`) : ''}</h2>
            <p className="muted">{asking ? t(`proposals.reasonHelp_${asking as 'decline'}`) : ''}</p>
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t('proposals.reason')}</label>
              <textarea
                id={`${id}-reason`}
                className="input"
                rows={4}
                maxLength={2000}
                value={reason}
                required
                onChange={(e) => setReason(e.target.value)}
                autoFocus
              />
            </div>
            <ErrorMessage code={error} />
            <div className="dialog-actions">
              <button type="button" className="button button-quiet" onClick={() => setAsking(null)}>
                {t('proposals.cancel')}
              </button>
              <button type="submit" className="button button-primary" disabled={busy || !reason.trim()}>
                {asking ? t(`proposals.confirm_${asking as 'decline'}`) : ''}
              </button>
            </div>
          </form>
        )}
      </Dialog>
    </div>
  );
}
