// One line on where an unsettled outgoing message stands: waiting for its next try (with a
// countdown), failed and why, or in doubt after Switchboard stopped mid-send.
import type { Message } from '../../../../shared/model';
import { clockSeconds, countdown } from '../../format';
import { useNow } from '../../hooks/useNow';

export const IN_DOUBT_TEXT = 'Switchboard stopped while handing this message over, so it may or may not have been sent.';

/** "Waiting to retry at 14:03:22 — The gateway did not answer" and how long until then. */
function Waiting({ message }: { message: Message }) {
  const at = message.nextAttemptAt;
  const now = useNow(at !== null && at > Date.now());
  const left = at !== null ? at - now : 0;
  return (
    <p className="delivery-note waiting">
      {at !== null ? `Waiting to retry at ${clockSeconds(at)}` : 'Waiting to retry'} — {message.waitingReason}
      {at !== null ? (
        <span className="countdown" aria-hidden="true">
          {left > 0 ? ` (in ${countdown(left)})` : ' (any moment now)'}
        </span>
      ) : null}
    </p>
  );
}

type Props = {
  message: Message;
  /** Also say "waiting to be sent" / "sending" (the Outbox does; a bubble's clock already says it). */
  verbose?: boolean;
};

export function DeliveryNote({ message, verbose }: Props) {
  switch (message.status) {
    case 'queued':
      if (message.waitingReason) return <Waiting message={message} />;
      return verbose ? <p className="delivery-note muted">Waiting for its turn to be sent.</p> : null;
    case 'sending':
      return verbose ? <p className="delivery-note muted">Being handed to the provider now.</p> : null;
    case 'failed':
      return <p className="delivery-note bubble-error">Not sent: {message.error ?? 'the provider did not accept this message.'}</p>;
    case 'in_doubt':
      return <p className="delivery-note doubt">{IN_DOUBT_TEXT}</p>;
    case 'cancelled':
      return <p className="delivery-note muted">{message.error ?? 'Cancelled before it was sent.'}</p>;
    default:
      return null;
  }
}
