// Each account's webhook: the URL its provider posts to, whether it is registered, and a test event.
// (The listener itself and the public address in front of it are under "Public address".)
import type { Account, ProviderInfo, WebhookStatus } from '../../../shared/model';
import { AccountWebhook } from './settings/AccountWebhook';

export function WebhookPanel({ status, accounts, providers }: { status: WebhookStatus; accounts: Account[]; providers: ProviderInfo[] }) {
  return (
    <section className="card" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Account webhooks</h2>
      <p className="muted note">
        Where each provider posts its events. “Send test event” posts one to the account's public address and checks that Switchboard stores
        it, the same way a provider's event travels.
      </p>
      {accounts.length === 0 ? (
        <p className="muted">Each account's webhook address will show here once you add an account.</p>
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
