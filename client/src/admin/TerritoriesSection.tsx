import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, TERRITORY_KINDS, territoryBody, type Territory, type TerritoryKind } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { useFetched } from '../fund/useFetched';
import { adminApi } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { RowActions } from './RowActions';
import { useConfirmAction } from './useConfirmAction';
import { Field, SelectField } from './forms';

/** The territories the region is divided into (MRC, cities, sectors, communities). */
export function TerritoriesSection() {
  const { t } = useTranslation();
  const list = useFetched(adminApi.territories, 'territories');
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const territories = list.data ?? [];
  const removal = useConfirmAction(async (territory: Territory) => {
    await adminApi.deleteTerritory(territory.id);
    list.set(territories.filter((x) => x.id !== territory.id));
    setStatus(t('admin.territoryRemoved', { name: territory.name }));
  });

  const replace = (next: Territory) => list.set(territories.map((x) => (x.id === next.id ? next : x)));

  return (
    <div className="admin-columns">
      <section className="card" aria-labelledby="territories-title">
        <h2 id="territories-title">{t('admin.tab_territories')}</h2>
        <p className="muted">{t('admin.territoriesIntro')}</p>
        <ErrorMessage code={list.error} />
        {list.data?.length === 0 && <p className="empty">{t('admin.noTerritories')}</p>}
        <p className="form-status" role="status">
          {status}
        </p>
        <ul className="admin-list">
          {territories.map((territory) => (
            <li key={territory.id} className="admin-row">
              {editing === territory.id ? (
                <TerritoryForm
                  idPrefix={`territory-${territory.id}`}
                  initial={territory}
                  onCancel={() => setEditing(null)}
                  onSave={async (body) => {
                    replace(await adminApi.updateTerritory(territory.id, body));
                    setEditing(null);
                    setStatus(t('admin.saved'));
                  }}
                />
              ) : (
                <>
                  <div className="admin-row-main">
                    <strong>{territory.name}</strong>
                    <span className="muted small">{t(`territoryKinds.${territory.kind}`)}</span>
                  </div>
                  <RowActions
                    name={territory.name}
                    onEdit={() => setEditing(territory.id)}
                    onRemove={() => removal.ask(territory)}
                  />
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="territory-add-title">
        <h2 id="territory-add-title">{t('admin.addTerritory')}</h2>
        <TerritoryForm
          idPrefix="territory-new"
          onSave={async (body) => {
            const created = await adminApi.createTerritory(body);
            list.set([...territories, created]);
            setStatus(t('admin.territoryAdded', { name: created.name }));
          }}
        />
      </section>
      <ConfirmDialog
        {...removal.dialog}
        title={t('admin.removeTerritoryTitle', { name: removal.target?.name ?? '' })}
        confirmLabel={t('admin.remove')}
        danger
      >
        <p>{removal.error === 'in_use' ? t('admin.territoryInUse') : t('admin.removeTerritoryBody')}</p>
      </ConfirmDialog>
    </div>
  );
}

/** Name and kind of a territory: adds one (then clears) or renames one (with Cancel). */
function TerritoryForm({
  idPrefix,
  initial,
  onSave,
  onCancel,
}: {
  idPrefix: string;
  initial?: Territory;
  onSave: (body: { name: string; kind: TerritoryKind }) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [kind, setKind] = useState<TerritoryKind>(initial?.kind ?? 'mrc');
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const parsed = territoryBody.safeParse({ name, kind });
    if (!parsed.success) {
      setNameError(t('forms.required'));
      document.getElementById(`${idPrefix}-name`)?.focus();
      return;
    }
    setNameError(undefined);
    setBusy(true);
    try {
      await onSave(parsed.data);
      if (!initial) {
        setName('');
        setBusy(false);
      }
    } catch (err) {
      setError(errorCodeOf(err));
      setBusy(false);
    }
  };

  return (
    <form className="admin-inline-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <Field
        id={`${idPrefix}-name`}
        label={t('admin.territoryName')}
        value={name}
        onChange={setName}
        error={nameError}
        maxLength={LIMITS.titleMax}
        autoFocus={initial !== undefined}
        required
      />
      <SelectField
        id={`${idPrefix}-kind`}
        label={t('admin.territoryKind')}
        value={kind}
        options={TERRITORY_KINDS.map((k) => ({ value: k, label: t(`territoryKinds.${k}`) }))}
        onChange={setKind}
      />
      <ErrorMessage code={error} />
      <div className="admin-form-actions">
        <button type="submit" className="button button-primary button-small" disabled={busy}>
          {initial ? t('admin.save') : t('admin.add')}
        </button>
        {onCancel && (
          <button type="button" className="button button-quiet button-small" onClick={onCancel}>
            {t('admin.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
