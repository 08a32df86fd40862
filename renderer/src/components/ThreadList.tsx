// The left pane of the Inbox: search, "unread first", and the threads newest first.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAccounts } from '../stores/accounts';
import { useInbox, visibleThreads } from '../stores/inbox';
import { useUi } from '../stores/ui';
import { EmptyState } from './EmptyState';
import { ErrorNotice } from './ErrorNotice';
import { NewConversationDialog } from './NewConversationDialog';
import { ThreadListbox } from './ThreadListbox';

const SEARCH_DELAY_MS = 250;

export function ThreadList() {
  // Only what this pane shows: a message arriving in a conversation does not re-render the list.
  const { threads, threadsLoaded, threadsLoading, threadsError, search, searchIds, searchError, unreadFirst } = useInbox(
    useShallow((s) => ({
      threads: s.threads,
      threadsLoaded: s.threadsLoaded,
      threadsLoading: s.threadsLoading,
      threadsError: s.threadsError,
      search: s.search,
      searchIds: s.searchIds,
      searchError: s.searchError,
      unreadFirst: s.unreadFirst,
    })),
  );
  const { setSearch, runSearch, setUnreadFirst, loadThreads } = useInbox.getState();
  const { accounts, loaded: accountsLoaded } = useAccounts();
  const { inboxAccountId, selectedThreadId, selectThread, filterInbox, openAccountForm } = useUi();
  const filterAccount = accounts.find((a) => a.id === inboxAccountId);
  const [starting, setStarting] = useState(false);
  const shown = useMemo(
    () => visibleThreads(threads, searchIds, filterAccount ? filterAccount.id : null, unreadFirst),
    [threads, searchIds, filterAccount, unreadFirst],
  );

  useEffect(() => {
    if (!search.trim()) return;
    const timer = setTimeout(() => void runSearch(), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, runSearch]);

  let body: ReactNode = null;
  if (accountsLoaded && accounts.length === 0) {
    body = (
      <EmptyState
        title="No accounts yet"
        action={
          <button type="button" className="btn primary" onClick={() => openAccountForm({ mode: 'create' })}>
            Add your first account
          </button>
        }
      >
        <p>Conversations appear here once an account is connected.</p>
      </EmptyState>
    );
  } else if (threadsError && !threadsLoaded) {
    body = <ErrorNotice error={threadsError} onRetry={() => void loadThreads()} />;
  } else if (!threadsLoaded) {
    body = <p className="muted pad">{threadsLoading ? 'Loading conversations…' : ''}</p>;
  } else if (shown.length === 0) {
    body = search.trim() ? (
      <p className="muted pad">No conversations match “{search.trim()}”.</p>
    ) : Object.keys(threads).length > 0 && filterAccount ? (
      <p className="muted pad">No conversations for {filterAccount.name} yet.</p>
    ) : (
      <EmptyState title="No conversations yet">
        <p>Messages your customers send will appear here once your account's webhook is set up (Settings). To write first, use “New conversation”.</p>
      </EmptyState>
    );
  }
  return (
    <section className="threads-pane" aria-label="Conversation list">
      <div className="threads-tools">
        <div className="threads-head">
          <h2>Chats</h2>
          {accounts.length > 0 ? (
            <button type="button" className="btn small" onClick={() => setStarting(true)}>
              New conversation
            </button>
          ) : null}
        </div>
        <label htmlFor="thread-search" className="visually-hidden">
          Search conversations
        </label>
        <input id="thread-search" type="search" className="search" placeholder="Search conversations" value={search} onChange={(e) => setSearch(e.target.value)} />
        <div className="threads-filters">
          <input id="unread-first" type="checkbox" className="switch" checked={unreadFirst} onChange={(e) => setUnreadFirst(e.target.checked)} />
          <label htmlFor="unread-first">Unread first</label>
          {filterAccount ? (
            <span className="chip">
              Only {filterAccount.name}
              <button type="button" className="chip-clear" onClick={() => filterInbox(null)}>
                Show all
              </button>
            </span>
          ) : null}
        </div>
        {searchError ? <ErrorNotice error={searchError} onRetry={() => void runSearch()} compact /> : null}
      </div>
      {body ? <div className="threads-scroll">{body}</div> : <ThreadListbox threads={shown} selectedId={selectedThreadId} onOpen={selectThread} />}
      {starting ? <NewConversationDialog defaultAccountId={filterAccount?.id ?? null} onClose={() => setStarting(false)} /> : null}
    </section>
  );
}
