// Inbox: thread list on the left, the open conversation on the right.
import { Conversation } from '../components/Conversation';
import { ThreadList } from '../components/ThreadList';
import { useInbox } from '../stores/inbox';
import { useUi } from '../stores/ui';
import { t } from '../i18n';

export function InboxScreen() {
  const selectedId = useUi((s) => s.selectedThreadId);
  const thread = useInbox((s) => (selectedId ? s.threads[selectedId] : undefined));

  return (
    <main className="inbox" aria-label={t('nav.inbox')}>
      <h1 className="visually-hidden">{t('nav.inbox')}</h1>
      <ThreadList />
      {thread ? (
        <Conversation key={thread.id} thread={thread} />
      ) : (
        <section className="conversation conversation-empty" aria-label={t('inbox.noneOpen')}>
          <div className="empty">
            <div className="empty-mark" aria-hidden="true" />
            <h2>{t('inbox.select')}</h2>
            <p className="muted">{t('inbox.selectHelp')}</p>
          </div>
        </section>
      )}
    </main>
  );
}
