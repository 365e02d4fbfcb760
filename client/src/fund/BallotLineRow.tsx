import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllocationMethod, BallotLine, RoundProject } from '@cocon/shared';
import { FUND_LIMITS } from '@cocon/shared';
import { isDirty, type AmountCodec, type LineEdit, type LineState } from './ballotModel';
import { formatAmount, formatWhen } from './money';
import { ProjectSummary } from './ProjectSummary';

/**
 * One project of the ballot: an amount, consent or objection (with its reason), saved on its
 * own. The row says whether it is saved, refused (and why) or changed by someone else meanwhile.
 */
export function BallotLineRow({
  project,
  line,
  method,
  codec,
  readOnly,
  onEdit,
  onFocus,
  onSave,
  onReapply,
  onTakeStored,
}: {
  project: RoundProject;
  line: LineState;
  method: AllocationMethod;
  codec: AmountCodec;
  readOnly: boolean;
  onEdit: (edit: LineEdit) => void;
  onFocus: (focused: boolean) => void;
  onSave: () => void;
  onReapply: () => void;
  onTakeStored: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const lang = i18n.language;
  const dirty = isDirty(line, codec);
  const unreadable = codec.parse(line.amountText) === null;
  const show = (l: BallotLine) => formatAmount(l.amount, method, lang);
  const opinionText = (l: BallotLine) =>
    l.opinion ? t(`fund.opinion_${l.opinion}`) : t('fund.opinion_none');
  const errorId = `${id}-error`;

  return (
    <li
      className={`fund-ballot-line fund-line-${line.status}`}
      data-testid="ballot-line"
      data-project={project.id}
    >
      <ProjectSummary project={project} />
      <form
        className="fund-line-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!readOnly) onSave();
        }}
        onFocus={() => onFocus(true)}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onFocus(false);
        }}
      >
        <div className="field fund-line-amount">
          <label htmlFor={`${id}-amount`}>
            {method === 'points' ? t('fund.linePoints') : t('fund.lineDollars')}
          </label>
          <input
            id={`${id}-amount`}
            className="input"
            inputMode={method === 'points' ? 'numeric' : 'decimal'}
            value={line.amountText}
            readOnly={readOnly}
            aria-invalid={unreadable || line.problem === 'over_limit' || line.problem === 'above_cap'}
            aria-describedby={line.status === 'error' ? errorId : undefined}
            onChange={(e) => onEdit({ amountText: e.target.value })}
          />
        </div>
        <fieldset className="fund-opinion" disabled={readOnly}>
          <legend>{t('fund.opinion')}</legend>
          {(['consent', 'objection', null] as const).map((opinion) => (
            <label key={opinion ?? 'none'} className="checkbox">
              <input
                type="radio"
                name={`${id}-opinion`}
                checked={line.opinion === opinion}
                onChange={() => onEdit({ opinion })}
              />{' '}
              {t(`fund.opinion_${opinion ?? 'none'}`)}
            </label>
          ))}
        </fieldset>
        {(line.opinion === 'objection' || line.reason !== '') && (
          <div className="field fund-line-reason">
            <label htmlFor={`${id}-reason`}>
              {line.opinion === 'objection' ? t('fund.reasonRequired') : t('fund.reason')}
            </label>
            <textarea
              id={`${id}-reason`}
              className="input"
              rows={2}
              maxLength={FUND_LIMITS.reasonMax}
              value={line.reason}
              readOnly={readOnly}
              aria-invalid={line.problem === 'reason_required'}
              onChange={(e) => onEdit({ reason: e.target.value })}
            />
          </div>
        )}
        {!readOnly && (
          <div className="fund-line-actions">
            <button
              type="submit"
              className="button button-primary button-small"
              disabled={line.status === 'saving' || unreadable || (!dirty && line.status !== 'error')}
            >
              {line.status === 'saving' ? t('fund.saving') : t('fund.saveLine')}
            </button>
            <span className="fund-line-state small" role="status" data-testid="line-state">
              {line.status === 'saving'
                ? t('fund.lineSaving')
                : line.status === 'saved' && !dirty
                  ? t('fund.lineSaved')
                  : dirty
                    ? t('fund.lineUnsaved')
                    : ''}
            </span>
          </div>
        )}
        {line.status === 'error' && (
          <p className="form-error fund-line-error" role="alert" id={errorId} data-testid="line-error">
            {line.problem ? t(`fund.problem_${line.problem}`) : t(`errors.${line.errorCode ?? 'internal'}`)}
          </p>
        )}
        {line.conflict && (
          <div className="fund-conflict" data-testid="line-conflict">
            <p>
              {t('fund.conflict', {
                name: line.conflict.updatedByName,
                amount: show(line.conflict),
                opinion: opinionText(line.conflict),
              })}
            </p>
            <div className="fund-line-actions">
              <button type="button" className="button button-primary button-small" onClick={onReapply}>
                {t('fund.reapply')}
              </button>
              <button type="button" className="button button-secondary button-small" onClick={onTakeStored}>
                {t('fund.takeStored')}
              </button>
            </div>
          </div>
        )}
        {!line.conflict && line.remote && (
          <div className="fund-conflict fund-remote" role="status">
            <p>
              {t('fund.changedMeanwhile', {
                name: line.remote.updatedByName,
                amount: show(line.remote),
                opinion: opinionText(line.remote),
              })}
            </p>
            <button type="button" className="button button-secondary button-small" onClick={onTakeStored}>
              {t('fund.takeStored')}
            </button>
          </div>
        )}
        {line.base.updatedByName && (
          <p className="muted small fund-line-by" data-testid="line-by">
            {t('fund.lastChange', {
              name: line.base.updatedByName,
              when: formatWhen(line.base.updatedAt, lang),
            })}
          </p>
        )}
      </form>
    </li>
  );
}
