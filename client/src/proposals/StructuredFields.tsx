import { useId, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import {
  newAction,
  newBudgetLine,
  newCofinancing,
  newIndicator,
  newObjective,
  newPartner,
  parseTimeline,
  proposalMaps,
  type Territory,
  type Timeline,
} from '@cocon/shared';
import { CollabText, FieldHead } from './CollabText';
import { useFieldsContext } from './FieldsContext';
import { useYChange } from './yhooks';

type YMap = Y.Map<unknown>;
type YList = Y.Array<YMap>;

const textOf = (map: YMap | undefined, key: string): Y.Text | null => {
  const value = map?.get(key);
  return value instanceof Y.Text ? value : null;
};
const listOf = (map: YMap | undefined, key: string): YList | null => {
  const value = map?.get(key);
  return value instanceof Y.Array ? (value as YList) : null;
};
const idOf = (map: YMap): string => (typeof map.get('id') === 'string' ? (map.get('id') as string) : '');
/** The entries of a list that are maps: a document written by a faulty client may hold others. */
const mapsIn = (list: YList | null | undefined): YMap[] =>
  (list?.toArray() ?? []).filter((item): item is YMap => item instanceof Y.Map);

/** Yjs cannot move an item: the copy (same id, so comments keep their anchor) takes its place. */
function move(list: YList, from: number, to: number): void {
  if (to < 0 || to >= list.length || from === to) return;
  const run = () => {
    const copy = list.get(from).clone();
    list.delete(from, 1);
    list.insert(to, [copy]);
  };
  if (list.doc) list.doc.transact(run);
  else run();
}

export function formatMoney(amount: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-CA' : 'fr-CA', {
    style: 'currency',
    currency: 'CAD',
    maximumFractionDigits: 0,
  }).format(amount);
}

/** The plan's structured fields of one proposal, each co-editable live. */
export function StructuredFields({
  doc,
  themes,
  territories,
}: {
  doc: Y.Doc;
  themes: readonly string[];
  territories: readonly Territory[];
}) {
  const { t } = useTranslation();
  const { fields, objectives, partners, budget } = proposalMaps(doc);
  return (
    <div className="structured-fields">
      <section className="card fields-section" aria-labelledby="fields-general">
        <h2 id="fields-general">{t('proposals.sectionGeneral')}</h2>
        <CollabText ytext={textOf(fields, 'title')} path="title" label={t('proposals.title')} />
        <ThemeField fields={fields} themes={themes} />
        <CollabText
          ytext={textOf(fields, 'generalObjective')}
          path="generalObjective"
          label={t('proposals.generalObjective')}
          multiline
          rows={3}
        />
        <CollabText
          ytext={textOf(fields, 'leadOrganization')}
          path="leadOrganization"
          label={t('proposals.leadOrganization')}
        />
        <TerritoriesField fields={fields} territories={territories} />
      </section>
      <ObjectivesSection list={objectives} />
      <PartnersSection list={partners} />
      <BudgetSection list={budget} />
    </div>
  );
}

function ThemeField({ fields, themes }: { fields: YMap; themes: readonly string[] }) {
  const { t } = useTranslation();
  const { readOnly, publishFocus } = useFieldsContext();
  const id = useId();
  useYChange(fields);
  const value = typeof fields.get('theme') === 'string' ? (fields.get('theme') as string) : '';
  const options = value && !themes.includes(value) ? [value, ...themes] : themes;
  return (
    <div className="collab-field">
      <FieldHead htmlFor={id} path="theme" label={t('proposals.theme')} />
      <select
        id={id}
        className="select"
        value={value}
        disabled={readOnly}
        onFocus={() => publishFocus({ path: 'theme', index: 0 })}
        onBlur={() => publishFocus(null)}
        onChange={(e) => fields.set('theme', e.target.value)}
      >
        <option value="">{t('proposals.noTheme')}</option>
        {options.map((theme) => (
          <option key={theme} value={theme}>
            {theme}
          </option>
        ))}
      </select>
    </div>
  );
}

