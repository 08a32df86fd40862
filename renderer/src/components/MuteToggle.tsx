// Turns notifications off (and back on) for one conversation or one whole account. A toggle
// button: its name stays the same and aria-pressed says whether it is muted.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/model';
import { toAppError } from '../api';
import { isAccountMuted, isThreadMuted, useDesktop } from '../stores/desktop';
import { ErrorNotice } from './ErrorNotice';

type Props = { target: 'account' | 'thread'; id: string; accountId?: string; compact?: boolean };

export function MuteToggle({ target, id, accountId, compact }: Props) {
  const { t } = useTranslation();
  const prefs = useDesktop((s) => s.prefs);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const muted = target === 'thread' ? isThreadMuted(prefs, id) : isAccountMuted(prefs, id);
  // A conversation of a muted account is silent anyway: say so rather than offer a button that changes nothing.
  const byAccount = target === 'thread' && !!accountId && isAccountMuted(prefs, accountId);

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      await useDesktop.getState().mute(target, id, !muted);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }

  if (!prefs) return null;
  const label = target === 'thread' ? t('desktop.muteConversation') : t('desktop.muteAccount');
  const title = byAccount ? t('desktop.accountMutedNote') : muted ? t('desktop.mutedTitle') : t('desktop.unmutedTitle');
  return (
    <>
      <button
        type="button"
        className={compact ? 'btn small mute-toggle' : 'btn mute-toggle'}
        aria-pressed={muted || byAccount}
        disabled={busy || byAccount}
        title={title}
        onClick={() => void toggle()}
      >
        {label}
      </button>
      {error ? <ErrorNotice error={error} compact /> : null}
    </>
  );
}
