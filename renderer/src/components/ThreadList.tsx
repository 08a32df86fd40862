// The left pane of the Inbox: search, "unread first", and the conversations newest first, loaded
// a page at a time as the operator scrolls. While searching, the matching messages are shown.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../format';
import { useAccounts } from '../stores/accounts';
import { useInbox, visibleThreads } from '../stores/inbox';
import { useUi } from '../stores/ui';
import { EmptyState } from './EmptyState';
import { ErrorNotice } from './ErrorNotice';
import { NewConversationDialog } from './NewConversationDialog';
import { SearchResults } from './SearchResults';
import { ThreadListbox } from './ThreadListbox';
import { t } from '../i18n';

const SEARCH_DELAY_MS = 150;

export function ThreadList() {
  // Only what this pane shows: a message arriving in a conversation does not re-render the list.
  const { threads, threadsLoaded, threadsLoading, threadsError, search, searchResult, searchError, unreadFirst, total, loadingMore } = useInbox(
    useShallow((s) => ({
      threads: s.threads,
      threadsLoaded: s.threadsLoaded,
      threadsLoading: s.threadsLoading,
      threadsError: s.threadsError,
      search: s.search,
      searchResult: s.searchResult,
      searchError: s.searchError,
      unreadFirst: s.unreadFirst,
      total: s.total,
      loadingMore: s.loadingMore,
    })),
  );
  const { setSearch, runSearch, setUnreadFirst, loadThreads, loadMoreThreads, jumpTo, ensureThreads } = useInbox.getState();
  const { accounts, loaded: accountsLoaded } = useAccounts();
  const { inboxAccountId, selectedThreadId, selectThread, filterInbox, openAccountForm } = useUi();
  const filterAccount = accounts.find((a) => a.id === inboxAccountId);
  const [starting, setStarting] = useState(false);
  const accountId = filterAccount ? filterAccount.id : null;
  const shown = useMemo(() => visibleThreads(threads, accountId, unreadFirst), [threads, accountId, unreadFirst]);
  // With one account every row would say the same; with several, each row names its account.
  const accountsById = useMemo(() => (accounts.length > 1 ? Object.fromEntries(accounts.map((a) => [a.id, a])) : null), [accounts]);

  // The account filter is done by the main side: a new filter is a new first page.
  useEffect(() => {
    if (useInbox.getState().filter.accountId !== accountId) void loadThreads({ accountId });
  }, [accountId, loadThreads]);

  useEffect(() => {
    if (!search.trim()) return;
    const timer = setTimeout(() => void runSearch(), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, runSearch]);

  const openHit = (threadId: string, messageId?: string) => {
    void ensureThreads([threadId]).then(() => {
      if (messageId) void jumpTo(threadId, messageId);
      selectThread(threadId);
    });
  };

  let body: ReactNode = null;
  if (accountsLoaded && accounts.length === 0) {
    body = (
      <EmptyState
        title={t('threads.noAccounts')}
        action={
          <button type="button" className="btn primary" onClick={() => openAccountForm({ mode: 'create' })}>
            {t('nav.addFirst')}
          </button>
        }
      >
        <p>{t('threads.noAccountsHelp')}</p>
      </EmptyState>
    );
  } else if (threadsError && !threadsLoaded) {
    body = <ErrorNotice error={threadsError} onRetry={() => void loadThreads()} />;
  } else if (!threadsLoaded) {
    body = <p className="muted pad">{threadsLoading ? t('threads.loading') : ''}</p>;
  } else if (search.trim()) {
    body = searchResult ? <SearchResults result={searchResult} query={search.trim()} onOpen={openHit} /> : <p className="muted pad">{t('threads.searching')}</p>;
  } else if (shown.length === 0) {
    body =
      Object.keys(threads).length > 0 && filterAccount ? (
        <p className="muted pad">{t('threads.noneForAccount', { name: filterAccount.name })}</p>
      ) : (
        <EmptyState title={t('threads.none')}>
          <p>{t('threads.noneHelp')}</p>
        </EmptyState>
      );
  }
  return (
    <section className="threads-pane" aria-label={t('threads.list')}>
      <div className="threads-tools">
        <div className="threads-head">
          <h2>{t('threads.chats')}</h2>
          {accounts.length > 0 ? (
            <button type="button" className="btn small" onClick={() => setStarting(true)}>
              {t('threads.new')}
            </button>
          ) : null}
        </div>
        <label htmlFor="thread-search" className="visually-hidden">
          {t('threads.search')}
        </label>
        <input
          id="thread-search"
          type="search"
          className="search"
          placeholder={t('threads.search')}
          aria-keyshortcuts="Control+K"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <div className="threads-filters">
          <input id="unread-first" type="checkbox" className="switch" checked={unreadFirst} onChange={(e) => setUnreadFirst(e.target.checked)} />
          <label htmlFor="unread-first">{t('threads.unreadFirst')}</label>
          {accounts.length > 1 ? (
            <>
              <label htmlFor="thread-account" className="visually-hidden">
                {t('threads.showOf')}
              </label>
              <select id="thread-account" className="thread-account-filter" value={accountId ?? ''} onChange={(e) => filterInbox(e.target.value || null)}>
                <option value="">{t('threads.allAccounts')}</option>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </>
          ) : null}
        </div>
        {threadsLoaded && !search.trim() && total > 0 ? (
          <p className="muted threads-count" aria-live="polite">
            {t('threads.count', { count: total, n: formatCount(total) })}
            {loadingMore ? t('threads.loadingMore') : ''}
          </p>
        ) : null}
        {searchError ? <ErrorNotice error={searchError} onRetry={() => void runSearch()} compact /> : null}
      </div>
      {body ?? <ThreadListbox threads={shown} total={total} accounts={accountsById} selectedId={selectedThreadId} onOpen={selectThread} onEndReached={() => void loadMoreThreads()} />}
      {starting ? <NewConversationDialog defaultAccountId={filterAccount?.id ?? null} onClose={() => setStarting(false)} /> : null}
    </section>
  );
}
