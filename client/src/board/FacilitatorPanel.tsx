import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, PHASES, type Ack, type BoardMeta, type GroupRecord, type HeldRecord } from '@cocon/shared';
import { exportUrl } from '../api/endpoints';
import { Dialog } from '../components/Dialog';
import type { BoardActions } from './actions';
import { GroupManager } from './GroupManager';
import { TimerControls } from './TimerControls';
import { ToolbarMenu } from './ToolbarMenu';
import { useRequestedValue } from './useRequestedValue';

/**
 * The facilitator's toolbar: what is used every minute stays on it (stage, lock, the join code,
 * ideas waiting for approval); the rest opens from a menu (participation, moderation, timer,
 * clusters, export). Every control of the former side panel is here, reachable by keyboard.
 */
export function FacilitatorPanel({
  boardId,
  meta,
  groups,
  actions,
  joinCode,
  hiddenCount,
  held = [],
}: {
  boardId: string;
  meta: BoardMeta;
  groups: readonly GroupRecord[];
  actions: BoardActions;
  joinCode: string | null;
  hiddenCount: number;
  /** Ideas held off the board (moderation document). */
  held?: readonly HeldRecord[];
}) {
  const { t } = useTranslation();
  const [menu, setMenu] = useState<string | null>(null);
  const toggle = useCallback((name: string | null) => setMenu(name), []);
  const waiting = waitingIds(held);
  const menuProps = (name: string) => ({ name, open: menu === name, onToggle: toggle });

  return (
    <div
      className="facilitator-toolbar"
      // A landmark, not role="toolbar": its controls are reached with Tab, not arrow keys.
      role="region"
      aria-label={t('facilitator.panel')}
      data-testid="facilitator-panel"
    >
      <PhaseControl meta={meta} actions={actions} />
      <div className="toolbar-item">
        <SettingCheckbox
          label={t('facilitator.locked')}
          value={meta.locked}
          onChange={(locked) => actions.settings({ locked })}
        />
      </div>
      {waiting.length > 0 && (
        <div className="toolbar-item toolbar-queue">
          <ApproveWaiting waiting={waiting} actions={actions} />
        </div>
      )}
      <ToolbarMenu
        {...menuProps('participation')}
        label={t('facilitator.menuParticipation')}
        badge={
          meta.postingPaceSeconds > 0 ? t('facilitator.paceBadge', { count: meta.postingPaceSeconds }) : null
        }
      >
        <NumberSetting
          key={meta.dotsPerParticipant}
          label={t('facilitator.dots')}
          apply={t('facilitator.dotsApply')}
          current={meta.dotsPerParticipant}
          min={1}
          max={LIMITS.dotsPerParticipantMax}
          onApply={(dotsPerParticipant) => void actions.settings({ dotsPerParticipant })}
        />
        <NumberSetting
          key={`pace-${meta.postingPaceSeconds}`}
          label={t('facilitator.pace')}
          apply={t('facilitator.paceApply')}
          hint={t('facilitator.paceHint')}
          current={meta.postingPaceSeconds}
          min={0}
          max={LIMITS.postingPaceSecondsMax}
          onApply={(postingPaceSeconds) => void actions.settings({ postingPaceSeconds })}
        />
        <div className="panel-section">
          <SettingCheckbox
            label={t('facilitator.allowAnonymous')}
            value={meta.allowAnonymous}
            onChange={(allowAnonymous) => actions.settings({ allowAnonymous })}
          />
        </div>
      </ToolbarMenu>
      <ToolbarMenu {...menuProps('moderation')} label={t('facilitator.menuModeration')} wide>
        <ReleaseControls meta={meta} actions={actions} held={held} />
        {hiddenCount > 0 && (
          <p className="muted small">{t('facilitator.hiddenCount', { count: hiddenCount })}</p>
        )}
      </ToolbarMenu>
      <ToolbarMenu {...menuProps('timer')} label={t('facilitator.menuTimer')} wide>
        <TimerControls timer={meta.timer} actions={actions} />
      </ToolbarMenu>
      <ToolbarMenu
        {...menuProps('groups')}
        label={t('facilitator.menuGroups')}
        badge={groups.length > 0 ? String(groups.length) : null}
        wide
      >
        <GroupManager groups={groups} actions={actions} />
      </ToolbarMenu>
      <ToolbarMenu {...menuProps('export')} label={t('facilitator.export')}>
        <p className="export-links">
          <a className="button button-secondary button-small" href={exportUrl(boardId, 'csv')} download>
            {t('facilitator.exportCsv')}
          </a>
          <a className="button button-secondary button-small" href={exportUrl(boardId, 'md')} download>
            {t('facilitator.exportMd')}
          </a>
        </p>
      </ToolbarMenu>
      {joinCode && <JoinCode code={joinCode} />}
    </div>
  );
}

/**
 * A whole number of the board's settings, applied with its button: dots per participant, or the
 * posting pace (one idea per person every N seconds, 0: none, enforced by the server).
 */
