// One message: incoming on the left, outgoing on the right, with time and delivery ticks.
import type { Message, MessageStatus } from '../../../shared/model';
import { clock, kindLabel } from '../format';

function ClockIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.5V8l2.3 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

const tickLabel: Partial<Record<MessageStatus, string>> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Failed',
};

function Ticks({ status }: { status: MessageStatus }) {
  const label = tickLabel[status];
  if (!label) return null;
  const content =
    status === 'queued' || status === 'sending' ? <ClockIcon /> : status === 'sent' ? '✓' : status === 'failed' ? '!' : '✓✓';
  return (
    <span className={`ticks ticks-${status}`} role="img" aria-label={label} title={label}>
      {content}
    </span>
  );
}

export function MessageBubble({ message, isGroup }: { message: Message; isGroup: boolean }) {
  const showAuthor = isGroup && message.direction === 'in' && !!message.author;
  const kind = message.kind !== 'text' ? kindLabel[message.kind] : null;
  return (
    <li className={`bubble-row ${message.direction}`}>
      <div className="bubble" data-status={message.status} data-direction={message.direction} data-message-id={message.id}>
        {showAuthor ? <div className="author">{message.author}</div> : null}
        {kind ? <div className="kind">{kind}</div> : null}
        {message.text ? <div className="text">{message.text}</div> : null}
        <div className="meta">
          <time dateTime={new Date(message.at).toISOString()}>{clock(message.at)}</time>
          {message.direction === 'out' ? <Ticks status={message.status} /> : null}
        </div>
      </div>
      {message.status === 'failed' ? (
        <p className="bubble-error">Not sent: {message.error ?? 'the provider did not accept this message.'}</p>
      ) : null}
    </li>
  );
}
