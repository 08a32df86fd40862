// An error as the operator sees it: the plain message, the technical detail folded away, and a way on.
import type { AppError } from '../../../shared/model';

type Props = {
  error: AppError;
  onRetry?: () => void;
  retryLabel?: string;
  compact?: boolean;
};

export function ErrorNotice({ error, onRetry, retryLabel = 'Retry', compact }: Props) {
  return (
    <div className={compact ? 'notice error compact' : 'notice error'} role="alert">
      <p className="notice-message">{error.message}</p>
      {error.detail ? (
        <details>
          <summary>Details</summary>
          <pre>{error.detail}</pre>
        </details>
      ) : null}
      {onRetry ? (
        <button type="button" className="btn small" onClick={onRetry}>
          {retryLabel}
        </button>
      ) : null}
    </div>
  );
}
