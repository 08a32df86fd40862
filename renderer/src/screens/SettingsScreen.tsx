// Settings: general preferences, the public address providers reach the listener at (tunnel or
// the operator's own), each account's webhook with a test event, and events no reader understood.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/ErrorNotice';
import { SettingsForm } from '../components/SettingsForm';
import { LanguageSetting } from '../components/settings/LanguageSetting';
import { NotificationSettings } from '../components/settings/NotificationSettings';
import { UnparsedEvents } from '../components/settings/UnparsedEvents';
import { WebhookPanel } from '../components/WebhookPanel';
import { useAccounts } from '../stores/accounts';
import { useSettings } from '../stores/settings';

export function SettingsScreen() {
  const { t } = useTranslation();
  const { settings, webhooks, info, loading, error, load } = useSettings();
  const accounts = useAccounts((s) => s.accounts);
  const providers = useAccounts((s) => s.providers);

  // Fresh on every visit: events that arrived unread since are counted (that change isn't pushed).
  useEffect(() => {
    void useSettings.getState().refreshWebhooks();
  }, []);

  return (
    <main className="screen" aria-labelledby="settings-title">
      <header className="screen-head">
        <h1 id="settings-title">{t('nav.settings')}</h1>
      </header>
      <div className="screen-body">
        {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
        {loading && !settings ? <p className="muted">{t('settings.loading')}</p> : null}
        {settings ? <LanguageSetting value={settings.language} /> : null}
        {settings ? <SettingsForm settings={settings} status={webhooks} /> : null}
        {settings ? <NotificationSettings /> : null}
        {webhooks ? <WebhookPanel status={webhooks} accounts={accounts} providers={providers} /> : null}
        {webhooks ? <UnparsedEvents /> : null}
        {info ? (
          <p className="muted about">
            Switchboard {info.version} · {info.shell ? t('settings.browserShell') : t('settings.desktopApp')} · {t('settings.dataIn')} <span className="mono">{info.dataDir}</span>
          </p>
        ) : null}
      </div>
    </main>
  );
}
