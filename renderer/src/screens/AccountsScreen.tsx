// Accounts: add, edit, test and remove the gateway accounts Switchboard talks to.
import { useState } from 'react';
import { AccountCard } from '../components/AccountCard';
import { AccountForm } from '../components/AccountForm';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { useAccounts } from '../stores/accounts';
import { useUi } from '../stores/ui';
import { errorText, t } from '../i18n';
import { providerName } from '../components/providerWords';

export function AccountsScreen() {
  const { accounts, providers, loaded, loading, error, load } = useAccounts();
  const form = useUi((s) => s.accountForm);
  const openAccountForm = useUi((s) => s.openAccountForm);
  const [saved, setSaved] = useState<{ text: string; ok: boolean } | null>(null);
  const editing = form?.mode === 'edit' ? accounts.find((a) => a.id === form.accountId) : undefined;
  const showForm = loaded && (form?.mode === 'create' || !!editing);

  return (
    <main className="screen" aria-labelledby="accounts-title">
      <header className="screen-head">
        <h1 id="accounts-title">{t('nav.accounts')}</h1>
        {loaded && !showForm ? (
          <button
            type="button"
            className="btn primary"
            onClick={() => {
              setSaved(null);
              openAccountForm({ mode: 'create' });
            }}
          >
            {t('accounts.add')}
          </button>
        ) : null}
      </header>
      <div className="screen-body">
        {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
        {!loaded && loading ? <p className="muted">{t('accounts.loading')}</p> : null}
        {showForm ? (
          <AccountForm
            key={editing?.id ?? 'new'}
            providers={providers}
            account={editing}
            onCancel={() => openAccountForm(null)}
            onDone={(account, test) => {
              setSaved(test ? { text: t('accounts.savedTested', { name: account.name, result: errorText({ code: 'unexpected_response', ...test }) }), ok: true } : { text: t('accounts.savedFailed', { name: account.name }), ok: false });
              openAccountForm(null);
            }}
          />
        ) : null}
        {saved && !showForm ? (
          <div className={saved.ok ? 'notice ok' : 'notice warn'} role="status">
            <p className="notice-message">{saved.text}</p>
          </div>
        ) : null}
        {loaded && accounts.length === 0 && !showForm ? (
          <EmptyState
            title={t('threads.noAccounts')}
            action={
              <button type="button" className="btn primary" onClick={() => openAccountForm({ mode: 'create' })}>
                {t('nav.addFirst')}
              </button>
            }
          >
            <p>{t('accounts.emptyHelp', { providers: providers.map((p) => providerName(p)).join(', ') || t('accounts.yourProvider') })}</p>
          </EmptyState>
        ) : null}
        {accounts.length > 0 ? (
          <ul className="card-list">
            {/* The account being edited is the form above; its card comes back fresh, without an old test result. */}
            {accounts.filter((account) => !(showForm && account.id === editing?.id)).map((account) => (
              <AccountCard key={account.id} account={account} provider={providers.find((p) => p.id === account.provider)} />
            ))}
          </ul>
        ) : null}
      </div>
    </main>
  );
}
