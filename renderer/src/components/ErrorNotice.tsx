// An error as the operator sees it: the plain message, the technical detail folded away, and a way on.
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/model';
import { errorText } from '../i18n';

type Props = {
  error: AppError;
  onRetry?: () => void;
  retryLabel?: string;
  compact?: boolean;
};

export function ErrorNotice({ error, onRetry, retryLabel, compact }: Props) {
  const { t } = useTranslation();
  return (
    <div className={compact ? 'notice error compact' : 'notice error'} role="alert">
      <p className="notice-message">{errorText(error)}</p>
      {error.detail ? (
        <details>
          <summary>{t('common.details')}</summary>
          <pre>{error.detail}</pre>
        </details>
      ) : null}
      {onRetry ? (
        <button type="button" className="btn small" onClick={onRetry}>
          {retryLabel ?? t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
