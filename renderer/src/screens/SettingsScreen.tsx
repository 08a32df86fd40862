// Settings: general preferences and the webhook listener with each account's registration.
import { ErrorNotice } from '../components/ErrorNotice';
import { SettingsForm } from '../components/SettingsForm';
import { WebhookPanel } from '../components/WebhookPanel';
import { useAccounts } from '../stores/accounts';
import { useSettings } from '../stores/settings';

export function SettingsScreen() {
  const { settings, webhooks, info, loading, error, load } = useSettings();
  const accounts = useAccounts((s) => s.accounts);
  const providers = useAccounts((s) => s.providers);

  return (
    <main className="screen" aria-labelledby="settings-title">
      <header className="screen-head">
        <h1 id="settings-title">Settings</h1>
      </header>
      <div className="screen-body">
        {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
        {loading && !settings ? <p className="muted">Loading settings…</p> : null}
        {settings ? <SettingsForm settings={settings} /> : null}
        {webhooks ? <WebhookPanel status={webhooks} accounts={accounts} providers={providers} /> : null}
        {info ? (
          <p className="muted about">
            Switchboard {info.version} · {info.shell ? 'browser shell' : 'desktop app'} · data in <span className="mono">{info.dataDir}</span>
          </p>
        ) : null}
      </div>
    </main>
  );
}
