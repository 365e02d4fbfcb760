import { useState } from 'react';
import type { ClientErrorCode } from '../api/http';
import { errorCodeOf } from '../components/ErrorMessage';

/**
 * An action asked for on one item (remove, deactivate, revoke), confirmed in a `ConfirmDialog`:
 * `ask(item)` opens it; `dialog` is what the dialog needs (busy, the refusal, confirm, close).
 */
export function useConfirmAction<T>(act: (target: T) => Promise<void>) {
  const [target, setTarget] = useState<T | null>(null);
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (target === null) return;
    setBusy(true);
    setError(null);
    try {
      await act(target);
      setTarget(null);
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  };

  return {
    target,
    error,
    ask: (next: T) => {
      setError(null);
      setTarget(next);
    },
    dialog: {
      open: target !== null,
      busy,
      error,
      onConfirm: () => void confirm(),
      onClose: () => setTarget(null),
    },
  };
}
