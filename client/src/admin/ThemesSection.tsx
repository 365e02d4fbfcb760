import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, themesBody } from '@cocon/shared';
import type { ClientErrorCode } from '../api/http';
import { ErrorMessage, errorCodeOf } from '../components/ErrorMessage';
import { useFetched } from '../fund/useFetched';
import { adminApi } from './api';
import { Field } from './forms';

/** Moves `list[index]` by `delta` places (a copy; unchanged at the ends). */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** The plan's themes (enjeux), in order: add, remove, reorder, then save the whole list. */
export function ThemesSection() {
  const loaded = useFetched(adminApi.themes, 'themes');
  const { t } = useTranslation();
  if (loaded.error && !loaded.data) return <ErrorMessage code={loaded.error} />;
  if (!loaded.data) return <p>{t('app.loading')}</p>;
  return <ThemesEditor initial={loaded.data} onSaved={loaded.set} />;
}

function ThemesEditor({ initial, onSaved }: { initial: string[]; onSaved: (themes: string[]) => void }) {
  const { t } = useTranslation();
  const [themes, setThemes] = useState(initial);
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | undefined>();
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  // After a move, focus follows the moved theme's button.
  const focusId = useRef<string | null>(null);
  const dirty = themes.join('\n') !== initial.join('\n');

  useEffect(() => {
    if (focusId.current) document.getElementById(focusId.current)?.focus();
    focusId.current = null;
  }, [themes]);

  const move = (index: number, delta: number) => {
    const theme = themes[index] ?? '';
    const next = moveItem(themes, index, delta);
    setThemes(next);
    const at = index + delta;
    // The same button, unless the theme reached an end (that button is then disabled).
    const up = delta < 0 ? at > 0 : at === next.length - 1;
    focusId.current = `theme-${at}-${up ? 'up' : 'down'}`;
    setStatus(t('admin.themeMoved', { name: theme, position: at + 1, total: next.length }));
  };

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    const name = draft.trim();
    if (!name) {
      setDraftError(t('forms.required'));
      return;
    }
    if (themes.some((x) => x.toLowerCase() === name.toLowerCase())) {
      setDraftError(t('admin.themeDuplicate'));
      return;
    }
    setDraftError(undefined);
    setThemes([...themes, name]);
    setDraft('');
    setStatus(t('admin.themeAddedUnsaved', { name }));
  };

  const onSave = async () => {
    setError(null);
    setProblem(null);
    const parsed = themesBody.safeParse({ themes });
    if (!parsed.success) {
      setProblem(t('admin.themesInvalid'));
      return;
    }
    setBusy(true);
    try {
      const saved = await adminApi.saveThemes(parsed.data);
      setThemes(saved.themes);
      onSaved(saved.themes);
      setStatus(t('admin.saved'));
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="themes-title">
      <h2 id="themes-title">{t('admin.tab_themes')}</h2>
      <p className="muted">{t('admin.themesIntro')}</p>
      {themes.length === 0 && <p className="empty">{t('admin.noThemes')}</p>}
      <ol className="admin-list admin-themes">
        {themes.map((theme, index) => (
          <li key={theme} className="admin-row">
            <div className="admin-row-main">
              <span>
                <span className="muted">{index + 1}. </span>
                {theme}
              </span>
            </div>
            <div className="admin-row-actions">
              <button
                id={`theme-${index}-up`}
                type="button"
                className="button button-quiet button-small"
                aria-label={t('admin.moveUpNamed', { name: theme })}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                <span aria-hidden="true">↑</span> {t('admin.moveUp')}
              </button>
              <button
                id={`theme-${index}-down`}
                type="button"
                className="button button-quiet button-small"
                aria-label={t('admin.moveDownNamed', { name: theme })}
                disabled={index === themes.length - 1}
                onClick={() => move(index, 1)}
              >
                <span aria-hidden="true">↓</span> {t('admin.moveDown')}
              </button>
              <button
                type="button"
                className="button button-quiet button-small danger"
                aria-label={t('admin.removeNamed', { name: theme })}
                onClick={() => {
                  setThemes(themes.filter((x) => x !== theme));
                  setStatus(t('admin.themeRemovedUnsaved', { name: theme }));
                  document.getElementById('theme-new')?.focus();
                }}
              >
                {t('admin.remove')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <form className="admin-inline-form" onSubmit={onAdd} noValidate>
        <Field
          id="theme-new"
          label={t('admin.newTheme')}
          value={draft}
          onChange={setDraft}
          error={draftError}
          maxLength={LIMITS.titleMax}
        />
        <div className="admin-form-actions">
          <button type="submit" className="button button-secondary button-small">
            {t('admin.add')}
          </button>
        </div>
      </form>
      <p className="form-status" role="status">
        {status}
      </p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <ErrorMessage code={error} />
      <div className="admin-form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !dirty}
          onClick={() => void onSave()}
        >
          {busy ? t('admin.saving') : t('admin.saveThemes')}
        </button>
        {dirty && <span className="muted small">{t('admin.unsaved')}</span>}
      </div>
    </section>
  );
}
