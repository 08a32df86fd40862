// The left rail: app name, main navigation, and every account with its live status and unread total.
import { useTranslation } from 'react-i18next';
import { reasonText } from '../i18n';
import { useAccounts } from '../stores/accounts';
import { useBroadcasts } from '../stores/broadcasts';
import { unreadTotal, useInbox } from '../stores/inbox';
import { useOutbox } from '../stores/outbox';
import { useUi, type Screen } from '../stores/ui';
import { AccountSwatch } from './AccountTag';
import { ErrorNotice } from './ErrorNotice';
import { Shortcuts } from './ShortcutsHelp';
import { StatusDot } from './StatusDot';
import { providerName } from './providerWords';

const nav: { screen: Screen }[] = [
  { screen: 'inbox' },
  { screen: 'broadcasts' },
  { screen: 'instances' },
  { screen: 'outbox' },
  { screen: 'templates' },
  { screen: 'accounts' },
  { screen: 'settings' },
];

export function Rail() {
  const { t } = useTranslation();
  const screen = useUi((s) => s.screen);
  const go = useUi((s) => s.go);
  const inboxAccountId = useUi((s) => s.inboxAccountId);
  const filterInbox = useUi((s) => s.filterInbox);
  const openAccountForm = useUi((s) => s.openAccountForm);
  const { accounts, providers, loaded, error, load } = useAccounts();
  const unread = useInbox((s) => s.unreadByAccount);
  const unreadAll = unreadTotal(unread);
  // Templates and broadcasts only matter when some account's provider sends templates.
  const hasTemplates = accounts.some((a) => providers.find((p) => p.id === a.provider)?.capabilities.includes('templates'));
  // Campaigns made earlier stay reachable even when their account is gone.
  const hasCampaigns = useBroadcasts((s) => Object.keys(s.byId).length > 0);
  // Instances (QR-linked phones) only exist for providers that link a phone by QR.
  const hasQr = accounts.some((a) => providers.find((p) => p.id === a.provider)?.capabilities.includes('qrInstances'));
  // The Outbox only has something to say once there is an account to send from.
  const items = nav.filter(
    (item) =>
      (item.screen !== 'instances' || hasQr || screen === item.screen) &&
      (item.screen !== 'templates' || hasTemplates || screen === item.screen) &&
      (item.screen !== 'broadcasts' || hasTemplates || hasCampaigns || screen === item.screen) && (item.screen !== 'outbox' || accounts.length > 0 || screen === 'outbox'),
  );
  const inDoubt = useOutbox((s) => Object.values(s.byId).filter((m) => m.status === 'in_doubt').length);

  return (
    <aside className="rail">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Switchboard
      </div>
      <nav aria-label={t('nav.main')} className="nav">
        {items.map((item) => (
          <button
            key={item.screen}
            type="button"
            className="nav-item"
            aria-current={screen === item.screen ? 'page' : undefined}
            aria-describedby={item.screen === 'outbox' && inDoubt > 0 ? 'nav-outbox-doubt' : item.screen === 'inbox' && unreadAll > 0 ? 'nav-inbox-unread' : undefined}
            onClick={() => go(item.screen)}
          >
            {t(`nav.${item.screen}`)}
            {item.screen === 'inbox' && unreadAll > 0 ? (
              <span className="nav-count" aria-hidden="true">
                {unreadAll > 999 ? '999+' : unreadAll}
              </span>
            ) : null}
            {item.screen === 'outbox' && inDoubt > 0 ? (
              <span className="nav-count" aria-hidden="true" title={t('nav.inDoubtTitle', { count: inDoubt })}>
                {inDoubt}
              </span>
            ) : null}
          </button>
        ))}
      </nav>
      {unreadAll > 0 ? (
        <span id="nav-inbox-unread" className="visually-hidden">
          {t('nav.unread', { count: unreadAll })}
        </span>
      ) : null}
      {inDoubt > 0 ? (
        <span id="nav-outbox-doubt" className="visually-hidden">
          {t('nav.inDoubt', { count: inDoubt })}
        </span>
      ) : null}
      <section className="rail-accounts" aria-labelledby="rail-accounts-title">
        <h2 id="rail-accounts-title" className="rail-heading">
          {t('nav.accounts')}
        </h2>
        {error && !loaded ? <ErrorNotice error={error} onRetry={() => void load()} compact /> : null}
        {loaded && accounts.length === 0 ? (
          // The main pane already offers "Add your first account"; a second identical button here
          // only made the operator wonder which one to press.
          <div className="rail-empty">
            <p>{t('nav.noAccounts')}</p>
            {screen !== 'inbox' && screen !== 'accounts' ? (
              <button type="button" className="btn small" onClick={() => openAccountForm({ mode: 'create' })}>
                {t('nav.addAccount')}
              </button>
            ) : null}
          </div>
        ) : null}
        <ul className="rail-list">
          {accounts.map((account) => {
            const provider = providers.find((p) => p.id === account.provider);
            const count = unread[account.id] ?? 0;
            const active = inboxAccountId === account.id;
            return (
              <li key={account.id}>
                <button
                  type="button"
                  className="rail-account"
                  aria-pressed={active}
                  title={active ? t('nav.filterOn') : t('nav.filterOff')}
                  onClick={() => filterInbox(active ? null : account.id)}
                >
                  <StatusDot status={account.status} detail={reasonText(account.statusDetail, account.statusDetailWording)} />
                  <span className="rail-account-text">
                    <span className="rail-account-name">
                      <AccountSwatch accountId={account.id} /> {account.name}
                    </span>
                    <span className="badge provider">{(provider ? providerName(provider) : account.provider)}</span>
                  </span>
                  {count > 0 ? (
                    <span className="unread" aria-label={t('nav.accountUnread', { count })}>
                      {count > 99 ? '99+' : count}
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ul>
      </section>
      <Shortcuts />
    </aside>
  );
}
