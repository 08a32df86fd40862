// The window: left rail and the current screen, or a full-page message when there is no connection.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { connection } from './api';
import { FullPage } from './components/FullPage';
import { Rail } from './components/Rail';
import { AccountsScreen } from './screens/AccountsScreen';
import { BroadcastsScreen } from './screens/BroadcastsScreen';
import { InboxScreen } from './screens/InboxScreen';
import { InstancesScreen } from './screens/InstancesScreen';
import { OutboxScreen } from './screens/OutboxScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { TemplatesScreen } from './screens/TemplatesScreen';
import { unreadTotal, useInbox } from './stores/inbox';
import { useUi } from './stores/ui';

/** After this long without a connection the page says so instead of only "Connecting…". */
const SLOW_CONNECT_MS = 4000;

function Connecting() {
  const { t } = useTranslation();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_CONNECT_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <FullPage title={t('app.connecting')}>
      {slow ? (
        <p>
          <Trans i18nKey="app.notAnswering" components={{ code: <code /> }} />
        </p>
      ) : (
        <p className="muted">{t('app.oneMoment')}</p>
      )}
    </FullPage>
  );
}

function CurrentScreen() {
  const screen = useUi((s) => s.screen);
  switch (screen) {
    case 'inbox':
      return <InboxScreen />;
    case 'broadcasts':
      return <BroadcastsScreen />;
    case 'outbox':
      return <OutboxScreen />;
    case 'instances':
      return <InstancesScreen />;
    case 'templates':
      return <TemplatesScreen />;
    case 'accounts':
      return <AccountsScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

/** The unread total in the window title (and so the taskbar entry): "(3) Switchboard". */
function useUnreadTitle(): void {
  const unread = useInbox((s) => unreadTotal(s.unreadByAccount));
  useEffect(() => {
    document.title = unread > 0 ? `(${unread > 999 ? '999+' : unread}) Switchboard` : 'Switchboard';
  }, [unread]);
}

export function App() {
  const state = useSyncExternalStore(connection.subscribe, connection.get);
  const { t } = useTranslation();
  useUnreadTitle();

  if (state === 'no-token') {
    return (
      <FullPage title={t('app.linkNeeded')}>
        <p>
          <Trans i18nKey="app.linkNeededBody" components={{ code: <code /> }} />
        </p>
      </FullPage>
    );
  }
  if (state === 'refused') {
    return (
      <FullPage title={t('app.linkRefused')}>
        <p>
          <Trans i18nKey="app.linkRefusedBody" components={{ code: <code /> }} />
        </p>
      </FullPage>
    );
  }
  if (state === 'connecting') return <Connecting />;

  return (
    <div className="app">
      <Rail />
      <div className="app-main">
        {state === 'reconnecting' ? (
          <div className="banner" role="status">
            {t('app.reconnecting')}
          </div>
        ) : null}
        <CurrentScreen />
      </div>
    </div>
  );
}
