// Busy flag and error for one operator action: `run` resolves true when the action succeeded, and
// keeps the main side's words when it failed so the form can show them next to what was typed.
import { useCallback, useState } from 'react';
import type { AppError } from '../../../shared/model';
import { toAppError } from '../api';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(toAppError(err));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
