import type { InputHTMLAttributes, ReactNode } from 'react';
import { ApiRequestError } from '../api/http';

/** A form's problems, one translated message per field path ("admin.email"). */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * Turns schema issues (a zod `safeParse` failure, or the `issues` of a 400 answer) into one
 * message per field: `messages` says what to tell for each path; paths it lacks are ignored.
 */
export function fieldErrors(
  issues: readonly { path: readonly PropertyKey[] | string }[],
  messages: Record<string, string>,
): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path : issue.path.map(String).join('.');
    // A nested path ("themes.2") falls back to its field ("themes").
    const key = path in messages ? path : Object.keys(messages).find((k) => path.startsWith(`${k}.`));
    if (key && !(key in out)) out[key] = messages[key];
  }
  return out;
}

/** The server's own field issues, when it refused with `invalid`. */
export function serverFieldErrors(err: unknown, messages: Record<string, string>): FieldErrors {
  return err instanceof ApiRequestError && err.issues ? fieldErrors(err.issues, messages) : {};
}

export const hasErrors = (errors: FieldErrors): boolean => Object.values(errors).some(Boolean);

/** Moves focus to the first field with a problem (ids are `${prefix}-${path with dashes}`). */
export function focusFirstError(prefix: string, errors: FieldErrors, order: readonly string[]): void {
  const first = order.find((path) => errors[path]);
  if (first) document.getElementById(fieldId(prefix, first))?.focus();
}

export const fieldId = (prefix: string, path: string): string => `${prefix}-${path.replace(/\./g, '-')}`;

const describedBy = (id: string, hint: ReactNode, error: string | undefined): string | undefined =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

function Below({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="form-error">
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled input whose hint and error are tied to it (aria-describedby, aria-invalid). */
export function Field({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  ...input
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
} & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'autoComplete' | 'maxLength' | 'required' | 'inputMode' | 'spellCheck' | 'autoFocus' | 'readOnly'
>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        {...input}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
      <Below id={id} hint={hint} error={error} />
    </div>
  );
}

/** A labelled select with the same hint and error wiring as `Field`. */
export function SelectField<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
  hint,
  error,
  placeholder,
}: {
  id: string;
  label: string;
  value: T | '';
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  hint?: ReactNode;
  error?: string;
  /** A first, empty choice ("Choisir…"). */
  placeholder?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="select"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Below id={id} hint={hint} error={error} />
    </div>
  );
}

/** A fieldset of checkboxes (themes, communities, members); `selected` keeps the given order. */
export function CheckboxGroup({
  id,
  legend,
  options,
  selected,
  onChange,
  empty,
  hint,
}: {
  id: string;
  legend: string;
  options: readonly { value: string; label: string; detail?: string }[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  /** Shown instead of the boxes when there is nothing to choose. */
  empty: string;
  hint?: string;
}) {
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  return (
    <fieldset className="field admin-checks" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {options.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul className="admin-check-list">
          {options.map((option) => (
            <li key={option.value}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={selected.includes(option.value)}
                  onChange={(e) => toggle(option.value, e.target.checked)}
                />
                <span>
                  {option.label}
                  {option.detail && <span className="muted small"> {option.detail}</span>}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
