// What the operator can do with an outgoing message that hasn't settled, in a bubble or an Outbox
// row: retry a failure, cancel one still waiting, or settle one in doubt (or send it again, after a
// warning that the customer may get it twice).
import { useState } from 'react';
import type { Message } from '../../../../shared/model';
import { useAction } from '../../hooks/useAction';
import { cancelMessage, retryMessage, settleMessage } from '../../stores/outbox';
import { ConfirmDialog } from '../ConfirmDialog';
import { ErrorNotice } from '../ErrorNotice';
import { t } from '../../i18n';
import { Trans } from 'react-i18next';

type Props = {
  message: Message;
  /** Who would get it twice, for the "Send again" warning. */
  recipient?: string;
};

/** Whether MessageActions has anything to offer for this message. */
export function hasActions(message: Message): boolean {
  return message.direction === 'out' && (message.status === 'failed' || message.status === 'queued' || message.status === 'in_doubt');
}

export function MessageActions({ message, recipient }: Props) {
  const { busy, error, run } = useAction();
  const [pending, setPending] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  if (!hasActions(message)) return null;

  function act(label: string, action: () => Promise<unknown>) {
    setPending(label);
    void run(action).then(() => setPending(null));
  }
  const button = (label: string, busyLabel: string, action: () => Promise<unknown>, className = 'btn small') => (
    <button type="button" className={className} disabled={busy} aria-busy={pending === label} onClick={() => act(label, action)}>
      {pending === label ? busyLabel : label}
    </button>
  );

  return (
    <div className="message-actions">
      <div className="message-actions-row">
        {message.status === 'failed' ? button(t('delivery.retryBtn'), t('delivery.retrying'), () => retryMessage(message)) : null}
        {message.status === 'queued' ? button(t('delivery.cancelBtn'), t('delivery.cancelling'), () => cancelMessage(message), 'btn small danger-text quiet') : null}
        {message.status === 'in_doubt' ? (
          <>
            {button(t('delivery.arrived'), t('common.saving'), () => settleMessage(message, 'markSent'))}
            {button(t('delivery.notArrived'), t('common.saving'), () => settleMessage(message, 'markFailed'))}
            <button type="button" className="btn small" disabled={busy} onClick={() => setConfirming(true)}>
              {t('delivery.sendAgain')}
            </button>
          </>
        ) : null}
      </div>
      {error ? <ErrorNotice error={error} compact /> : null}
      {confirming ? (
        <ConfirmDialog
          title={t('delivery.sendAgainTitle')}
          confirmLabel={t('delivery.sendAgain')}
          onConfirm={async () => {
            await retryMessage(message);
          }}
          onClose={() => setConfirming(false)}
        >
          <p>
            <Trans i18nKey="delivery.cantTell" values={{ recipient: recipient || t('delivery.theCustomer') }} components={{ strong: recipient ? <strong /> : <span /> }} />
          </p>
          <p>{t('delivery.whenYouKnow')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
