// The files waiting above the message box: a thumbnail or a file card each, how far reading and
// checking got, a caption where the provider carries one, the reason when something is refused,
// and × to take it away. The composer's Send sends them.
import type { ProviderInfo } from '../../../../shared/model';
import { noCaptionReason } from '../../files';
import { fileSize, kindLabel } from '../../format';
import { NO_ATTACHMENTS, useAttachments, type Attachment } from '../../stores/attachments';
import { ErrorNotice } from '../ErrorNotice';
import { Icon } from '../icons';
import { t } from '../../i18n';

/** The kind it will be sent as, once main has read the file. */
export const sendKind = (a: Attachment) => (a.staged ? (a.asDocument ? 'document' : a.staged.kind) : null);

/** Whether this attachment's caption goes with it on this provider. */
export function captionable(provider: ProviderInfo, a: Attachment): boolean {
  const kind = sendKind(a);
  return !!kind && noCaptionReason(provider, kind) === null;
}

/** Main offers a way out in its refusal ("Send it as a document instead"): offer it as a button. */
const suggestsDocument = (a: Attachment) => a.phase === 'failed' && !a.asDocument && /as a document/i.test(a.error?.message ?? '');

/** From this size on, preparing a file takes long enough to say so. */
const LARGE_BYTES = 5 * 1024 * 1024;

function submitComposer(): void {
  document.querySelector<HTMLFormElement>('#composer-form')?.requestSubmit();
}

function Progress({ a }: { a: Attachment }) {
  if (a.phase === 'reading') {
    const percent = Math.round(a.progress * 100);
    return (
      <div className="attachment-progress" role="status">
        <progress max={100} value={percent} aria-label={t('attachments.readingName', { name: a.name })} />
        <span>{t('attachments.reading', { percent })}</span>
      </div>
    );
  }
  const big = a.size > LARGE_BYTES;
  const words =
    a.phase === 'staging' ? (big ? t('attachments.preparing', { size: fileSize(a.size) }) : t('attachments.checking')) : a.phase === 'sending' ? t('common.sending') : null;
  if (!words) return null;
  return (
    <div className="attachment-progress" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{words}</span>
    </div>
  );
}

function AttachmentCard({ threadId, provider, a }: { threadId: string; provider: ProviderInfo; a: Attachment }) {
  const { remove, setCaption, retry } = useAttachments.getState();
  const kind = sendKind(a);
  const noCaption = kind ? noCaptionReason(provider, kind) : null;
  const icon = kind ?? (a.file.type.startsWith('image/') ? 'image' : 'document');
  return (
    <li className={`attachment${a.error ? ' has-error' : ''}`} aria-label={a.name} data-phase={a.phase}>
      <div className="attachment-preview">
        {a.preview ? (
          <img src={a.preview} alt="" />
        ) : (
          <span className={`file-icon file-${icon}`}>
            <Icon name={icon} size={22} />
          </span>
        )}
      </div>
      <div className="attachment-body">
        <div className="attachment-head">
          <span className="file-name" title={a.staged?.fileName ?? a.name}>
            {a.staged?.fileName ?? a.name}
          </span>
          <span className="file-kind">
            {kind ? `${kindLabel[kind]} · ` : ''}
            {fileSize(a.size)}
          </span>
        </div>
        <Progress a={a} />
        {a.phase === 'ready' || (a.phase === 'sending' && a.staged) ? (
          noCaption ? (
            <p className="attachment-note">{noCaption}</p>
          ) : (
            <>
              <label htmlFor={`caption-${a.key}`} className="visually-hidden">
                {t('attachments.captionFor', { name: a.name })}
              </label>
              <input
                id={`caption-${a.key}`}
                className="attachment-caption"
                placeholder={t('attachments.addCaption')}
                maxLength={1024}
                value={a.caption}
                disabled={a.phase === 'sending'}
                onChange={(e) => setCaption(threadId, a.key, e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
                    e.preventDefault();
                    submitComposer();
                  }
                }}
              />
            </>
          )
        ) : null}
        {a.error ? <ErrorNotice error={a.error} compact /> : null}
        {a.phase === 'failed' ? (
          <div className="attachment-actions">
            {suggestsDocument(a) ? (
              <button type="button" className="btn small" onClick={() => retry(threadId, a.key, true)}>
                {t('attachments.asDocument')}
              </button>
            ) : (
              <button type="button" className="btn small" onClick={() => retry(threadId, a.key)}>
                {t('attachments.checkAgain')}
              </button>
            )}
          </div>
        ) : null}
      </div>
      <button type="button" className="btn icon-only attachment-remove" aria-label={t('attachments.remove')} title={t('attachments.removeName', { name: a.name })} disabled={a.phase === 'sending'} onClick={() => remove(threadId, a.key)}>
        <Icon name="close" size={16} />
      </button>
    </li>
  );
}

export function AttachmentTray({ threadId, provider }: { threadId: string; provider: ProviderInfo }) {
  const items = useAttachments((s) => s.byThread[threadId] ?? NO_ATTACHMENTS);
  if (items.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t('attachments.title')}>
      {items.map((a) => (
        <AttachmentCard key={a.key} threadId={threadId} provider={provider} a={a} />
      ))}
    </ul>
  );
}
