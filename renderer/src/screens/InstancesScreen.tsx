// Instances: for providers that link a phone by QR code, one card per instance, grouped by account.
import { useMemo, useState } from 'react';
import type { Account, AppError, Instance, ProviderInfo } from '../../../shared/model';
import { toAppError } from '../api';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { InstanceCard } from '../components/InstanceCard';
import { StatusDot } from '../components/StatusDot';
import { useAccounts } from '../stores/accounts';
import { useInstances } from '../stores/instances';
import { useUi } from '../stores/ui';
import { t } from '../i18n';
import { providerName } from '../components/providerWords';

function AccountInstances({ account, provider, instances }: { account: Account; provider: ProviderInfo; instances: Instance[] }) {
  const create = useInstances((s) => s.create);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  async function newInstance() {
    setBusy(true);
    setError(null);
    try {
      await create(account.id);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="instance-group" aria-label={account.name}>
      <header className="group-head">
        <h2>
          <StatusDot status={account.status} detail={account.statusDetail} /> {account.name}
          <span className="badge provider">{providerName(provider)}</span>
        </h2>
        <button type="button" className="btn primary" onClick={newInstance} disabled={busy}>
          {busy ? t('instances.creating') : t('instances.new')}
        </button>
      </header>
      {error ? <ErrorNotice error={error} onRetry={newInstance} /> : null}
      {instances.length === 0 ? (
        <p className="muted">{t('instances.none')}</p>
      ) : (
        <ul className="card-grid">
          {instances.map((instance) => (
            <InstanceCard key={instance.id} instance={instance} providerName={providerName(provider)} botSettings={provider.capabilities.includes('botSettings')} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function InstancesScreen() {
  const { accounts, providers, loaded: accountsLoaded, error: accountsError, load: loadAccounts } = useAccounts();
  const { byId, loaded, loading, error, load } = useInstances();
  const go = useUi((s) => s.go);
  const qrProviders = providers.filter((p) => p.capabilities.includes('qrInstances'));
  const qrAccounts = accounts.filter((a) => qrProviders.some((p) => p.id === a.provider));
  const byAccount = useMemo(() => {
    const groups: Record<string, Instance[]> = {};
    for (const i of Object.values(byId).sort((a, b) => a.sessionId.localeCompare(b.sessionId))) (groups[i.accountId] ??= []).push(i);
    return groups;
  }, [byId]);

  return (
    <main className="screen" aria-labelledby="instances-title">
      <header className="screen-head">
        <h1 id="instances-title">{t('nav.instances')}</h1>
      </header>
      <div className="screen-body">
        {accountsError && !accountsLoaded ? <ErrorNotice error={accountsError} onRetry={() => void loadAccounts()} /> : null}
        {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
        {(!accountsLoaded || (!loaded && loading)) && !accountsError && !error ? <p className="muted">{t('instances.loading')}</p> : null}
        {accountsLoaded && qrAccounts.length === 0 ? (
          <EmptyState
            title={t('instances.noQrAccounts')}
            action={
              <button type="button" className="btn primary" onClick={() => go('accounts')}>
                {t('instances.goAccounts')}
              </button>
            }
          >
            <p>
              {t('instances.explain')}{' '}
              {qrProviders.length > 0
                ? t('instances.providersWork', { count: qrProviders.length, providers: qrProviders.map((p) => providerName(p)).join(', ') })
                : t('instances.noProviders')}
            </p>
          </EmptyState>
        ) : null}
        {loaded &&
          qrAccounts.map((account) => (
            <AccountInstances
              key={account.id}
              account={account}
              provider={qrProviders.find((p) => p.id === account.provider)!}
              instances={byAccount[account.id] ?? []}
            />
          ))}
      </div>
    </main>
  );
}
