// Outbox: every message that hasn't settled yet, grouped by where it stands (in doubt and failed
// first, since those wait for the operator), with counts per status that also filter the list.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Message } from '../../../shared/model';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { OutboxRow } from '../components/outbox/OutboxRow';
import { useAccounts } from '../stores/accounts';
import { useInbox } from '../stores/inbox';
import { outboxStatuses, useOutbox, type OutboxStatus } from '../stores/outbox';
import { t } from '../i18n';

const groupTitle = (s: OutboxStatus): string => t(`outbox.title.${s}`);
const groupHelp = (s: OutboxStatus): string => t(`outbox.help.${s}`);
const emptyFilter = (s: OutboxStatus): string => t(`outbox.empty.${s}`);

/** Queued in the order they will go; the rest newest first. */
function order(status: OutboxStatus) {
  return status === 'queued'
    ? (a: Message, b: Message) => (a.nextAttemptAt ?? a.at) - (b.nextAttemptAt ?? b.at) || a.at - b.at
    : (a: Message, b: Message) => b.at - a.at;
}

/** Rows drawn per group before "Show more". */
const PAGE = 50;

export function OutboxScreen() {
  const { byId, loaded, loading, error, load } = useOutbox();
  const threads = useInbox((s) => s.threads);
  const threadsLoaded = useInbox((s) => s.threadsLoaded);
  const { accounts, providers } = useAccounts();
  const [filter, setFilter] = useState<OutboxStatus | null>(null);
  // A running broadcast can queue thousands: each group shows the first ones, more on request.
  const [limits, setLimits] = useState<Partial<Record<OutboxStatus, number>>>({});
  const askedFor = useRef(new Set<string>());

  // Fresh on every visit: failures drop out of the list a week after they happened.
  useEffect(() => {
    void useOutbox.getState().load();
  }, []);

  const groups = useMemo(() => {
    const all = Object.values(byId);
    return Object.fromEntries(outboxStatuses.map((s) => [s, all.filter((m) => m.status === s).sort(order(s))])) as Record<OutboxStatus, Message[]>;
  }, [byId]);
  const total = outboxStatuses.reduce((n, s) => n + groups[s].length, 0);

  // Messages on conversations the Inbox hasn't loaded (a later page): fetch just those.
  const missing = useMemo(() => [...new Set(Object.values(byId).map((m) => m.threadId))].filter((id) => !threads[id]), [byId, threads]);
  useEffect(() => {
    if (missing.length === 0 || !threadsLoaded || askedFor.current.has(missing.join())) return;
    askedFor.current.add(missing.join());
    void useInbox.getState().ensureThreads(missing).catch(() => undefined);
  }, [missing, threadsLoaded]);

  const shown = filter ? [filter] : outboxStatuses.filter((s) => groups[s].length > 0);

  return (
    <main className="screen" aria-labelledby="outbox-title">
      <header className="screen-head">
        <h1 id="outbox-title">{t('nav.outbox')}</h1>
      </header>
      <div className="screen-body">
        {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
        {!loaded && loading ? <p className="muted">{t('outbox.loading')}</p> : null}
        {loaded ? (
          <div className="outbox-counts" role="group" aria-label={t('outbox.byStatus')}>
            <button type="button" className="count-chip" aria-pressed={filter === null} onClick={() => setFilter(null)}>
              {t('outbox.all')} <span className="count">{total}</span>
            </button>
            {outboxStatuses.map((s) => (
              <button key={s} type="button" className={`count-chip chip-${s}`} aria-pressed={filter === s} onClick={() => setFilter(filter === s ? null : s)}>
                {groupTitle(s)} <span className="count">{groups[s].length}</span>
              </button>
            ))}
          </div>
        ) : null}
        {loaded && total === 0 ? (
          <EmptyState title={t('outbox.clear')}>
            <p>{t('outbox.clearHelp')}</p>
          </EmptyState>
        ) : null}
        {loaded && total > 0
          ? shown.map((status) => (
              <section key={status} className="card outbox-group" aria-labelledby={`outbox-${status}`}>
                <header className="outbox-group-head">
                  <h2 id={`outbox-${status}`}>
                    {groupTitle(status)} <span className="count muted">{groups[status].length}</span>
                  </h2>
                  <p className="muted">{groupHelp(status)}</p>
                </header>
                {groups[status].length === 0 ? (
                  <p className="muted">{emptyFilter(status)}</p>
                ) : (
                  <>
                    <ul className="outbox-list">
                      {groups[status].slice(0, limits[status] ?? PAGE).map((m) => {
                        const thread = threads[m.threadId];
                        const account = accounts.find((a) => a.id === thread?.accountId);
                        return <OutboxRow key={m.id} message={m} thread={thread} account={account} provider={providers.find((p) => p.id === account?.provider)} />;
                      })}
                    </ul>
                    {groups[status].length > (limits[status] ?? PAGE) ? (
                      <button type="button" className="btn small" onClick={() => setLimits({ ...limits, [status]: (limits[status] ?? PAGE) + PAGE })}>
                        {t('outbox.showMore', { n: Math.min(PAGE, groups[status].length - (limits[status] ?? PAGE)), of: groups[status].length - (limits[status] ?? PAGE) })}
                      </button>
                    ) : null}
                  </>
                )}
              </section>
            ))
          : null}
      </div>
    </main>
  );
}
