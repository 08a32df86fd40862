// A conversation's messages, virtualised: only the bubbles in view (plus a few) are in the page,
// so a thread with years of messages opens as fast as a new one. Older messages load as the
// operator scrolls up, with the view held still; new ones keep it at the bottom unless the
// operator scrolled away; a search hit is scrolled to and marked.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Message, Thread } from '../../../shared/model';
import { dayLabel, threadTitle } from '../format';
import type { MessagesSlot } from '../stores/inbox';
import { MessageBubble } from './MessageBubble';
import { t } from '../i18n';

/** Reads the newest messages as they arrive, unless the operator scrolled up to read older ones. */
const NEAR_BOTTOM_PX = 80;
/** How close to the top (px) older messages start loading. */
const NEAR_TOP_PX = 300;

type Row = { key: string; day: string } | { key: string; message: Message };

function toRows(list: Message[]): Row[] {
  const rows: Row[] = [];
  let day = '';
  for (const m of list) {
    const d = dayLabel(m.at);
    if (d !== day) rows.push({ key: `day:${m.id}`, day: d });
    day = d;
    rows.push({ key: m.id, message: m });
  }
  return rows;
}

export function MessageList({
  thread,
  slot,
  scroller,
  onEarlier,
  onLater,
}: {
  thread: Thread;
  slot: MessagesSlot | undefined;
  scroller: React.RefObject<HTMLDivElement | null>;
  onEarlier(): void;
  onLater(): void;
}) {
  const list = slot?.list ?? [];
  const rows = useMemo(() => toRows(list), [list]);
  const stick = useRef(true);
  const anchor = useRef<number | null>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => ('day' in rows[i]! ? 44 : 68),
    getItemKey: (i) => rows[i]!.key,
    overscan: 10,
    paddingStart: 12,
    paddingEnd: 16,
  });
  const items = virtualizer.getVirtualItems();
  const lastKey = rows.at(-1)?.key;
  const firstKey = rows[0]?.key;

  // A new thread starts at its newest message.
  useEffect(() => {
    stick.current = true;
  }, [thread.id]);

  // Older messages were put in front: keep what the operator was reading where it was, by
  // keeping its distance from the bottom (nothing below it changed).
  useLayoutEffect(() => {
    const fromBottom = anchor.current;
    const el = scroller.current;
    if (fromBottom === null || !el) return;
    anchor.current = null;
    el.scrollTop = el.scrollHeight - fromBottom;
  }, [firstKey]);

  // New newest message (or the first load): stay at the bottom when the operator is there.
  useLayoutEffect(() => {
    if (stick.current && rows.length > 0 && !slot?.focusId) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [lastKey, rows.length]);

  // A search hit: scroll it to the middle. Leaving it ("Jump to latest") goes back to the newest.
  const hadFocus = useRef(false);
  useLayoutEffect(() => {
    const id = slot?.focusId;
    if (!id) {
      if (hadFocus.current && rows.length > 0) {
        stick.current = true;
        virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
      }
      hadFocus.current = false;
      return;
    }
    hadFocus.current = true;
    const index = rows.findIndex((r) => r.key === id);
    if (index < 0) return;
    stick.current = false;
    virtualizer.scrollToIndex(index, { align: 'center' });
  }, [slot?.focusId, rows.length]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX && !slot?.later;
      if (el.scrollTop < NEAR_TOP_PX && slot?.earlier && !slot.loadingMore) {
        anchor.current = el.scrollHeight - el.scrollTop;
        onEarlier();
      }
      if (el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_TOP_PX && slot?.later && !slot.loadingMore) onLater();
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    // A short thread may not fill the pane: there is nothing to scroll, so fetch on sight.
    if (slot?.earlier && !slot.loadingMore && el.scrollHeight <= el.clientHeight) onEarlier();
    return () => el.removeEventListener('scroll', onScroll);
  }, [scroller, slot?.earlier, slot?.later, slot?.loadingMore, onEarlier, onLater, virtualizer]);

  return (
    <ol className="message-list placed" aria-label={t('threads.messages')} style={{ height: virtualizer.getTotalSize() }}>
      {items.map((item) => {
        const row = rows[item.index]!;
        if ('day' in row) {
          return (
            <li key={item.key} className="day placed" ref={virtualizer.measureElement} data-index={item.index} style={{ transform: `translateY(${item.start}px)` }}>
              <span>{row.day}</span>
            </li>
          );
        }
        return <MessageBubble key={item.key} message={row.message} isGroup={thread.isGroup} recipient={threadTitle(thread)} index={item.index}
            start={item.start}
            measure={virtualizer.measureElement}
            focused={row.message.id === slot?.focusId} />;
      })}
    </ol>
  );
}
