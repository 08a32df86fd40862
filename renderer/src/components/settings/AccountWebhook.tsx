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
import { errorText, reasonText, t } from '../../i18n';
import { providerName } from '../providerWords';

type TestResult = ChannelOutput<'webhooks:testEvent'>;

/** Where to paste the address for providers that are set up in their own dashboards. */
const manualHowTo = (provider: ProviderInfo['id']): string | undefined =>
  provider === 'omnichat' || provider === 'infobip' ? t(`webhook.howTo.${provider}`) : undefined;

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
        <span className="badge provider">{(provider ? providerName(provider) : account.provider)}</span>
        <span className={`badge reg reg-${state}`}>{registrationLabel[state]}</span>
      </div>
      {registration?.url ? (
        <div className="webhook-url">
          <code className="mono">{registration.url}</code>
          <CopyButton text={registration.url} />
        </div>
      ) : (
        <p className="muted">{t('webhook.appearsSoon')}</p>
      )}
      {/* The answer to "Register now" (with its technical details) says more than the stored detail line. */}
      {registering.error ? (
        <ErrorNotice error={registering.error} compact />
      ) : registration?.detail ? (
        <p className={state === 'failed' ? 'field-error' : 'muted'}>{reasonText(registration.detail, registration.detailWording)}</p>
      ) : null}
      {registration?.storageWarning ? (
        <p className="field-error" role="status">
          {reasonText(registration.storageWarning, registration.storageWarningWording)}
        </p>
      ) : null}
      {!canRegister ? (
        <p className="howto">
          {manualHowTo(account.provider) ?? t('webhook.manual', { provider: (provider ? providerName(provider) : t('webhook.thisProvider')) })}
        </p>
      ) : null}
      <div className="subform-actions">
        {canRegister ? (
          <button type="button" className="btn small" onClick={() => void registering.run(() => register(account.id))} disabled={registering.busy || state === 'registering'}>
            {registering.busy ? t('status.registration.registering') : t('webhook.register')}
          </button>
        ) : null}
        <button type="button" className="btn small" onClick={sendTest} disabled={testing.busy} title={t('webhook.testTitle')}>
          {testing.busy ? t('webhook.testing') : t('webhook.test')}
        </button>
      </div>
      {testing.error ? <ErrorNotice error={testing.error} compact /> : null}
      {test ? (
        <div className={test.ok ? 'notice ok compact' : 'notice error compact'} role={test.ok ? 'status' : 'alert'}>
          <p className="notice-message">
            {errorText({ code: 'unexpected_response', message: test.message, key: test.key, params: test.params })} <span className="test-ms">{t('webhook.ms', { ms: test.ms })}</span>
          </p>
        </div>
      ) : null}
    </div>
  );
}
