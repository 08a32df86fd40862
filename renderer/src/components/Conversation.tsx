// The right pane of the Inbox: who we are talking to, the messages by day, and the composer.
// Files dragged from the desktop onto it are attached to the composer.
import { Fragment, useEffect, useLayoutEffect, useRef } from 'react';
import type { Thread } from '../../../shared/model';
import { formatPhone } from '../../../shared/phone';
import { canSendFiles } from '../files';
import { dayLabel } from '../format';
import { useFileDrop } from '../hooks/useFileDrop';
import { useAccounts } from '../stores/accounts';
import { useAttachments } from '../stores/attachments';
import { useInbox } from '../stores/inbox';
import { Avatar } from './Avatar';
import { Composer } from './composer/Composer';
import { ErrorNotice } from './ErrorNotice';
import { Icon } from './icons';
import { MessageBubble } from './MessageBubble';

/** Reads the newest messages as they arrive, unless the operator scrolled up to read older ones. */
const NEAR_BOTTOM_PX = 80;

export function Conversation({ thread }: { thread: Thread }) {
  const slot = useInbox((s) => s.messages[thread.id]);
  const { loadMessages, markRead } = useInbox.getState();
  const account = useAccounts((s) => s.accounts.find((a) => a.id === thread.accountId));
  const provider = useAccounts((s) => s.providers.find((p) => p.id === account?.provider));
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const messageList = useRef<HTMLOListElement>(null);
  const list = slot?.list ?? [];
  const lastId = list[list.length - 1]?.id;
  const acceptsFiles = !!account && thread.replyable && canSendFiles(provider);
  const drop = useFileDrop(acceptsFiles ? (files) => useAttachments.getState().add(thread.id, files) : null);

  useEffect(() => {
    stick.current = true;
    void loadMessages(thread.id);
    void markRead(thread.id);
    const onVisible = () => document.visibilityState === 'visible' && void markRead(thread.id);
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [thread.id, loadMessages, markRead]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lastId, list.length]);

  // A note or buttons appearing under the newest message (a failure, a retry time) grows the list
  // without a new message: stay at the bottom then too.
  useEffect(() => {
    const el = scroller.current;
    const content = messageList.current;
    if (!el || !content || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(content);
    observer.observe(el); // the pane shrinks when attachments appear above the composer
    return () => observer.disconnect();
  }, []);

  return (
    <section className="conversation" aria-label={`Conversation with ${thread.title}`} {...drop.handlers}>
      <header className="conversation-head">
        <Avatar thread={thread} />
        <div className="conversation-who">
          <h2>{thread.title}</h2>
          <p className="muted">{thread.isGroup ? 'Group' : formatPhone(thread.phone ?? thread.peerId)}</p>
        </div>
        <div className="conversation-account">
          <span className="muted">via</span> <strong>{account?.name ?? 'Removed account'}</strong>
          {provider ? <span className="badge provider">{provider.name}</span> : null}
        </div>
      </header>
      <div
        className="messages"
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
        }}
      >
        {slot?.error ? <ErrorNotice error={slot.error} onRetry={() => void loadMessages(thread.id)} /> : null}
        {!slot?.loaded && slot?.loading ? <p className="muted center">Loading messages…</p> : null}
        {slot?.loaded && list.length === 0 ? <p className="muted center">No messages in this conversation yet.</p> : null}
        <ol className="message-list" aria-label="Messages" ref={messageList}>
          {list.map((m, i) => {
            const day = dayLabel(m.at);
            const prev = list[i - 1];
            return (
              <Fragment key={m.id}>
                {!prev || dayLabel(prev.at) !== day ? (
                  <li className="day">
                    <span>{day}</span>
                  </li>
                ) : null}
                <MessageBubble message={m} isGroup={thread.isGroup} recipient={thread.title} />
              </Fragment>
            );
          })}
        </ol>
      </div>
      <Composer thread={thread} account={account} provider={provider} />
      {drop.dragging ? (
        <div className={acceptsFiles ? 'drop-zone' : 'drop-zone refused'} aria-hidden="true">
          <div className="drop-zone-card">
            <Icon name="clip" size={30} />
            <strong>{acceptsFiles ? 'Drop to attach' : "Files can't be sent in this conversation"}</strong>
            <span>{acceptsFiles ? `Sent to ${thread.title} when you press Send` : provider && !canSendFiles(provider) ? `${provider.name} accounts don't send files from Switchboard.` : 'Replies are off here.'}</span>
          </div>
        </div>
      ) : null}
    </section>
  );
}
