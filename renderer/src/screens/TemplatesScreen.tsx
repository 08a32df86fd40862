// Templates: for every account whose provider sends templates, the templates Switchboard knows.
import { EmptyState } from '../components/EmptyState';
import { AccountTemplates } from '../components/templates/AccountTemplates';
import { useAccounts } from '../stores/accounts';
import { useUi } from '../stores/ui';
import { t } from '../i18n';
import { providerName } from '../components/providerWords';

export function TemplatesScreen() {
  const { accounts, providers, loaded } = useAccounts();
  const go = useUi((s) => s.go);
  const withTemplates = accounts
    .map((account) => ({ account, provider: providers.find((p) => p.id === account.provider) }))
    .filter((x): x is { account: typeof x.account; provider: NonNullable<typeof x.provider> } => !!x.provider?.capabilities.includes('templates'));

  return (
    <main className="screen" aria-labelledby="templates-title">
      <header className="screen-head">
        <h1 id="templates-title">{t('nav.templates')}</h1>
      </header>
      <div className="screen-body">
        {!loaded ? <p className="muted">{t('accounts.loading')}</p> : null}
        {loaded && withTemplates.length === 0 ? (
          <EmptyState
            title={t('templates.noAccounts')}
            action={
              <button type="button" className="btn primary" onClick={() => go('accounts')}>
                {t('instances.goAccounts')}
              </button>
            }
          >
            <p>{t('templates.explain', { providers: providers.filter((p) => p.capabilities.includes('templates')).map((p) => providerName(p)).join(', ') })}</p>
          </EmptyState>
        ) : null}
        {withTemplates.map(({ account, provider }) => (
          <AccountTemplates key={account.id} account={account} provider={provider} />
        ))}
      </div>
    </main>
  );
}
