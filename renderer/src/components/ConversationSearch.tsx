// Search inside the open conversation: the matching messages, newest first, with the words
// highlighted; choosing one scrolls the conversation to it (loading the messages around it).
import { useEffect, useRef, useState } from 'react';
import type { SearchResult } from '../../../shared/inbox';
import type { AppError } from '../../../shared/model';
import { call, toAppError } from '../api';
import { t } from '../i18n';
import { useInbox } from '../stores/inbox';
import { ErrorNotice } from './ErrorNotice';
import { SearchHitRow } from './SearchResults';

const SEARCH_DELAY_MS = 150;

export function ConversationSearch({ threadId, onClose }: { threadId: string; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const seq = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (!q) return setResult(null);
    const timer = setTimeout(() => {
      call('search:messages', { query: q, threadId })
        .then((r) => mine === seq.current && (setResult(r), setError(null)))
        .catch((err: unknown) => mine === seq.current && setError(toAppError(err)));
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, threadId]);

  const hits = result?.groups.flatMap((g) => g.hits) ?? [];
  return (
    <div className="conversation-search" role="search" aria-label={t('conversation.searchLabel')}>
      <div className="conversation-search-bar">
        <input
          ref={input}
          type="search"
          className="search"
          aria-label={t('conversation.searchLabel')}
          placeholder={t('conversation.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}
        />
        <button type="button" className="btn small" onClick={onClose}>
          {t('conversation.searchClose')}
        </button>
      </div>
      {error ? <ErrorNotice error={error} compact /> : null}
      {result && query.trim() ? (
        hits.length === 0 ? (
          <p className="muted pad small">{t('conversation.searchNone', { query: query.trim() })}</p>
        ) : (
          <ul className="search-hits conversation-hits" aria-label={t('conversation.searchResults')}>
            {hits.map((h) => (
              <SearchHitRow key={h.messageId} hit={h} onOpen={() => void useInbox.getState().jumpTo(threadId, h.messageId)} />
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
