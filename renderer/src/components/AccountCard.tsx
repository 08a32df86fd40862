// One account: its status in words, a connection test with the provider's answer, edit and remove,
// its sending pace, and what only its provider has: the sending line, delivery reports on demand,
// the auto-reply test.
import { useState } from 'react';
import type { Account, AppError, ConnectionTest, ProviderInfo } from '../../../shared/model';
import { call, toAppError } from '../api';
import { accountStatusLabel } from '../format';
import { useAction } from '../hooks/useAction';
import { useAccounts } from '../stores/accounts';
import { useUi } from '../stores/ui';
import { AutoReplyTest } from './account/AutoReplyTest';
import { LinesSection } from './account/LinesSection';
import { PacingSection } from './account/PacingSection';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorNotice } from './ErrorNotice';
import { MuteToggle } from './MuteToggle';
import { StatusDot } from './StatusDot';
import { errorText, reasonText, t } from '../i18n';
import { Trans } from 'react-i18next';
import { providerName } from './providerWords';

export function AccountCard({ account, provider }: { account: Account; provider: ProviderInfo | undefined }) {
  const openAccountForm = useUi((s) => s.openAccountForm);
  const remove = useAccounts((s) => s.remove);
  const [testing, setTesting] = useState(false);
  // A test result belongs to the settings it tested: once the config changes (a line picked, an
  // edit), its advice ("pick a line first") no longer holds and it is hidden.
  const configKey = JSON.stringify(account.config);
  const [tested, setTested] = useState<{ config: string; result: ConnectionTest } | null>(null);
  const result = tested?.config === configKey ? tested.result : null;
  const [error, setError] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [autoReplyOpen, setAutoReplyOpen] = useState(false);
  const reports = useAction();
  const [updated, setUpdated] = useState<number | null>(null);
  const can = (c: ProviderInfo['capabilities'][number]) => !!provider?.capabilities.includes(c);

  async function test() {
    setTesting(true);
    setTested(null);
    setError(null);
    try {
      setTested({ config: configKey, result: await call('accounts:testConnection', { id: account.id }) });
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setTesting(false);
    }
  }

  async function checkReports() {
    setUpdated(null);
    let count = 0;
    if (await reports.run(async () => (count = (await call('reports:refresh', { accountId: account.id })).updated))) setUpdated(count);
  }

  // What the card already says about the connection, so a section does not say it a second time.
  const connectionProblemShown = !!error || (result ? !result.ok : !!account.statusDetail && account.status !== 'connected');

  return (
    <li className="card account-card" aria-label={account.name}>
      <div className="account-head">
        <div>
          <h3>{account.name}</h3>
          <span className="badge provider">{(provider ? providerName(provider) : account.provider)}</span>
        </div>
        <div className="account-status">
          <StatusDot status={account.status} detail={reasonText(account.statusDetail, account.statusDetailWording)} />
          <span>{accountStatusLabel[account.status]}</span>
        </div>
      </div>
      {account.statusDetail && account.status !== 'connected' && !result && !error ? <p className="muted">{reasonText(account.statusDetail, account.statusDetailWording)}</p> : null}
      {result?.ok ? (
        <div className="notice ok" role="status">
          <p className="notice-message">{errorText({ code: 'unexpected_response', ...result })}</p>
        </div>
      ) : null}
      {result && !result.ok ? (
        <ErrorNotice
          error={{ code: 'unexpected_response', message: result.message, detail: result.detail && reasonText(result.detail, result.detailWording), key: result.key, params: result.params }}
        />
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {provider && can('lines') ? <LinesSection account={account} provider={provider} connectionProblemShown={connectionProblemShown} /> : null}
      {provider ? <PacingSection account={account} provider={provider} /> : null}
      {updated !== null ? (
        <div className="notice ok compact" role="status">
          <p className="notice-message">{t('accounts.updated', { count: updated })}</p>
        </div>
      ) : null}
      {reports.error ? <ErrorNotice error={reports.error} compact /> : null}
      <div className="card-actions">
        <button type="button" className="btn" onClick={test} disabled={testing}>
          {testing ? t('accounts.testing') : t('accounts.test')}
        </button>
        {can('deliveryReports') ? (
          <button type="button" className="btn" onClick={checkReports} disabled={reports.busy}>
            {reports.busy ? t('accounts.checking') : t('accounts.checkReports')}
          </button>
        ) : null}
        {can('autoReplyTest') ? (
          <button type="button" className="btn" aria-expanded={autoReplyOpen} onClick={() => setAutoReplyOpen(!autoReplyOpen)}>
            {t('accounts.testAutoReply')}
          </button>
        ) : null}
        <MuteToggle target="account" id={account.id} />
        <button type="button" className="btn" onClick={() => openAccountForm({ mode: 'edit', accountId: account.id })}>
          {t('common.edit')}
        </button>
        <button type="button" className="btn danger-text" onClick={() => setConfirming(true)}>
          {t('accounts.remove')}
        </button>
      </div>
      {autoReplyOpen ? <AutoReplyTest account={account} /> : null}
      {confirming ? (
        <ConfirmDialog title={t('accounts.removeTitle', { name: account.name })} confirmLabel={t('accounts.remove')} onConfirm={() => remove(account.id)} onClose={() => setConfirming(false)}>
          <p>
            <Trans i18nKey="accounts.removeBody" values={{ name: account.name, provider: (provider ? providerName(provider) : account.provider) }} components={{ strong: <strong /> }} />
          </p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}
