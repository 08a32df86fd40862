// Inbox: thread list on the left, the open conversation on the right.
import { Conversation } from '../components/Conversation';
import { ThreadList } from '../components/ThreadList';
import { useInbox } from '../stores/inbox';
import { useUi } from '../stores/ui';

export function InboxScreen() {
  const selectedId = useUi((s) => s.selectedThreadId);
  const thread = useInbox((s) => (selectedId ? s.threads[selectedId] : undefined));

  return (
    <main className="inbox" aria-label="Inbox">
      <h1 className="visually-hidden">Inbox</h1>
      <ThreadList />
      {thread ? (
        <Conversation key={thread.id} thread={thread} />
      ) : (
        <section className="conversation conversation-empty" aria-label="No conversation open">
          <div className="empty">
            <div className="empty-mark" aria-hidden="true" />
            <h2>Select a conversation</h2>
            <p className="muted">Pick a chat on the left to read it and reply.</p>
          </div>
        </section>
      )}
    </main>
  );
}
