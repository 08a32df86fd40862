// One unsettled message in the Outbox: which account and conversation, what it says, where it
// stands, and the same actions its bubble offers.
import { memo } from 'react';
import type { Account, Message, ProviderInfo, Thread } from '../../../../shared/model';
import { kindLabel, listTime, messageStatusLabel, threadTitle } from '../../format';
import { useInbox } from '../../stores/inbox';
import { useUi } from '../../stores/ui';
import { Ticks } from '../MessageBubble';
import { DeliveryNote } from '../messages/DeliveryNote';
import { MessageActions } from '../messages/MessageActions';
import { t } from '../../i18n';
import { providerName } from '../providerWords';

type Props = { message: Message; thread: Thread | undefined; account: Account | undefined; provider: ProviderInfo | undefined };

/** Opens the message's conversation in the Inbox, making sure no account filter hides it. */
function openConversation(thread: Thread) {
  const ui = useUi.getState();
  ui.selectThread(thread.id);
  if (ui.inboxAccountId && ui.inboxAccountId !== thread.accountId) ui.filterInbox(null);
  else ui.go('inbox');
  const inbox = useInbox.getState();
  if (inbox.search) inbox.setSearch('');
}

/** Drawn again only when its message, conversation, account or provider changed (a broadcast updates many rows, one at a time). */
export const OutboxRow = memo(function OutboxRow({ message, thread, account, provider }: Props) {
  const title = thread ? threadTitle(thread) : t('outbox.conversation');
  const kind = message.kind !== 'text' ? kindLabel[message.kind] : null;
  return (
    <li className="outbox-row" data-status={message.status} data-message-id={message.id} aria-label={`${messageStatusLabel[message.status]}: ${title}`}>
      <div className="outbox-top">
        <span className={`outbox-state state-${message.status}`}>
          <Ticks status={message.status} />
          <span>{messageStatusLabel[message.status]}</span>
        </span>
        <span className="outbox-who">
          {thread ? (
            <button type="button" className="link-button" title={t('outbox.openInInbox')} onClick={() => openConversation(thread)}>
              {title}
            </button>
          ) : (
            <span>{title}</span>
          )}
          {thread ? (
            <>
              <span className="muted"> {t('conversation.via')} </span>
              <strong>{account?.name ?? t('conversation.removedAccount')}</strong>
              {provider ? <span className="badge provider">{providerName(provider)}</span> : null}
            </>
          ) : null}
        </span>
        <time className="muted" dateTime={new Date(message.at).toISOString()}>
          {listTime(message.at)}
        </time>
      </div>
      <p className="outbox-text">
        {kind ? <span className="tag">{kind}</span> : null}
        {message.text ?? (kind ? '' : kindLabel.text)}
      </p>
      <div className="outbox-foot">
        <span className="attempts muted">{message.attempts > 0 ? t('outbox.attempts', { count: message.attempts }) : message.status === 'queued' ? t('outbox.notTried') : t('outbox.noAttempts')}</span>
        <DeliveryNote message={message} verbose />
      </div>
      <MessageActions message={message} recipient={thread ? threadTitle(thread) : undefined} />
    </li>
  );
});
