import { useState, type FormEvent } from 'react';
import type { ClientErrorCode } from '../api/http';
import { errorCodeOf } from '../components/ErrorMessage';
import { fieldErrors, focusFirstError, hasErrors, serverFieldErrors, type FieldErrors } from './forms';

/** What a schema's `safeParse` answers (zod's shape, without tying the hook to one schema). */
type Parsed<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } };

export interface FormSubmitOptions {
  /** Field ids are `${prefix}-${path with dashes}` (see `fieldId`). */
  prefix: string;
  /** The field paths in page order: focus goes to the first one with a problem. */
  order: readonly string[];
  /** The message for each field path the schema (or the server) may refuse. */
  messages: Record<string, string>;
  /** Field errors for a refusal code (`slug_taken` -> the slug); other codes are the form's error. */
  refusals?: Partial<Record<ClientErrorCode, FieldErrors>>;
  /** Success leaves the page: the button stays busy until it is gone. */
  leavesPage?: boolean;
}

/**
 * A validated form's state and submit: field errors (focus on the first), the form's own error,
 * a status line and the busy flag.
 */
export function useFormSubmit({
  prefix,
  order,
  messages,
  refusals = {},
  leavesPage = false,
}: FormSubmitOptions) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const show = (next: FieldErrors, code: ClientErrorCode) => {
    setErrors(next);
    if (hasErrors(next)) focusFirstError(prefix, next, order);
    else setError(code);
  };

  /** Shows what `parsed` refuses, or runs `save` with its data and shows what the server refuses. */
  const submit = async <T>(event: FormEvent, parsed: Parsed<T>, save: (data: T) => Promise<void>) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    if (!parsed.success) {
      show(fieldErrors(parsed.error.issues, messages), 'invalid');
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await save(parsed.data);
      if (!leavesPage) setBusy(false);
    } catch (err) {
      const code = errorCodeOf(err);
      show(refusals[code] ?? serverFieldErrors(err, messages), code);
      setBusy(false);
    }
  };

  return { errors, error, status, setStatus, busy, submit };
}