function TerritoriesField({ fields, territories }: { fields: YMap; territories: readonly Territory[] }) {
  const { t } = useTranslation();
  const { readOnly } = useFieldsContext();
  const labelId = useId();
  useYChange(fields);
  const chosen = fields.get('territories');
  useYChange(chosen instanceof Y.Map ? chosen : null);
  const set = chosen instanceof Y.Map ? (chosen as Y.Map<true>) : null;
  return (
    <div className="collab-field" role="group" aria-labelledby={labelId}>
      <FieldHead as="span" id={labelId} path="territories" label={t('proposals.territories')} />
      <div className="territory-list">
        {territories.map((territory) => (
          <label key={territory.id} className="checkbox">
            <input
              type="checkbox"
              checked={set?.has(territory.id) ?? false}
              disabled={readOnly || !set}
              onChange={(e) => {
                if (!set) return;
                if (e.target.checked) set.set(territory.id, true);
                else set.delete(territory.id);
              }}
            />
            {territory.name}
          </label>
        ))}
      </div>
    </div>
  );
}

/** A number kept in a Y.Map (last writer wins); a draft while typing so "" and "1." stay. */
function CollabNumber({
  map,
  field,
  path,
  label,
  nullable = false,
  suffix,
}: {
  map: YMap;
  field: string;
  path: string;
  label: string;
  nullable?: boolean;
  suffix?: ReactNode;
}) {
  const { readOnly, publishFocus } = useFieldsContext();
  const id = useId();
  useYChange(map);
  const raw = map.get(field);
  const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <div className="collab-field collab-number">
      <FieldHead htmlFor={id} path={path} label={label} />
      <div className="number-row">
        <input
          id={id}
          className="input input-number"
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          readOnly={readOnly}
          value={draft ?? (value === null ? '' : String(value))}
          onFocus={(e) => {
            setDraft(e.target.value);
            publishFocus({ path, index: 0 });
          }}
          onBlur={() => {
            setDraft(null);
            publishFocus(null);
          }}
          onChange={(e) => {
            setDraft(e.target.value);
            if (readOnly) return;
            const text = e.target.value.trim();
            const next = text === '' ? (nullable ? null : 0) : Number(text);
            if (next === null || (Number.isFinite(next) && next >= 0)) map.set(field, next);
          }}
        />
        {suffix}
      </div>
    </div>
  );
}

/** The years offered for a budget line: a few before this one, ten after, and the stored one. */
export function budgetYears(now: number, stored: number | null): number[] {
  const years = Array.from({ length: 13 }, (_, i) => now - 2 + i);
  if (stored !== null && !years.includes(stored)) years.push(stored);
  return years.sort((a, b) => a - b);
}

/** The year a budget line's money is spent (Y.Map `year`, null: the fund's first year). */
function CollabYear({ map, path }: { map: YMap; path: string }) {
  const { t } = useTranslation();
  const { readOnly, publishFocus } = useFieldsContext();
  const id = useId();
  useYChange(map);
  const raw = map.get('year');
  const value = typeof raw === 'number' && Number.isInteger(raw) ? raw : null;
  return (
    <div className="collab-field collab-number">
      <FieldHead htmlFor={id} path={path} label={t('proposals.budgetYear')} />
      <select
        id={id}
        className="select"
        value={value === null ? '' : String(value)}
        disabled={readOnly}
        onFocus={() => publishFocus({ path, index: 0 })}
        onBlur={() => publishFocus(null)}
        onChange={(e) => {
          if (readOnly) return;
          map.set('year', e.target.value === '' ? null : Number(e.target.value));
        }}
      >
        <option value="">{t('proposals.budgetYearFirst')}</option>
        {budgetYears(new Date().getFullYear(), value).map((year) => (
          <option key={year} value={String(year)}>
            {year}
          </option>
        ))}
      </select>
    </div>
  );
}

function ItemTools({
  index,
  count,
  onMove,
  onRemove,
  what,
}: {
  index: number;
  count: number;
  onMove?: (to: number) => void;
  onRemove: () => void;
  what: string;
}) {
  const { t } = useTranslation();
  const { readOnly } = useFieldsContext();
  if (readOnly) return null;
  return (
    <div className="item-tools" role="group" aria-label={t('proposals.itemTools', { what })}>
      {onMove && (
        <>
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={index === 0}
            onClick={() => onMove(index - 1)}
            aria-label={t('proposals.moveUp', { what })}
          >
            <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={index === count - 1}
            onClick={() => onMove(index + 1)}
            aria-label={t('proposals.moveDown', { what })}
          >
            <span aria-hidden="true">↓</span>
          </button>
        </>
      )}
      <button
        type="button"
        className="button button-quiet button-small danger"
        onClick={onRemove}
        aria-label={t('proposals.remove', { what })}
      >
        {t('proposals.removeShort')}
      </button>
    </div>
  );
}

