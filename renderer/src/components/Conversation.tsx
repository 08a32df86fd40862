// The right pane of the Inbox: who we are talking to, the messages by day, and the composer.
// Files dragged from the desktop onto it are attached to the composer.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Thread } from '../../../shared/model';
import { formatPhone } from '../../../shared/phone';
import { canSendFiles } from '../files';
import { useFileDrop } from '../hooks/useFileDrop';
import { useAccounts } from '../stores/accounts';
import { useAttachments } from '../stores/attachments';
import { useInbox } from '../stores/inbox';
import { AccountSwatch } from './AccountTag';
import { Avatar } from './Avatar';
import { Composer } from './composer/Composer';
import { ConversationSearch } from './ConversationSearch';
import { ErrorNotice } from './ErrorNotice';
import { Icon } from './icons';
import { MessageList } from './MessageList';
import { MuteToggle } from './MuteToggle';
import { RenameThreadDialog } from './RenameThreadDialog';
import { t } from '../i18n';
import { providerName } from './providerWords';
import { threadTitle } from '../format';

/**
 * The number under the name. Omnichat's webhook gives only a name, which the thread is keyed by
 * (`name:…`); that is no phone number, so say the number is not known instead of showing the key.
 */
function peerLine(thread: Thread): string {
  if (thread.phone) return formatPhone(thread.phone);
  return /^\+?[\d\s-]{6,}$/.test(thread.peerId) ? formatPhone(thread.peerId) : t('conversation.noNumber');
}

export function Conversation({ thread }: { thread: Thread }) {
  const slot = useInbox((s) => s.messages[thread.id]);
  const { loadMessages, markRead, loadEarlier, loadLater } = useInbox.getState();
  const account = useAccounts((s) => s.accounts.find((a) => a.id === thread.accountId));
  const provider = useAccounts((s) => s.providers.find((p) => p.id === account?.provider));
  const scroller = useRef<HTMLDivElement>(null);
  const [renaming, setRenaming] = useState(false);
  const [searching, setSearching] = useState(false);
  const list = slot?.list ?? [];
  const acceptsFiles = !!account && thread.replyable && canSendFiles(provider);
  const drop = useFileDrop(acceptsFiles ? (files) => useAttachments.getState().add(thread.id, files) : null);
  const onEarlier = useCallback(() => void loadEarlier(thread.id), [thread.id, loadEarlier]);
  const onLater = useCallback(() => void loadLater(thread.id), [thread.id, loadLater]);

  useEffect(() => {
    // A jump from search has loaded the messages around its hit already.
    if (!useInbox.getState().messages[thread.id]?.focusId) void loadMessages(thread.id);
    void markRead(thread.id);
    const onVisible = () => document.visibilityState === 'visible' && void markRead(thread.id);
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [thread.id, loadMessages, markRead]);

  return (
    <section className="conversation" aria-label={t('conversation.with', { name: threadTitle(thread) })} {...drop.handlers}>
      <header className="conversation-head">
        <Avatar thread={thread} />
        <div className="conversation-who">
          <h2>{threadTitle(thread)}</h2>
          <p className="muted">
            {thread.isGroup ? t('conversation.group') : peerLine(thread)}
            {thread.renamed ? t('conversation.localName') : ''}
          </p>
        </div>
        <div className="conversation-account">
          <span className="muted">{t('conversation.via')}</span> <AccountSwatch accountId={thread.accountId} />
          <strong>{account?.name ?? t('conversation.removedAccount')}</strong>
          {provider ? <span className="badge provider">{providerName(provider)}</span> : null}
        </div>
        <button type="button" className="btn small" aria-expanded={searching} onClick={() => setSearching(!searching)}>
          {t('conversation.search')}
        </button>
        <button type="button" className="btn small" onClick={() => setRenaming(true)} aria-label={t('conversation.renameLabel')} title={t('conversation.renameLabel')}>
          {t('conversation.rename')}
        </button>
        <MuteToggle target="thread" id={thread.id} accountId={thread.accountId} compact />
      </header>
      {renaming ? <RenameThreadDialog thread={thread} onClose={() => setRenaming(false)} /> : null}
      {searching ? <ConversationSearch threadId={thread.id} onClose={() => setSearching(false)} /> : null}
      <div className="messages virtual" ref={scroller}>
        {slot?.error ? <ErrorNotice error={slot.error} onRetry={() => void loadMessages(thread.id)} /> : null}
        {!slot?.loaded && slot?.loading ? <p className="muted center">{t('conversation.loading')}</p> : null}
        {slot?.loaded && list.length === 0 ? <p className="muted center">{t('conversation.empty')}</p> : null}
        {slot?.earlier && slot.loadingMore ? (
          <p className="muted center load-earlier" role="status">
            {t('conversation.loadingEarlier')}
          </p>
        ) : null}
        <MessageList key={thread.id} thread={thread} slot={slot} scroller={scroller} onEarlier={onEarlier} onLater={onLater} />
      </div>
      {slot?.later ? (
        <button type="button" className="btn small jump-latest" onClick={() => void loadMessages(thread.id)}>
          {t('conversation.jumpLatest')}
        </button>
      ) : null}
      <Composer thread={thread} account={account} provider={provider} />
      {drop.dragging ? (
        <div className={acceptsFiles ? 'drop-zone' : 'drop-zone refused'} aria-hidden="true">
          <div className="drop-zone-card">
            <Icon name="clip" size={30} />
            <strong>{acceptsFiles ? t('conversation.dropToAttach') : t('conversation.noFiles')}</strong>
            <span>{acceptsFiles ? t('conversation.dropHelp', { name: threadTitle(thread) }) : provider && !canSendFiles(provider) ? t('conversation.providerNoFiles', { provider: providerName(provider) }) : t('conversation.repliesOff')}</span>
          </div>
        </div>
      ) : null}
    </section>
  );
}
