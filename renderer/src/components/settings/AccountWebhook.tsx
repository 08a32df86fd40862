// One account in the webhook panel: the URL its provider posts to, whether it is registered, and a
// test event that travels the provider's own path (public address → listener) to prove it works.
import { useState } from 'react';
import type { Account, ProviderInfo, RegistrationState } from '../../../../shared/model';
import type { ChannelOutput } from '../../../../shared/ipc';
import { call } from '../../api';
import { registrationLabel } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useSettings } from '../../stores/settings';
import { CopyButton } from '../CopyButton';
import { ErrorNotice } from '../ErrorNotice';

type TestResult = ChannelOutput<'webhooks:testEvent'>;

/** Where to paste the address for providers that are set up in their own dashboards. */
const manualHowTo: Partial<Record<ProviderInfo['id'], string>> = {
  omnichat: 'In Omnichat, open Devices → your device → Webhook URL, paste this address and save.',
  infobip:
    'Infobip pushes delivery reports to a notify URL set on your account; Switchboard also fetches reports every minute. For faster updates, set this address as the notify URL in the Infobip portal.',
};

export function AccountWebhook({ account, provider, registration }: { account: Account; provider?: ProviderInfo; registration?: RegistrationState }) {
  const register = useSettings((s) => s.register);
  const registering = useAction();
  const testing = useAction();
  const [test, setTest] = useState<TestResult | null>(null);
  const state = registration?.state ?? 'unregistered';
  const canRegister = !!provider?.capabilities.includes('webhookRegistration') && state !== 'manual';

  async function sendTest() {
    setTest(null);
    await testing.run(async () => setTest(await call('webhooks:testEvent', { accountId: account.id })));
  }

  return (
    <div className="webhook-row" role="group" aria-label={account.name}>
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
      {registering.error ? (
        <ErrorNotice error={registering.error} compact />
      ) : registration?.detail ? (
        <p className={state === 'failed' ? 'field-error' : 'muted'}>{registration.detail}</p>
      ) : null}
      {registration?.storageWarning ? (
        <p className="field-error" role="status">
          {registration.storageWarning}
        </p>
      ) : null}
      {!canRegister ? (
        <p className="howto">
          {manualHowTo[account.provider] ?? `${provider?.name ?? 'This provider'} doesn't take webhook addresses through its API: paste the address above into its dashboard.`}
        </p>
      ) : null}
      <div className="subform-actions">
        {canRegister ? (
          <button type="button" className="btn small" onClick={() => void registering.run(() => register(account.id))} disabled={registering.busy || state === 'registering'}>
            {registering.busy ? 'Registering…' : 'Register now'}
          </button>
        ) : null}
        <button type="button" className="btn small" onClick={sendTest} disabled={testing.busy} title="Posts a test event to this account's public address and waits for the listener to store it">
          {testing.busy ? 'Sending test event…' : 'Send test event'}
        </button>
      </div>
      {testing.error ? <ErrorNotice error={testing.error} compact /> : null}
      {test ? (
        <div className={test.ok ? 'notice ok compact' : 'notice error compact'} role={test.ok ? 'status' : 'alert'}>
          <p className="notice-message">
            {test.message} <span className="test-ms">({test.ms} ms)</span>
          </p>
        </div>
      ) : null}
    </div>
  );
}
