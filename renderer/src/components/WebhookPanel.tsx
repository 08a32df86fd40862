// Each account's webhook: the URL its provider posts to, whether it is registered, and a test event.
// (The listener itself and the public address in front of it are under "Public address".)
import type { Account, ProviderInfo, WebhookStatus } from '../../../shared/model';
import { AccountWebhook } from './settings/AccountWebhook';
import { t } from '../i18n';

export function WebhookPanel({ status, accounts, providers }: { status: WebhookStatus; accounts: Account[]; providers: ProviderInfo[] }) {
  return (
    <section className="card" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('settings.webhooks')}</h2>
      <p className="muted note">
        {t('settings.webhooksHelp')}
      </p>
      {accounts.length === 0 ? (
        <p className="muted">{t('settings.webhooksNone')}</p>
      ) : (
        // Each account's row is a named group (with its own buttons), so the container is not a list.
        <div className="webhook-list">
          {accounts.map((account) => (
            <AccountWebhook
              key={account.id}
              account={account}
              provider={providers.find((p) => p.id === account.provider)}
              registration={status.registrations.find((r) => r.accountId === account.id)}
            />
          ))}
        </div>
      )}
    </section>
  );
}
