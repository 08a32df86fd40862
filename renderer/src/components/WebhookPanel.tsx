// The webhook listener and, per account, the URL providers post to and whether it is registered.
import { useState } from 'react';
import type { Account, AppError, ProviderInfo, RegistrationState, WebhookStatus } from '../../../shared/model';
import { toAppError } from '../api';
import { registrationLabel } from '../format';
import { useSettings } from '../stores/settings';
import { ErrorNotice } from './ErrorNotice';

function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2500);
  }
  return (
    <>
      <button type="button" className="btn small" onClick={copy}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      {state === 'failed' ? <span className="field-error">Couldn't reach the clipboard — select the address and copy it by hand.</span> : null}
    </>
  );
}

/** Where to paste the address for providers that are set up in their own dashboards. */
const manualHowTo: Partial<Record<ProviderInfo['id'], string>> = {
  omnichat: 'In Omnichat, open Devices → your device → Webhook URL, paste this address and save.',
  infobip:
    'Infobip pushes delivery reports to a notify URL set on your account; Switchboard also fetches reports every minute. For faster updates, set this address as the notify URL in the Infobip portal.',
  qontak: 'Qontak Hub does not send webhooks Switchboard uses; delivery states are read back from Qontak every minute. Nothing to set up.',
};

function AccountWebhook({ account, provider, registration }: { account: Account; provider?: ProviderInfo; registration?: RegistrationState }) {
  const register = useSettings((s) => s.register);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const state = registration?.state ?? 'unregistered';
  const canRegister = !!provider?.capabilities.includes('webhookRegistration');

  async function registerNow() {
    setBusy(true);
    setError(null);
    try {
      await register(account.id);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="webhook-row" role="group" aria-label={account.name}>
      <div className="webhook-top">
        <strong>{account.name}</strong>
        <span className="badge provider">{provider?.name ?? account.provider}</span>
        <span className={`badge reg reg-${state}`}>{registrationLabel[state]}</span>
      </div>
      {registration?.url ? (
        <div className="webhook-url">
          <code className="mono">{registration.url}</code>
          <CopyButton text={registration.url} />
        </div>
      ) : (
        <p className="muted">The address appears once the listener is running.</p>
      )}
      {/* The answer to "Register now" (with its technical details) says more than the stored detail line. */}
      {error ? (
        <ErrorNotice error={error} compact />
      ) : registration?.detail ? (
        <p className={state === 'failed' ? 'field-error' : 'muted'}>{registration.detail}</p>
      ) : null}
      {canRegister && state !== 'manual' ? (
        <button type="button" className="btn small" onClick={registerNow} disabled={busy || state === 'registering'}>
          {busy ? 'Registering…' : 'Register now'}
        </button>
      ) : (
        <p className="howto">
          {manualHowTo[account.provider] ?? `${provider?.name ?? 'This provider'} doesn't take webhook addresses through its API: paste the address above into its dashboard.`}
        </p>
      )}
    </li>
  );
}

export function WebhookPanel({ status, accounts, providers }: { status: WebhookStatus; accounts: Account[]; providers: ProviderInfo[] }) {
  return (
    <section className="card" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhook listener</h2>
      <p className="listener">
        <span className={status.listening ? 'dot dot-connected' : 'dot dot-unreachable'} aria-hidden="true" />
        {status.listening ? (
          <>
            Listening on <code className="mono">{status.localBaseUrl ?? `port ${status.port}`}</code>
          </>
        ) : (
          'Not listening'
        )}
      </p>
      {status.error ? (
        <div className="notice error compact" role="alert">
          <p className="notice-message">{status.error}</p>
          <p className="muted">Check the listener port above (0 picks any free port) and save again.</p>
        </div>
      ) : null}
      {status.publicBaseUrl ? (
        <p className="muted">
          Providers reach it through <code className="mono">{status.publicBaseUrl}</code>.
        </p>
      ) : (
        <p className="muted">No public base URL is set, so only this computer can reach the listener. Providers on the internet need a tunnel or reverse proxy address (above).</p>
      )}
      {accounts.length === 0 ? (
        <p className="muted">Each account's webhook address will show here once you add an account.</p>
      ) : (
        <ul className="webhook-list">
          {accounts.map((account) => (
            <AccountWebhook
              key={account.id}
              account={account}
              provider={providers.find((p) => p.id === account.provider)}
              registration={status.registrations.find((r) => r.accountId === account.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
