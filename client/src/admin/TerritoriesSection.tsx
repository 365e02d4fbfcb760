import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, TERRITORY_KINDS, territoryBody, type Territory, type TerritoryKind } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { useFetched } from '../fund/useFetched';
import { adminApi } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { Field, SelectField } from './forms';

/** The territories the region is divided into (MRC, cities, sectors, communities). */
export function TerritoriesSection() {
  const { t } = useTranslation();
  const list = useFetched(adminApi.territories, 'territories');
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Territory | null>(null);
  const [removeError, setRemoveError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const territories = list.data ?? [];

  const replace = (next: Territory) => list.set(territories.map((x) => (x.id === next.id ? next : x)));

  const onRemove = async () => {
    if (!removing) return;
    setBusy(true);
    setRemoveError(null);
    try {
      await adminApi.deleteTerritory(removing.id);
      list.set(territories.filter((x) => x.id !== removing.id));
      setStatus(t('admin.territoryRemoved', { name: removing.name }));
      setRemoving(null);
    } catch (err) {
      setRemoveError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

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
                  <div className="admin-row-actions">
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      aria-label={t('admin.editNamed', { name: territory.name })}
                      onClick={() => setEditing(territory.id)}
                    >
                      {t('admin.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button-quiet button-small danger"
                      aria-label={t('admin.removeNamed', { name: territory.name })}
                      onClick={() => {
                        setRemoveError(null);
                        setRemoving(territory);
                      }}
                    >
                      {t('admin.remove')}
                    </button>
                  </div>
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
        open={removing !== null}
        title={t('admin.removeTerritoryTitle', { name: removing?.name ?? '' })}
        confirmLabel={t('admin.remove')}
        danger
        busy={busy}
        error={removeError}
        onConfirm={() => void onRemove()}
        onClose={() => setRemoving(null)}
      >
        <p>{removeError === 'in_use' ? t('admin.territoryInUse') : t('admin.removeTerritoryBody')}</p>
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
