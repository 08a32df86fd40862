// One line on where an unsettled outgoing message stands: waiting for its next try (with a
// countdown), failed and why, or in doubt after Switchboard stopped mid-send.
import type { Message } from '../../../../shared/model';
import { clockSeconds, countdown } from '../../format';
import { useNow } from '../../hooks/useNow';
import { reasonText, t } from '../../i18n';

const inDoubtText = (): string => t('delivery.inDoubt');

/** "Waiting to retry at 14:03:22 — The gateway did not answer" and how long until then. */
function Waiting({ message }: { message: Message }) {
  const at = message.nextAttemptAt;
  const now = useNow(at !== null && at > Date.now());
  const left = at !== null ? at - now : 0;
  return (
    <p className="delivery-note waiting">
      {at !== null ? t('delivery.retryAt', { time: clockSeconds(at) }) : t('delivery.retry')} — {reasonText(message.waitingReason, message.waitingWording)}
      {at !== null ? (
        <span className="countdown" aria-hidden="true">
          {left > 0 ? t('delivery.inTime', { time: countdown(left) }) : t('delivery.anyMoment')}
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
      return verbose ? <p className="delivery-note muted">{t('delivery.waitingTurn')}</p> : null;
    case 'sending':
      return verbose ? <p className="delivery-note muted">{t('delivery.handing')}</p> : null;
    case 'failed':
      return <p className="delivery-note bubble-error">{t('delivery.notSent', { reason: reasonText(message.error, message.errorWording) ?? t('delivery.notAccepted') })}</p>;
    case 'in_doubt':
      // Why it is in doubt, when Switchboard knows (the answer was lost); else it stopped mid-send.
      return <p className="delivery-note doubt">{reasonText(message.error, message.errorWording) ?? inDoubtText()}</p>;
    case 'cancelled':
      return <p className="delivery-note muted">{reasonText(message.error, message.errorWording) ?? t('delivery.cancelled')}</p>;
    default:
      return null;
  }
}
