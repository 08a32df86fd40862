// The left pane of the Inbox: search, "unread first", and the threads newest first.
import { useEffect, useMemo, useState } from 'react';
import type { Thread } from '../../../shared/model';
import { listTime } from '../format';
import { useAccounts } from '../stores/accounts';
import { useInbox, visibleThreads } from '../stores/inbox';
import { useUi } from '../stores/ui';
import { Avatar } from './Avatar';
import { EmptyState } from './EmptyState';
import { ErrorNotice } from './ErrorNotice';
import { NewConversationDialog } from './NewConversationDialog';

const SEARCH_DELAY_MS = 250;

function ThreadRow({ thread, selected, onOpen }: { thread: Thread; selected: boolean; onOpen(): void }) {
  return (
    <li>
      <button type="button" className="thread-row" aria-current={selected ? 'true' : undefined} onClick={onOpen}>
        <Avatar thread={thread} />
        <span className="thread-main">
          <span className="thread-top">
            <span className="thread-title">{thread.title}</span>
            {thread.isGroup ? <span className="tag">Group</span> : null}
            <time className={thread.unread > 0 ? 'thread-time fresh' : 'thread-time'} dateTime={new Date(thread.lastAt).toISOString()}>
              {listTime(thread.lastAt)}
            </time>
          </span>
          <span className="thread-bottom">
            <span className="thread-last">{thread.lastMessage ?? ''}</span>
            {thread.unread > 0 ? (
              <span className="unread" aria-label={`${thread.unread} unread`}>
                {thread.unread > 99 ? '99+' : thread.unread}
              </span>
            ) : null}
          </span>
        </span>
      </button>
    </li>
  );
}

export function ThreadList() {
  const { threads, threadsLoaded, threadsLoading, threadsError, search, searchIds, searchError, unreadFirst } = useInbox();
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

  let body;
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
  } else {
    body = (
      <ul className="thread-list" aria-label="Conversations">
        {shown.map((t) => (
          <ThreadRow key={t.id} thread={t} selected={t.id === selectedThreadId} onOpen={() => selectThread(t.id)} />
        ))}
      </ul>
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
      <div className="threads-scroll">{body}</div>
      {starting ? <NewConversationDialog defaultAccountId={filterAccount?.id ?? null} onClose={() => setStarting(false)} /> : null}
    </section>
  );
}
