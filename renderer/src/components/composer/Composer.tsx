// What can be sent on this thread, from its account's provider capabilities: the text box, the
// template picker and the attach menu appear only when the provider can do them.
import { useState } from 'react';
import type { Account, Capability, ProviderInfo, Thread } from '../../../../shared/model';
import { useUi } from '../../stores/ui';
import { Icon } from '../icons';
import { AttachMenu, type AttachItem, type AttachKind } from './AttachMenu';
import { ButtonsDialog } from './ButtonsDialog';
import { ContactDialog } from './ContactDialog';
import { ListDialog } from './ListDialog';
import { LocationDialog } from './LocationDialog';
import { MediaDialog } from './MediaDialog';
import { TemplateDialog } from './TemplateDialog';
import { TextBox } from './TextBox';

const attachItems: (AttachItem & { needs: Capability })[] = [
  { kind: 'media', label: 'Send a file by link', needs: 'mediaUrl' },
  { kind: 'location', label: 'Send location', needs: 'location' },
  { kind: 'contact', label: 'Send contact card', needs: 'contacts' },
  { kind: 'buttons', label: 'Send buttons', needs: 'interactive' },
  { kind: 'list', label: 'Send list', needs: 'interactive' },
];

type Props = { thread: Thread; account: Account | undefined; provider: ProviderInfo | undefined };

export function Composer({ thread, account, provider }: Props) {
  const [dialog, setDialog] = useState<AttachKind | 'template' | null>(null);
  const go = useUi((s) => s.go);

  if (!account) return <p className="composer-off">This conversation belongs to an account that was removed, so replies are off.</p>;
  if (!thread.replyable) return <p className="composer-off">{thread.notReplyableReason ?? "This conversation can't be answered from Switchboard."}</p>;
  if (!provider) return null;

  const can = (c: Capability) => provider.capabilities.includes(c);
  const attach = attachItems.filter((item) => can(item.needs));
  if (!can('text') && !can('templates') && attach.length === 0) {
    return <p className="composer-off">{provider.name} accounts can't send messages from Switchboard.</p>;
  }

  const close = () => setDialog(null);
  const threadId = thread.id;

  return (
    <div className="composer-wrap">
      {!can('text') && can('templates') ? (
        <p className="composer-note">
          {provider.name} only sends approved templates, so there is no free-text box here. Pick one with “Template”.
        </p>
      ) : null}
      <div className={can('text') ? 'composer' : 'composer templates-only'}>
        {attach.length > 0 ? <AttachMenu items={attach} onPick={setDialog} /> : null}
        {can('templates') ? (
          <button type="button" className={can('text') ? 'btn tool' : 'btn primary'} onClick={() => setDialog('template')}>
            <Icon name="template" />
            Template
          </button>
        ) : null}
        {can('text') ? <TextBox threadId={threadId} /> : null}
      </div>
      {dialog === 'template' ? (
        <TemplateDialog
          threadId={threadId}
          account={account}
          provider={provider}
          onClose={close}
          onManage={() => {
            close();
            go('templates');
          }}
        />
      ) : null}
      {dialog === 'media' ? <MediaDialog threadId={threadId} onClose={close} /> : null}
      {dialog === 'location' ? <LocationDialog threadId={threadId} onClose={close} /> : null}
      {dialog === 'contact' ? <ContactDialog threadId={threadId} onClose={close} /> : null}
      {dialog === 'buttons' ? <ButtonsDialog threadId={threadId} onClose={close} /> : null}
      {dialog === 'list' ? <ListDialog threadId={threadId} onClose={close} /> : null}
    </div>
  );
}
