// Search results in the conversation pane: conversations whose name or number matched, and the
// matching messages with the words highlighted, grouped by conversation. Choosing a message opens
// its conversation scrolled to it.
import { Fragment } from 'react';
import { MARK_END, MARK_START, type SearchResult } from '../../../shared/inbox';
import { listTime, threadTitle } from '../format';
import { Avatar } from './Avatar';
import { t } from '../i18n';

/** Renders main's marked snippet with <mark> around the matches; nothing in it is read as HTML. */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(MARK_START);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return <Fragment key={i}>{part}</Fragment>;
        const [hit, rest = ''] = part.split(MARK_END);
        return (
          <Fragment key={i}>
            <mark>{hit}</mark>
            {rest}
          </Fragment>
        );
      })}
    </>
  );
}

/** One matching message: its highlighted snippet ("You:" for ours) and when it was sent. */
export function SearchHitRow({ hit, onOpen }: { hit: SearchResult['groups'][number]['hits'][number]; onOpen(): void }) {
  return (
    <li>
      <button type="button" className="search-hit" onClick={onOpen}>
        <span className="search-snippet">
          {hit.direction === 'out' ? <span className="muted">{t('threads.you')}</span> : null}
          <Highlighted text={hit.snippet} />
        </span>
        <time className="thread-time" dateTime={new Date(hit.at).toISOString()}>
          {listTime(hit.at)}
        </time>
      </button>
    </li>
  );
}

export function SearchResults({ result, query, onOpen }: { result: SearchResult; query: string; onOpen(threadId: string, messageId?: string): void }) {
  const hitCount = result.groups.reduce((n, g) => n + g.hits.length, 0);
  return (
    <div className="threads-scroll search-results" role="region" aria-label={t('threads.results')}>
      {result.indexing ? (
        <p className="muted pad small" role="status">
          {t('threads.indexing', { percent: Math.floor((result.indexing.done / result.indexing.total) * 100) })}
        </p>
      ) : null}
      {result.groups.length === 0 ? <p className="muted pad">{t('threads.noMatch', { query })}</p> : null}
      <ul className="search-groups">
        {result.groups.map((g) => (
          <li key={g.thread.id} className="search-group">
            <button type="button" className="search-thread" onClick={() => onOpen(g.thread.id)}>
              <Avatar thread={g.thread} />
              <span className="thread-main">
                <span className="thread-title">{g.titleSnippet ? <Highlighted text={g.titleSnippet} /> : threadTitle(g.thread)}</span>
                <span className="thread-last muted">{g.hits.length > 0 ? t('threads.matching', { count: g.hits.length }) : t('outbox.conversation')}</span>
              </span>
            </button>
            {g.hits.length > 0 ? (
              <ul className="search-hits">
                {g.hits.map((h) => (
                  <SearchHitRow key={h.messageId} hit={h} onOpen={() => onOpen(g.thread.id, h.messageId)} />
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {result.truncated ? <p className="muted pad small">{t('threads.truncated', { count: hitCount })}</p> : null}
    </div>
  );
}