function NumberSetting({
  label,
  apply,
  hint,
  current,
  min,
  max,
  onApply,
}: {
  label: string;
  apply: string;
  hint?: string;
  current: number;
  min: number;
  max: number;
  onApply: (value: number) => void;
}) {
  const id = useId();
  const [value, setValue] = useState(String(current));
  const number = Number(value);
  const valid = Number.isInteger(number) && number >= min && number <= max;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (valid && number !== current) onApply(number);
  };
  return (
    <form className="panel-section inline-form" onSubmit={onSubmit}>
      <label htmlFor={id}>{label}</label>
      <div className="inline-form-row">
        <input
          id={id}
          className="input input-number"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={!valid}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />
        <button type="submit" className="button button-secondary button-small" disabled={!valid}>
          {apply}
        </button>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      )}
    </form>
  );
}

/** Private mode, hidden totals, pre-moderation, and their reveals (kept compact). */
function ReleaseControls({
  meta,
  actions,
  held,
}: {
  meta: BoardMeta;
  actions: BoardActions;
  held: readonly HeldRecord[];
}) {
  const { t } = useTranslation();
  const waiting = waitingIds(held);
  const privateCount = held.length - waiting.length;
  return (
    <div className="panel-section release-controls" data-testid="release-controls">
      <SettingCheckbox
        label={t('facilitator.privateMode')}
        value={meta.privateMode}
        onChange={(privateMode) => actions.settings({ privateMode })}
      />
      {meta.privateMode && (
        <button
          type="button"
          className="button button-secondary button-small"
          data-testid="reveal-ideas"
          onClick={() => void actions.reveal('ideas')}
        >
          {t('facilitator.revealIdeas', { count: privateCount })}
        </button>
      )}
      <SettingCheckbox
        label={t('facilitator.votesHidden')}
        value={meta.votesHidden}
        onChange={(votesHidden) => actions.settings({ votesHidden })}
      />
      {meta.votesHidden && (
        <button
          type="button"
          className="button button-secondary button-small"
          data-testid="reveal-votes"
          onClick={() => void actions.reveal('votes')}
        >
          {t('facilitator.revealVotes')}
        </button>
      )}
      <SettingCheckbox
        label={t('facilitator.premoderation')}
        value={meta.premoderation}
        onChange={(premoderation) => actions.settings({ premoderation })}
      />
      {waiting.length > 0 && (
        <p className="inline-form-row">
          <ApproveWaiting waiting={waiting} actions={actions} />
        </p>
      )}
    </div>
  );
}

/** The ideas pre-moderation holds for approval (the others are held by private mode). */
const waitingIds = (held: readonly HeldRecord[]) =>
  held.filter((record) => record.reason === 'premoderation').map((record) => record.id);

/** How many ideas wait for approval, and the button that approves them (a batch at most). */
function ApproveWaiting({ waiting, actions }: { waiting: string[]; actions: BoardActions }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="small">{t('facilitator.waitingCount', { count: waiting.length })}</span>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => void actions.approve(waiting.slice(0, LIMITS.approveBatchMax))}
      >
        {t('facilitator.approveAll')}
      </button>
    </>
  );
}

function SettingCheckbox({
  label,
  value,
  onChange,
}: {
  label: string;
  value: boolean;
  onChange: (value: boolean) => Promise<Ack<unknown>>;
}) {
  const [shown, request] = useRequestedValue(value);
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={shown}
        onChange={(e) => request(e.target.checked, onChange(e.target.checked))}
      />
      {label}
    </label>
  );
}

function PhaseControl({ meta, actions }: { meta: BoardMeta; actions: BoardActions }) {
  const { t } = useTranslation();
  const name = useId();
  const [shown, request] = useRequestedValue(meta.phase);
  return (
    <fieldset className="toolbar-item segmented">
      <legend className="visually-hidden">{t('facilitator.phase')}</legend>
      <div className="segmented-options">
        {PHASES.map((phase) => (
          <label key={phase} className={`segment${shown === phase ? ' is-checked' : ''}`}>
            <input
              type="radio"
              name={name}
              value={phase}
              checked={shown === phase}
              onChange={() => request(phase, actions.settings({ phase }))}
            />
            {t(`phase.${phase}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function JoinCode({ code }: { code: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [projecting, setProjecting] = useState(false);
  return (
    <div className="toolbar-item join-code-panel">
      {/* One button: the code, which opens it full screen for the room. */}
      <button
        type="button"
        className="toolbar-button join-code-button"
        aria-label={`${t('facilitator.joinCodeShort')} ${code} — ${t('facilitator.project')}`}
        onClick={() => setProjecting(true)}
      >
        <span className="join-code-label" aria-hidden="true">
          {t('facilitator.joinCodeShort')}
        </span>
        <span className="join-code" data-testid="board-join-code">
          {code}
        </span>
      </button>
      <Dialog
        open={projecting}
        onClose={() => setProjecting(false)}
        labelledBy={`${id}-title`}
        className="projection"
      >
        <div className="projection-body">
          <h2 id={`${id}-title`}>{t('facilitator.projectTitle')}</h2>
          <p>{t('facilitator.projectHint', { url: window.location.host })}</p>
          <p className="projection-code">{code}</p>
          <button type="button" className="button button-primary" onClick={() => setProjecting(false)}>
            {t('facilitator.close')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
