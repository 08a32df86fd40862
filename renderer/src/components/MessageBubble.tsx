// One message: incoming on the left, outgoing on the right, with time and delivery ticks. Files
// show as a thumbnail or a card (messages/MediaView); templates carry a small tag; Infobip's channel
// and price show in the meta line. Below an unsettled outgoing message: where it stands (waiting
// to retry, failed, in doubt) and what can be done about it.
import { memo, useEffect, useState, type ReactNode } from 'react';
import type { Message, MessageStatus } from '../../../shared/model';
import { channelLabel, clock, kindLabel, messageStatusLabel, priceLabel } from '../format';
import { DeliveryNote } from './messages/DeliveryNote';
import { MediaView } from './messages/MediaView';
import { hasActions, MessageActions } from './messages/MessageActions';
import { t } from '../i18n';

/** A message that is only queued for a moment (the usual case) shouldn't flash a Cancel button. */
const CANCEL_AFTER_MS = 1500;

function ClockIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.5V8l2.3 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

const tickContent: Partial<Record<MessageStatus, ReactNode>> = {
  queued: <ClockIcon />,
  sending: <ClockIcon />,
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '!',
  in_doubt: '?',
  cancelled: '⊘',
};

export function Ticks({ status }: { status: MessageStatus }) {
  const content = tickContent[status];
  if (!content) return null;
  const label = messageStatusLabel[status];
  return (
    <span className={`ticks ticks-${status}`} role="img" aria-label={label} title={label}>
      {content}
    </span>
  );
}

/** The note and the actions under an outgoing bubble; a plain queued message waits a moment first. */
function BubbleStatus({ message, recipient }: { message: Message; recipient?: string }) {
  const plainQueued = message.status === 'queued' && !message.waitingReason;
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    setSettled(false);
    if (!plainQueued) return;
    const timer = setTimeout(() => setSettled(true), CANCEL_AFTER_MS);
    return () => clearTimeout(timer);
  }, [plainQueued, message.id]);
  // A cancelled message has no action left, but says why it never left.
  if ((!hasActions(message) && message.status !== 'cancelled') || (plainQueued && !settled)) return null;
  return (
    <div className="bubble-status">
      <DeliveryNote message={message} />
      <MessageActions message={message} recipient={recipient} />
    </div>
  );
}

export const MessageBubble = memo(function MessageBubble({
  message,
  isGroup,
  recipient,
  index,
  start,
  measure,
  focused,
}: {
  message: Message;
  isGroup: boolean;
  recipient?: string;
  /** Where a virtualised list places this row, and how it measures it. */
  index?: number;
  start?: number;
  measure?: (el: HTMLLIElement | null) => void;
  focused?: boolean;
}) {
  const showAuthor = isGroup && message.direction === 'in' && !!message.author;
  const media = message.media;
  const isTemplate = message.kind === 'template';
  const kind = message.kind !== 'text' && !media && !isTemplate ? kindLabel[message.kind] : null;
  const out = message.direction === 'out';
  return (
    <li
      className={`bubble-row ${message.direction}${focused ? ' focused' : ''}${start !== undefined ? ' placed' : ''}`}
      ref={measure}
      data-index={index}
      style={start !== undefined ? { transform: `translateY(${start}px)` } : undefined}
    >
      <div className="bubble" data-status={message.status} data-direction={message.direction} data-message-id={message.id} data-kind={message.kind}>
        {showAuthor ? <div className="author">{message.author}</div> : null}
        {kind ? <div className="kind">{kind}</div> : null}
        {media ? <MediaView message={message} media={media} /> : null}
        {message.text ? <div className={media ? 'text caption' : 'text'}>{message.text}</div> : null}
        <div className="meta">
          {isTemplate ? <span className="tag template-tag">{t('composer.template')}</span> : null}
          {message.channel ? <span className="channel">{channelLabel(message.channel)}</span> : null}
          {out && message.price ? <span className="price">{priceLabel(message.price)}</span> : null}
          <time dateTime={new Date(message.at).toISOString()}>{clock(message.at)}</time>
          {out ? <Ticks status={message.status} /> : null}
        </div>
      </div>
      {out ? <BubbleStatus message={message} recipient={recipient} /> : null}
    </li>
  );
});
