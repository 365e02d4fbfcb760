import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHOSEN_ACTION_STATUSES,
  type ActionStatus,
  type PlanIndicatorView,
  type PlanView,
} from '@cocon/shared';

type ChosenStatus = (typeof CHOSEN_ACTION_STATUSES)[number];
import type { ClientErrorCode } from '../api/http';
import { Dialog } from '../components/Dialog';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { TextField } from '../components/TextField';
import { planApi } from './api';
import { ActionMeta, measureText, StatusBadge, TimelineChip } from './bits';
import { useLookups } from './lookups';
import { formatDay, todayIso } from './planFormat';
import { findAction } from './planModel';
import { ProgressBar } from './ProgressBar';

/** Runs one request at a time and remembers how it went, for a small form. */
function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [saved, setSaved] = useState(false);
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await work();
      setSaved(true);
      return true;
    } catch (err) {
      setError(errorCodeOf(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, saved, run };
}

function FormStatus({ saved, error, text }: { saved: boolean; error: ClientErrorCode | null; text: string }) {
  return (
    <>
      <ErrorMessage code={error} />
      <p className="form-status" role="status">
        {saved && !error ? text : ''}
      </p>
    </>
  );
}

/** A small form of the dialog: its fields, how the last submit went, and its submit button. */
function InlineForm({
  label,
  savedText,
  submit,
  disabled = false,
  secondary = false,
  onSubmit,
  children,
}: {
  label: string;
  savedText: string;
  submit: ReturnType<typeof useSubmit>;
  disabled?: boolean;
  secondary?: boolean;
  onSubmit: (event: FormEvent) => Promise<void>;
  children: ReactNode;
}) {
  return (
    <form className="plan-inline-form" onSubmit={(e) => void onSubmit(e)} aria-label={label}>
      {children}
      <FormStatus saved={submit.saved} error={submit.error} text={savedText} />
      <button
        type="submit"
        className={`button ${secondary ? 'button-secondary' : 'button-primary'} button-small`}
        disabled={submit.busy || disabled}
      >
        {label}
      </button>
    </form>
  );
}

/**
 * One action in full: status, timeline, MRCs and communities, milestones, every indicator with
 * its measures or notes. Facilitators update progress here; everyone else reads.
 */
export function ActionDialog({
  plan,
  actionId,
  canEdit,
  onClose,
  onChanged,
}: {
  plan: PlanView;
  actionId: string | null;
  canEdit: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const found = actionId ? findAction(plan, actionId) : null;
  const titleId = useId();
  return (
    <Dialog open={found !== null} onClose={onClose} labelledBy={titleId} className="plan-dialog">
      {found && (
        <div className="dialog-body plan-dialog-body" data-testid="action-dialog">
          <div className="plan-dialog-bar">
            <p className="plan-kind">
              {found.theme.title} › {t('plan.specificObjective')}
            </p>
            <button type="button" className="button button-quiet button-small" onClick={onClose}>
              {t('plan.close')}
            </button>
          </div>
          <p className="plan-dialog-objective">{found.objective.text}</p>
          <h2 id={titleId} className="plan-dialog-title">
            {found.action.text}
          </h2>
          <div className="plan-dialog-summary">
            <StatusBadge status={found.action.status} />
            <TimelineChip action={found.action} always />
            <ProgressBar value={found.action.progress} label={found.action.text} />
          </div>
          {!canEdit && <p className="hint">{t('plan.readOnly')}</p>}
          {canEdit && (
            <StatusForm
              planId={plan.id}
              actionId={found.action.id}
              status={found.action.status}
              onChanged={onChanged}
            />
          )}
          <ActionMeta action={found.action} />
          {canEdit && (
            <TagsForm
              key={`${found.action.id}:${found.action.territoryIds.join()}:${found.action.communityIds.join()}`}
              planId={plan.id}
              actionId={found.action.id}
              territoryIds={found.action.territoryIds}
              communityIds={found.action.communityIds}
              onChanged={onChanged}
            />
          )}
          <Section title={t('plan.milestones')}>
            {found.action.milestones.length === 0 ? (
              <p className="muted small">{t('plan.noMilestones')}</p>
            ) : (
              <ul className="plan-history">
                {[...found.action.milestones]
                  .sort((a, b) => a.date.localeCompare(b.date))
                  .map((m) => (
                    <MilestoneItem key={m.id} date={m.date} label={m.label} done={m.done} />
                  ))}
              </ul>
            )}
            {canEdit && <MilestoneForm planId={plan.id} actionId={found.action.id} onChanged={onChanged} />}
          </Section>
          <Section title={t('plan.indicators')}>
            {found.action.indicators.length === 0 && <p className="muted small">{t('plan.noIndicators')}</p>}
            <ul className="plan-dialog-indicators">
              {found.action.indicators.map((indicator) => (
                <li key={indicator.id} data-testid="dialog-indicator">
                  <IndicatorDetail
                    planId={plan.id}
                    indicator={indicator}
                    canEdit={canEdit}
                    onChanged={onChanged}
                  />
                </li>
              ))}
            </ul>
          </Section>
        </div>
      )}
    </Dialog>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="plan-dialog-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

function MilestoneItem({ date, label, done }: { date: string; label: string; done: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <li>
      <span className="plan-history-date">{formatDay(date, i18n.language)}</span> {label}{' '}
      {done && <span className="plan-done">✓ {t('plan.milestoneDone')}</span>}
    </li>
  );
}

function StatusForm({
  planId,
  actionId,
  status,
  onChanged,
}: {
  planId: string;
  actionId: string;
  status: ActionStatus;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const submit = useSubmit();
  const onChange = async (next: ChosenStatus) => {
    if (await submit.run(() => planApi.updateAction(planId, actionId, { status: next }))) onChanged();
  };
  return (
    <div className="field plan-status-field">
      <label htmlFor={id}>{t('plan.statusLabel')}</label>
      <select
        id={id}
        className="select"
        value={status}
        disabled={submit.busy}
        onChange={(e) => void onChange(e.target.value as ChosenStatus)}
      >
        {/* "Not set" is shown while nobody has chosen, never offered as a choice. */}
        {status === 'unset' && (
          <option value="unset" disabled>
            {t('plan.status_unset')}
          </option>
        )}
        {CHOSEN_ACTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`plan.status_${s}`)}
          </option>
        ))}
      </select>
      <FormStatus saved={submit.saved} error={submit.error} text={t('plan.saved')} />
    </div>
  );
}

function TagsForm({
  planId,
  actionId,
  territoryIds,
  communityIds,
  onChanged,
}: {
  planId: string;
  actionId: string;
  territoryIds: string[];
  communityIds: string[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { territories, communities } = useLookups();
  const [mrcs, setMrcs] = useState(() => new Set(territoryIds));
  const [cdps, setCdps] = useState(() => new Set(communityIds));
  const submit = useSubmit();
  const toggle = (set: Set<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(() =>
      planApi.updateAction(planId, actionId, {
        territoryIds: territories.map((x) => x.id).filter((id) => mrcs.has(id)),
        communityIds: communities.map((x) => x.id).filter((id) => cdps.has(id)),
      }),
    );
    if (ok) onChanged();
  };
  if (territories.length === 0 && communities.length === 0) return null;
  return (
    <details className="plan-tags-form">
      <summary>{t('plan.editTags')}</summary>
      <form onSubmit={(e) => void onSubmit(e)}>
        <fieldset>
          <legend>{t('plan.mrcs')}</legend>
          <div className="plan-checks">
            {territories.map((x) => (
              <label key={x.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={mrcs.has(x.id)}
                  onChange={(e) => setMrcs((s) => toggle(s, x.id, e.target.checked))}
                />
                {x.name}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('plan.communities')}</legend>
          <div className="plan-checks">
            {communities.map((x) => (
              <label key={x.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={cdps.has(x.id)}
                  onChange={(e) => setCdps((s) => toggle(s, x.id, e.target.checked))}
                />
                {x.name}
              </label>
            ))}
          </div>
        </fieldset>
        <FormStatus saved={submit.saved} error={submit.error} text={t('plan.saved')} />
        <button type="submit" className="button button-secondary button-small" disabled={submit.busy}>
          {t('plan.saveTags')}
        </button>
      </form>
    </details>
  );
}

function MilestoneForm({
  planId,
  actionId,
  onChanged,
}: {
  planId: string;
  actionId: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [date, setDate] = useState(todayIso);
  const [label, setLabel] = useState('');
  const [done, setDone] = useState(false);
  const submit = useSubmit();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!label.trim() || !date) return;
    const ok = await submit.run(() =>
      planApi.addMilestone(planId, actionId, { date, label: label.trim(), done }),
    );
    if (ok) {
      setLabel('');
      setDone(false);
      onChanged();
    }
  };
  return (
    <InlineForm
      label={t('plan.addMilestone')}
      savedText={t('plan.milestoneAdded')}
      submit={submit}
      secondary
      onSubmit={onSubmit}
    >
      <div className="plan-form-grid">
        <TextField
          id={`${id}-date`}
          label={t('plan.date')}
          type="date"
          required
          value={date}
          onChange={setDate}
        />
        <TextField
          id={`${id}-label`}
          label={t('plan.milestoneLabel')}
          required
          maxLength={200}
          value={label}
          onChange={setLabel}
        />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={done} onChange={(e) => setDone(e.target.checked)} />
        {t('plan.milestoneDone')}
      </label>
    </InlineForm>
  );
}

function IndicatorDetail({
  planId,
  indicator,
  canEdit,
  onChanged,
}: {
  planId: string;
  indicator: PlanIndicatorView;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const measures = [...indicator.measurements].sort((a, b) => a.date.localeCompare(b.date));
  const notes = [...indicator.notes].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <div className="plan-indicator-detail">
      <div className="plan-indicator-head">
        <p className="plan-indicator-text">
          {indicator.text}{' '}
          <span className="muted small">
            ({indicator.kind === 'quantitative' ? t('plan.quantitative') : t('plan.qualitative')})
          </span>
        </p>
        <ProgressBar value={indicator.progress} label={indicator.text} size="small" />
      </div>
      {indicator.kind === 'quantitative'
        ? measures.length > 0 && (
            <ul className="plan-history" aria-label={t('plan.measures')}>
              {measures.map((m) => (
                <li key={m.id}>
                  <span className="plan-history-date">{formatDay(m.date, lang)}</span>{' '}
                  {measureText(t, lang, m.value, indicator)}
                  {m.note && <span className="muted"> — {m.note}</span>}
                  {canEdit && (
                    <RemoveEntry
                      label={`${t('plan.removeEntry')} — ${formatDay(m.date, lang)}`}
                      remove={() =>
                        planApi.removeEntry(planId, 'indicators', indicator.id, 'measurements', m.id)
                      }
                      onChanged={onChanged}
                    />
                  )}
                </li>
              ))}
            </ul>
          )
        : notes.length > 0 && (
            <ul className="plan-history" aria-label={t('plan.notes')}>
              {notes.map((n) => (
                <li key={n.id}>
                  <span className="plan-history-date">{formatDay(n.date, lang)}</span> {n.text}
                  {canEdit && (
                    <RemoveEntry
                      label={`${t('plan.removeEntry')} — ${formatDay(n.date, lang)}`}
                      remove={() => planApi.removeEntry(planId, 'indicators', indicator.id, 'notes', n.id)}
                      onChanged={onChanged}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
      {canEdit &&
        (indicator.kind === 'quantitative' ? (
          <MeasureForm planId={planId} indicator={indicator} onChanged={onChanged} />
        ) : (
          <NoteForm planId={planId} indicator={indicator} onChanged={onChanged} />
        ))}
    </div>
  );
}

/** A small button that takes back one dated entry (a mistyped measure, a wrong note). */
function RemoveEntry({
  label,
  remove,
  onChanged,
}: {
  label: string;
  remove: () => Promise<unknown>;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="link-button small"
      aria-label={label}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        remove()
          .then(onChanged)
          .catch(() => undefined)
          .finally(() => setBusy(false));
      }}
    >
      {t('plan.removeEntry')}
    </button>
  );
}

function MeasureForm({
  planId,
  indicator,
  onChanged,
}: {
  planId: string;
  indicator: PlanIndicatorView;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [date, setDate] = useState(todayIso);
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const number = Number(value.replace(',', '.'));
  const valid = value.trim() !== '' && Number.isFinite(number) && number >= 0;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid || !date) return;
    const ok = await submit.run(() =>
      planApi.addMeasurement(planId, indicator.id, { date, value: number, note: note.trim() }),
    );
    if (ok) {
      setValue('');
      setNote('');
      onChanged();
    }
  };
  const unitHint =
    indicator.target !== null
      ? t('plan.measureHint', { target: indicator.target, unit: indicator.unit })
      : t('plan.measureHintNoTarget');
  return (
    <InlineForm
      label={t('plan.addMeasure')}
      savedText={t('plan.measureAdded')}
      submit={submit}
      disabled={!valid}
      onSubmit={onSubmit}
    >
      <div className="plan-form-grid plan-form-grid-3">
        <TextField
          id={`${id}-date`}
          label={t('plan.date')}
          type="date"
          required
          value={date}
          onChange={setDate}
        />
        <TextField
          id={`${id}-value`}
          label={t('plan.measureValue')}
          inputMode="decimal"
          required
          value={value}
          onChange={setValue}
          hint={unitHint}
          aria-invalid={value.trim() !== '' && !valid}
        />
        <TextField
          id={`${id}-note`}
          label={t('plan.measureNote')}
          maxLength={500}
          value={note}
          onChange={setNote}
        />
      </div>
    </InlineForm>
  );
}

function NoteForm({
  planId,
  indicator,
  onChanged,
}: {
  planId: string;
  indicator: PlanIndicatorView;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [date, setDate] = useState(todayIso);
  const [text, setText] = useState('');
  const submit = useSubmit();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || !date) return;
    const ok = await submit.run(() => planApi.addNote(planId, indicator.id, { date, text: text.trim() }));
    if (ok) {
      setText('');
      onChanged();
    }
  };
  return (
    <InlineForm
      label={t('plan.addNote')}
      savedText={t('plan.noteAdded')}
      submit={submit}
      disabled={!text.trim()}
      onSubmit={onSubmit}
    >
      <div className="plan-form-grid">
        <TextField
          id={`${id}-date`}
          label={t('plan.date')}
          type="date"
          required
          value={date}
          onChange={setDate}
        />
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('plan.noteText')}</label>
          <textarea
            id={`${id}-text`}
            className="input"
            rows={2}
            required
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
      </div>
    </InlineForm>
  );
}
