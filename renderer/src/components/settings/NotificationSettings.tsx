// Notifications and staying on: do-not-disturb, what is muted (with a way back), whether this
// browser may show notifications, and — in the desktop app — starting at login.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/model';
import { toAppError } from '../../api';
import { webNotificationPermission } from '../../notifications';
import { useAccounts } from '../../stores/accounts';
import { useDesktop } from '../../stores/desktop';
import { useInbox } from '../../stores/inbox';
import { useSettings } from '../../stores/settings';
import { ErrorNotice } from '../ErrorNotice';
import { Check } from '../Field';
import { threadTitle } from '../../format';

export function NotificationSettings() {
  const { t } = useTranslation();
  const prefs = useDesktop((s) => s.prefs);
  const loadError = useDesktop((s) => s.error);
  const desktopApp = useSettings((s) => s.info?.shell === false);
  const accounts = useAccounts((s) => s.accounts);
  const threads = useInbox((s) => s.threads);
  const [permission, setPermission] = useState(webNotificationPermission);
  const [error, setError] = useState<AppError | null>(null);
  const mutedThreads = prefs?.mutedThreads;

  // Muted conversations may sit on a page of the list not loaded yet: fetch them to show their names.
  useEffect(() => {
    if (mutedThreads?.length) void useInbox.getState().ensureThreads(mutedThreads).catch(() => undefined);
  }, [mutedThreads]);

  async function run(action: () => Promise<void>) {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(toAppError(err));
    }
  }

  async function askPermission() {
    await Notification.requestPermission();
    setPermission(webNotificationPermission());
  }

  if (!prefs) return loadError ? <ErrorNotice error={loadError} onRetry={() => void useDesktop.getState().load()} /> : null;
  const { setPrefs, mute } = useDesktop.getState();
  const muted = [
    ...prefs.mutedAccounts.map((id) => ({ target: 'account' as const, id, name: accounts.find((a) => a.id === id)?.name ?? t('desktop.removedAccount') })),
    ...prefs.mutedThreads.map((id) => ({ target: 'thread' as const, id, name: threads[id] ? threadTitle(threads[id]) : t('desktop.unknownConversation') })),
  ];

  return (
    <section className="card form notification-settings" aria-labelledby="settings-notifications-title">
      <h2 id="settings-notifications-title">{t('desktop.notifications')}</h2>
      <Check id="settings-dnd" label={t('desktop.doNotDisturb')} checked={prefs.doNotDisturb} onChange={(on) => void run(() => setPrefs({ doNotDisturb: on }))} help={t('desktop.doNotDisturbHelp')} />
      {permission === 'default' ? (
        <div className="notice compact">
          <p className="notice-message">{t('desktop.permissionDefault')}</p>
          <button type="button" className="btn" onClick={() => void askPermission()}>
            {t('desktop.allow')}
          </button>
        </div>
      ) : null}
      {permission === 'denied' ? <p className="help">{t('desktop.permissionDenied')}</p> : null}
      {permission === 'unsupported' ? <p className="help">{t('desktop.unsupported')}</p> : null}
      <h3>{t('desktop.mutedHeading')}</h3>
      {muted.length === 0 ? (
        <p className="help">{t('desktop.noneMuted')}</p>
      ) : (
        <ul className="muted-list" aria-label={t('desktop.mutedHeading')}>
          {muted.map((m) => (
            <li key={`${m.target}:${m.id}`}>
              <span>
                {m.name} <span className="muted">· {m.target === 'account' ? t('desktop.wholeAccount') : t('desktop.conversation')}</span>
              </span>
              <button type="button" className="btn small" aria-label={t('desktop.unmuteName', { name: m.name })} onClick={() => void run(() => mute(m.target, m.id, false))}>
                {t('desktop.unmute')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {desktopApp ? (
        <>
          <h3>{t('desktop.alwaysOn')}</h3>
          <Check id="settings-login" label={t('desktop.openAtLogin')} checked={prefs.openAtLogin} onChange={(on) => void run(() => setPrefs({ openAtLogin: on }))} help={t('desktop.trayHelp')} />
        </>
      ) : null}
      {error ? <ErrorNotice error={error} compact /> : null}
    </section>
  );
}
