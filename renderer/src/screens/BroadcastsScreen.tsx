// Broadcasts: one approved template sent to a list of customers. The list of campaigns, the New
// broadcast wizard, or one campaign's page with its progress and per-recipient report.
import { useMemo } from 'react';
import { CampaignList } from '../components/broadcast/CampaignList';
import { CampaignPage } from '../components/broadcast/CampaignPage';
import { Wizard } from '../components/broadcast/wizard/Wizard';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { useAccounts } from '../stores/accounts';
import { campaignsNewestFirst, useBroadcasts } from '../stores/broadcasts';
import { useUi } from '../stores/ui';
import { t } from '../i18n';
import { providerName } from '../components/providerWords';

function NothingYet({ canSend, onNew }: { canSend: boolean; onNew(): void }) {
  const providers = useAccounts((s) => s.providers);
  const go = useUi((s) => s.go);
  const names = providers.filter((p) => p.capabilities.includes('templates')).map((p) => providerName(p));
  return (
    <EmptyState
      title={t('broadcasts.none')}
      action={
        canSend ? (
          <button type="button" className="btn primary" onClick={onNew}>
            {t('broadcasts.new')}
          </button>
        ) : (
          <button type="button" className="btn primary" onClick={() => go('accounts')}>
            {t('instances.goAccounts')}
          </button>
        )
      }
    >
      <p>{t('broadcasts.explain')}</p>
      <p className="empty-needs">{t('broadcasts.youNeed')}</p>
      <ul className="needs">
        <li data-done={canSend}>
          {t('broadcasts.needAccount')}
          {names.length > 0 ? ` (${names.join(', ')})` : ''}
          {canSend ? t('broadcasts.haveOne') : t('broadcasts.addOne')}
        </li>
        <li>{t('broadcasts.needTemplate')}</li>
      </ul>
    </EmptyState>
  );
}

export function BroadcastsScreen() {
  const { byId, loaded, loading, error, load, view, show } = useBroadcasts();
  const { accounts, providers } = useAccounts();
  const canSend = accounts.some((a) => providers.find((p) => p.id === a.provider)?.capabilities.includes('templates'));
  const campaigns = useMemo(() => campaignsNewestFirst(byId), [byId]);

  if (view.kind === 'new') return <Wizard />;
  if (view.kind === 'campaign' && byId[view.id]) return <CampaignPage campaign={byId[view.id]!} />;

  return (
    <main className="screen" aria-labelledby="broadcasts-title">
      <header className="screen-head">
        <h1 id="broadcasts-title">{t('nav.broadcasts')}</h1>
        {canSend && campaigns.length > 0 ? (
          <button type="button" className="btn primary" onClick={() => show({ kind: 'new' })}>
            {t('broadcasts.new')}
          </button>
        ) : null}
      </header>
      <div className="screen-body">
        {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
        {!loaded && loading ? <p className="muted">{t('broadcasts.loading')}</p> : null}
        {loaded && campaigns.length === 0 ? <NothingYet canSend={canSend} onNew={() => show({ kind: 'new' })} /> : null}
        {campaigns.length > 0 ? <CampaignList campaigns={campaigns} onOpen={(id) => show({ kind: 'campaign', id })} /> : null}
      </div>
    </main>
  );
}