function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  const { readOnly } = useFieldsContext();
  if (readOnly) return null;
  return (
    <button type="button" className="button button-secondary button-small add-button" onClick={onClick}>
      <span aria-hidden="true">+</span> {children}
    </button>
  );
}

function ObjectivesSection({ list }: { list: YList }) {
  const { t } = useTranslation();
  useYChange(list);
  const items = mapsIn(list);
  return (
    <section className="card fields-section" aria-labelledby="fields-objectives">
      <h2 id="fields-objectives">{t('proposals.sectionObjectives')}</h2>
      {items.length === 0 && <p className="empty small">{t('proposals.noObjectives')}</p>}
      <ol className="objective-list">
        {items.map((objective, index) => (
          <ObjectiveEditor
            key={idOf(objective)}
            objective={objective}
            index={index}
            count={items.length}
            onMove={(to) => move(list, index, to)}
            onRemove={() => {
              if (window.confirm(t('proposals.confirmRemoveObjective', { n: index + 1 })))
                list.delete(index, 1);
            }}
          />
        ))}
      </ol>
      <AddButton onClick={() => list.push([newObjective({ actions: [{}] })])}>
        {t('proposals.addObjective')}
      </AddButton>
    </section>
  );
}

function ObjectiveEditor({
  objective,
  index,
  count,
  onMove,
  onRemove,
}: {
  objective: YMap;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  useYChange(objective);
  const id = idOf(objective);
  const actions = listOf(objective, 'actions');
  useYChange(actions);
  const base = `objectives.${id}`;
  const name = t('proposals.objectiveN', { n: index + 1 });
  const headingId = useId();
  const items = mapsIn(actions);
  return (
    <li className="objective" aria-labelledby={headingId} data-testid="objective">
      <div className="item-head">
        <h3 id={headingId}>{name}</h3>
        <ItemTools index={index} count={count} onMove={onMove} onRemove={onRemove} what={name} />
      </div>
      <CollabText
        ytext={textOf(objective, 'text')}
        path={`${base}.text`}
        label={t('proposals.objectiveText', { n: index + 1 })}
        multiline
        rows={2}
      />
      <h4 className="subheading">{t('proposals.actions')}</h4>
      <ol className="action-list">
        {items.map((action, ai) => (
          <ActionEditor
            key={idOf(action)}
            action={action}
            base={`${base}.actions.${idOf(action)}`}
            objectiveIndex={index}
            index={ai}
            count={items.length}
            onMove={(to) => actions && move(actions, ai, to)}
            onRemove={() => {
              if (window.confirm(t('proposals.confirmRemoveAction'))) actions?.delete(ai, 1);
            }}
          />
        ))}
      </ol>
      <AddButton onClick={() => actions?.push([newAction()])}>{t('proposals.addAction')}</AddButton>
    </li>
  );
}

export function describeTimeline(timeline: Timeline | null, t: TFunction): string {
  if (!timeline) return t('proposals.timelineEmpty');
  switch (timeline.kind) {
    case 'year':
      return t('proposals.timelineYear', { year: timeline.year });
    case 'range':
      return t('proposals.timelineRange', { from: timeline.from, to: timeline.to });
    case 'season':
      return t('proposals.timelineSeason', {
        season: t(`proposals.season_${timeline.season === 'été' ? 'ete' : timeline.season}`),
        year: timeline.year,
      });
    case 'ongoing':
      return t('proposals.timelineOngoing');
    default:
      return t('proposals.timelineText');
  }
}

function TimelineHint({ ytext }: { ytext: Y.Text | null }) {
  const { t } = useTranslation();
  useYChange(ytext);
  const parsed = parseTimeline(ytext?.toString() ?? '');
  return (
    <>
      <span className={`timeline-reading${parsed?.kind === 'text' ? ' is-free' : ''}`}>
        {t('proposals.timelineReads')} <strong>{describeTimeline(parsed, t)}</strong>
      </span>{' '}
      <span className="timeline-examples">{t('proposals.timelineExamples')}</span>
    </>
  );
}

function ActionEditor({
  action,
  base,
  objectiveIndex,
  index,
  count,
  onMove,
  onRemove,
}: {
  action: YMap;
  base: string;
  objectiveIndex: number;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  useYChange(action);
  const indicators = listOf(action, 'indicators');
  useYChange(indicators);
  const timeline = textOf(action, 'timeline');
  const name = t('proposals.actionOf', { n: index + 1, objective: objectiveIndex + 1 });
  const items = mapsIn(indicators);
  return (
    <li className="action" data-testid="action">
      <div className="item-head">
        <h5 className="item-title">{t('proposals.actionN', { n: index + 1 })}</h5>
        <ItemTools index={index} count={count} onMove={onMove} onRemove={onRemove} what={name} />
      </div>
      <CollabText
        ytext={textOf(action, 'text')}
        path={`${base}.text`}
        label={t('proposals.actionText', { n: index + 1 })}
        multiline
        rows={2}
      />
      <CollabText
        ytext={timeline}
        path={`${base}.timeline`}
        label={t('proposals.timeline')}
        hint={<TimelineHint ytext={timeline} />}
        className="timeline-field"
      />
      <div className="indicators" role="group" aria-label={t('proposals.indicatorsOf', { action: name })}>
        <h6 className="item-title">{t('proposals.indicators')}</h6>
        {items.length === 0 && <p className="muted small">{t('proposals.noIndicators')}</p>}
        <ul className="indicator-list">
          {items.map((indicator, ii) => (
            <IndicatorEditor
              key={idOf(indicator)}
              indicator={indicator}
              base={`${base}.indicators.${idOf(indicator)}`}
              index={ii}
              onRemove={() => indicators?.delete(ii, 1)}
            />
          ))}
        </ul>
        <AddButton onClick={() => indicators?.push([newIndicator('quantitative')])}>
          {t('proposals.addIndicator')}
        </AddButton>
      </div>
    </li>
  );
}

function IndicatorEditor({
  indicator,
  base,
  index,
  onRemove,
}: {
  indicator: YMap;
  base: string;
  index: number;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { readOnly } = useFieldsContext();
  const kindId = useId();
  useYChange(indicator);
  const kind = indicator.get('kind') === 'qualitative' ? 'qualitative' : 'quantitative';
  const name = t('proposals.indicatorN', { n: index + 1 });
  return (
    <li className="indicator">
      <div className="indicator-row">
        <div className="collab-field indicator-kind">
          <label htmlFor={kindId}>{t('proposals.indicatorKindOf', { n: index + 1 })}</label>
          <select
            id={kindId}
            className="select"
            value={kind}
            disabled={readOnly}
            onChange={(e) => indicator.set('kind', e.target.value)}
          >
            <option value="quantitative">{t('proposals.quantitative')}</option>
            <option value="qualitative">{t('proposals.qualitative')}</option>
          </select>
        </div>
        {kind === 'quantitative' ? (
          <>
            <CollabNumber
              map={indicator}
              field="target"
              path={`${base}.target`}
              label={t('proposals.target')}
              nullable
            />
            <CollabText
              ytext={textOf(indicator, 'unit')}
              path={`${base}.unit`}
              label={t('proposals.unit')}
              className="grow"
            />
          </>
        ) : (
          <CollabText
            ytext={textOf(indicator, 'statement')}
            path={`${base}.statement`}
            label={t('proposals.statement')}
            className="grow"
          />
        )}
        <ItemTools index={index} count={1} onRemove={onRemove} what={name} />
      </div>
    </li>
  );
}

function PartnersSection({ list }: { list: YList }) {
  const { t } = useTranslation();
  useYChange(list);
  const items = mapsIn(list);
  return (
    <section className="card fields-section" aria-labelledby="fields-partners">
      <h2 id="fields-partners">{t('proposals.sectionPartners')}</h2>
      {items.length === 0 && <p className="empty small">{t('proposals.noPartners')}</p>}
      <ul className="partner-list">
        {items.map((partner, index) => (
          <li key={idOf(partner)} className="partner">
            <CollabText
              ytext={textOf(partner, 'name')}
              path={`partners.${idOf(partner)}.name`}
              label={t('proposals.partnerN', { n: index + 1 })}
              className="grow"
            />
            <ItemTools
              index={index}
              count={items.length}
              onRemove={() => list.delete(index, 1)}
              what={t('proposals.partnerN', { n: index + 1 })}
            />
          </li>
        ))}
      </ul>
      <AddButton onClick={() => list.push([newPartner()])}>{t('proposals.addPartner')}</AddButton>
    </section>
  );
}

function BudgetSection({ list }: { list: YList }) {
  const { t, i18n } = useTranslation();
  useYChange(list, true);
  const items = mapsIn(list);
  const amount = (m: YMap, key: string) => {
    const v = m.get(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  };
  const requested = items.reduce((sum, line) => sum + amount(line, 'amountRequested'), 0);
  const cofinanced = items.reduce(
    (sum, line) => sum + mapsIn(listOf(line, 'cofinancing')).reduce((s, c) => s + amount(c, 'amount'), 0),
    0,
  );
  return (
    <section className="card fields-section" aria-labelledby="fields-budget">
      <h2 id="fields-budget">{t('proposals.sectionBudget')}</h2>
      {items.length === 0 && <p className="empty small">{t('proposals.noBudget')}</p>}
      <ol className="budget-list">
        {items.map((line, index) => (
          <BudgetLineEditor
            key={idOf(line)}
            line={line}
            index={index}
            onRemove={() => list.delete(index, 1)}
          />
        ))}
      </ol>
      <AddButton onClick={() => list.push([newBudgetLine()])}>{t('proposals.addBudgetLine')}</AddButton>
      {items.length > 0 && (
        <dl className="budget-totals" aria-live="polite">
          <div>
            <dt>{t('proposals.totalRequested')}</dt>
            <dd>{formatMoney(requested, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t('proposals.totalCofinancing')}</dt>
            <dd>{formatMoney(cofinanced, i18n.language)}</dd>
          </div>
          <div>
            <dt>{t('proposals.totalProject')}</dt>
            <dd>{formatMoney(requested + cofinanced, i18n.language)}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

function BudgetLineEditor({ line, index, onRemove }: { line: YMap; index: number; onRemove: () => void }) {
  const { t } = useTranslation();
  useYChange(line);
  const id = idOf(line);
  const cofinancing = listOf(line, 'cofinancing');
  useYChange(cofinancing);
  const items = mapsIn(cofinancing);
  const name = t('proposals.budgetLineN', { n: index + 1 });
  return (
    <li className="budget-line">
      <div className="item-head">
        <h3 className="item-title">{name}</h3>
        <ItemTools index={index} count={1} onRemove={onRemove} what={name} />
      </div>
      <div className="field-row">
        <CollabText
          ytext={textOf(line, 'label')}
          path={`budget.${id}.label`}
          label={t('proposals.budgetLabel')}
          className="grow"
        />
        <CollabNumber
          map={line}
          field="amountRequested"
          path={`budget.${id}.amountRequested`}
          label={t('proposals.amountRequested')}
          suffix={<span aria-hidden="true">$</span>}
        />
        <CollabYear map={line} path={`budget.${id}.year`} />
      </div>
      <div className="cofinancing" role="group" aria-label={t('proposals.cofinancingOf', { line: name })}>
        <h4 className="item-title">{t('proposals.cofinancing')}</h4>
        <ul className="cofinancing-list">
          {items.map((c, ci) => (
            <li key={idOf(c)} className="field-row">
              <CollabText
                ytext={textOf(c, 'source')}
                path={`budget.${id}.cofinancing.${idOf(c)}.source`}
                label={t('proposals.cofinancingSourceN', { n: ci + 1 })}
                className="grow"
              />
              <CollabNumber
                map={c}
                field="amount"
                path={`budget.${id}.cofinancing.${idOf(c)}.amount`}
                label={t('proposals.cofinancingAmount')}
                suffix={<span aria-hidden="true">$</span>}
              />
              <ItemTools
                index={ci}
                count={1}
                onRemove={() => cofinancing?.delete(ci, 1)}
                what={t('proposals.cofinancingN', { n: ci + 1 })}
              />
            </li>
          ))}
        </ul>
        <AddButton onClick={() => cofinancing?.push([newCofinancing()])}>
          {t('proposals.addCofinancing')}
        </AddButton>
      </div>
    </li>
  );
}
