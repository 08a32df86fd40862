// What can be sent on this thread, from its account's provider capabilities: the text box, the
// template picker and the attach menu appear only when the provider can do them. Files from this
// computer (picked, dropped on the conversation or pasted) wait above the box until Send.
import { useRef, useState } from 'react';
import type { Account, Capability, ProviderInfo, Thread } from '../../../../shared/model';
import { canSendFiles } from '../../files';
import { useAttachments } from '../../stores/attachments';
import { useUi } from '../../stores/ui';
import { Icon } from '../icons';
import { AttachMenu, type AttachItem, type AttachKind } from './AttachMenu';
import { AttachmentTray } from './AttachmentTray';
import { ButtonsDialog } from './ButtonsDialog';
import { ContactDialog } from './ContactDialog';
import { ListDialog } from './ListDialog';
import { LocationDialog } from './LocationDialog';
import { MediaDialog } from './MediaDialog';
import { TemplateDialog } from './TemplateDialog';
import { TextBox } from './TextBox';
import { reasonText, t } from '../../i18n';
import { providerName } from '../providerWords';

/** Each item needs one of these capabilities. */
const attachItems: (Omit<AttachItem, 'label'> & { needs: Capability[] })[] = [
  { kind: 'file', needs: ['mediaUpload', 'mediaUrl'] },
  { kind: 'media', needs: ['mediaUrl'] },
  { kind: 'location', needs: ['location'] },
  { kind: 'contact', needs: ['contacts'] },
  { kind: 'buttons', needs: ['interactive'] },
  { kind: 'list', needs: ['interactive'] },
];

type Props = { thread: Thread; account: Account | undefined; provider: ProviderInfo | undefined };

export function Composer({ thread, account, provider }: Props) {
  const [dialog, setDialog] = useState<AttachKind | 'template' | null>(null);
  const go = useUi((s) => s.go);
  const picker = useRef<HTMLInputElement>(null);

  if (!account) return <p className="composer-off">{t('composer.accountRemoved')}</p>;
  if (!thread.replyable) return <p className="composer-off">{reasonText(thread.notReplyableReason, thread.notReplyableWording) ?? t('composer.notReplyable')}</p>;
  if (!provider) return null;

  const can = (c: Capability) => provider.capabilities.includes(c);
  const attach = attachItems.filter((item) => item.needs.some(can)).map((item) => ({ kind: item.kind, label: t(`composer.attachItem.${item.kind}`) }));
  if (!can('text') && !can('templates') && attach.length === 0) {
    return <p className="composer-off">{t('composer.providerCannotSend', { provider: providerName(provider) })}</p>;
  }

  const close = () => setDialog(null);
  const threadId = thread.id;
  const files = canSendFiles(provider);
  const addFiles = (list: File[]) => {
    if (list.length > 0) useAttachments.getState().add(threadId, list);
  };
  const pick = (kind: AttachKind) => (kind === 'file' ? picker.current?.click() : setDialog(kind));

  return (
    <div className="composer-wrap">
      {!can('text') && can('templates') ? (
        <p className="composer-note">
          {t('composer.templatesOnly', { provider: providerName(provider) })}
        </p>
      ) : null}
      {files ? (
        <>
          <AttachmentTray threadId={threadId} provider={provider} />
          <input
            ref={picker}
            type="file"
            multiple
            className="visually-hidden"
            tabIndex={-1}
            aria-label={t('composer.file')}
            onChange={(e) => {
              addFiles(Array.from(e.target.files ?? []));
              e.target.value = ''; // the same file can be picked again
            }}
          />
        </>
      ) : null}
      <div className={can('text') ? 'composer' : 'composer templates-only'}>
        {attach.length > 0 ? <AttachMenu items={attach} onPick={pick} /> : null}
        {can('templates') ? (
          <button type="button" className={can('text') ? 'btn tool' : 'btn primary'} onClick={() => setDialog('template')}>
            <Icon name="template" />
            {t('composer.template')}
          </button>
        ) : null}
        {can('text') ? <TextBox threadId={threadId} provider={provider} {...(files ? { onPasteFiles: addFiles } : {})} /> : null}
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
