// The conversations as a virtualised listbox: only the rows in view (plus a few) are in the page,
// so ten thousand threads cost what twenty do, and a busy broadcast re-renders a screenful. The
// list is one Tab stop; arrow keys, Home/End and Page Up/Down move the active row
// (aria-activedescendant), Enter or a click opens it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Account, MediaKind, Thread } from '../../../shared/model';
import { listTime, threadTitle } from '../format';
import { AccountTag } from './AccountTag';
import { Avatar } from './Avatar';
import { Icon } from './icons';
import { t } from '../i18n';

const ROW_ESTIMATE_PX = 69;

const optionId = (threadId: string) => `thread-option-${threadId}`;

/** The kinds a preview can name; "unsupported" reads as a plain message. */
const KIND_KEYS: Record<string, string> = { image: 'kind.image', video: 'kind.video', audio: 'kind.audio', document: 'kind.document', location: 'kind.location', contact: 'kind.contact', unsupported: 'kind.text' };
const ICONS = new Set<string>(['image', 'video', 'audio', 'document', 'location', 'contact']);

/** "[document] invoice.pdf" (see the store's preview) → an icon and words; plain text as it is. */
export function lastMessageParts(last: string | null): { icon: MediaKind | 'pin' | 'person' | null; text: string } {
  const m = /^\[(\w+)\](?: ([\s\S]*))?$/.exec(last ?? '');
  if (!m || !(m[1]! in KIND_KEYS)) return { icon: null, text: last ?? '' };
  const kind = m[1]!;
  const icon = kind === 'location' ? 'pin' : kind === 'contact' ? 'person' : ICONS.has(kind) ? (kind as MediaKind) : null;
  return { icon, text: m[2]?.trim() || t(KIND_KEYS[kind]!) };
}

const ThreadRow = memo(function ThreadRow({
  thread,
  selected,
  active,
  position,
  setSize,
  account,
  onOpen,
}: {
  thread: Thread;
  /** Shown when the operator has more than one account, so the same customer on two is told apart. */
  account: Pick<Account, 'id' | 'name'> | null;
  selected: boolean;
  active: boolean;
  position: number;
  setSize: number;
  onOpen(id: string): void;
}) {
  return (
    <div
      id={optionId(thread.id)}
      role="option"
      aria-selected={selected}
      // Only a screenful is in the page: these tell assistive technology where it is in the whole list.
      aria-posinset={position}
      aria-setsize={setSize}
      className={active ? 'thread-row active' : 'thread-row'}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onOpen(thread.id)}
    >
      <Avatar thread={thread} />
      <span className="thread-main">
        <span className="thread-top">
          <span className="thread-title">{threadTitle(thread)}</span>
          {thread.isGroup ? <span className="tag">{t('conversation.group')}</span> : null}
          {account ? <AccountTag account={account} /> : null}
          <time className={thread.unread > 0 ? 'thread-time fresh' : 'thread-time'} dateTime={new Date(thread.lastAt).toISOString()}>
            {listTime(thread.lastAt)}
          </time>
        </span>
        <span className="thread-bottom">
          <LastMessage last={thread.lastMessage} />
          {thread.unread > 0 ? (
            <span className="unread" aria-label={`${thread.unread} unread`}>
              {thread.unread > 99 ? '99+' : thread.unread}
            </span>
          ) : null}
        </span>
      </span>
    </div>
  );
});

function LastMessage({ last }: { last: string | null }) {
  const { icon, text } = lastMessageParts(last);
  return (
    <span className="thread-last">
      {icon ? <Icon name={icon} size={14} /> : null}
      {text}
    </span>
  );
}

export interface ThreadListboxProps {
  threads: Thread[];
  selectedId: string | null;
  onOpen(threadId: string): void;
  /** Called when the last rows come into view, to fetch the next page. */
  onEndReached?(): void;
  /** How many conversations the whole list has (loaded or not); -1 when unknown. */
  total?: number;
  /** Accounts by id, to tag each row with its account; null when there is only one. */
  accounts?: Record<string, Pick<Account, 'id' | 'name'>> | null;
}

export function ThreadListbox({ threads, selectedId, onOpen, onEndReached, total = -1, accounts = null }: ThreadListboxProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(selectedId);
  const virtualizer = useVirtualizer({
    count: threads.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    getItemKey: (i) => threads[i]!.id,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const activeIndex = activeId ? threads.findIndex((t) => t.id === activeId) : -1;

  // The row last reached: fetch more before the operator hits the end.
  const lastIndex = items.length > 0 ? items[items.length - 1]!.index : -1;
  useEffect(() => {
    if (onEndReached && lastIndex >= threads.length - 10 && threads.length > 0) onEndReached();
  }, [lastIndex, threads.length, onEndReached]);

  useEffect(() => {
    if (selectedId) setActiveId(selectedId);
  }, [selectedId]);

  const moveTo = useCallback(
    (index: number) => {
      const t = threads[Math.max(0, Math.min(threads.length - 1, index))];
      if (!t) return;
      setActiveId(t.id);
      virtualizer.scrollToIndex(threads.indexOf(t), { align: 'auto' });
    },
    [threads, virtualizer],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_ESTIMATE_PX) - 1);
    const from = activeIndex >= 0 ? activeIndex : -1;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(from + 1),
      ArrowUp: () => moveTo(from <= 0 ? 0 : from - 1),
      Home: () => moveTo(0),
      End: () => moveTo(threads.length - 1),
      PageDown: () => moveTo(from + page),
      PageUp: () => moveTo(from - page),
      Enter: () => (activeIndex >= 0 ? onOpen(threads[activeIndex]!.id) : undefined),
      ' ': () => (activeIndex >= 0 ? onOpen(threads[activeIndex]!.id) : undefined),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };

  const activeInView = activeIndex >= 0 && items.some((i) => i.index === activeIndex);

  return (
    <div
      ref={scrollRef}
      className="threads-scroll"
      role="listbox"
      aria-label={t('threads.listbox')}
      tabIndex={0}
      aria-activedescendant={activeInView ? optionId(threads[activeIndex]!.id) : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (activeIndex < 0 && threads.length > 0) setActiveId(threads[0]!.id);
      }}
    >
      <div className="thread-list" role="none" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const t = threads[item.index]!;
          return (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="thread-slot" role="none" style={{ transform: `translateY(${item.start}px)` }}>
              <ThreadRow thread={t} selected={t.id === selectedId} active={t.id === activeId} position={item.index + 1} setSize={Math.max(total, threads.length)} account={accounts?.[t.accountId] ?? null} onOpen={onOpen} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
