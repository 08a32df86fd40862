// A message's file in its bubble. With a copy on this computer: a picture as a thumbnail (read when
// it scrolls near view) that opens large, any other file as a card with "Open" and "Save". A file
// still arriving says so; a failed download says why and offers "Try again". A file known only by
// its web address keeps the card with "Open link".
import { useState, type ReactNode } from 'react';
import type { MediaContent } from '../../../../shared/ipc';
import type { Message, MessageMedia } from '../../../../shared/model';
import { call } from '../../api';
import { saveFile, viewable } from '../../files';
import { fileSize, kindLabel } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useMediaContent, useNearView } from '../../hooks/useMedia';
import { useInbox } from '../../stores/inbox';
import { forgetMedia, readMedia } from '../../stores/mediaCache';
import { ErrorNotice } from '../ErrorNotice';
import { Icon } from '../icons';
import { MediaViewer } from './MediaViewer';
import { reasonText, t } from '../../i18n';

function webUrl(url: string | null): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

const displayName = (media: MessageMedia) => media.fileName || webUrl(media.url)?.host || kindLabel[media.kind];

function FileCard({ media, actions, children }: { media: MessageMedia; actions?: ReactNode; children?: ReactNode }) {
  return (
    <div className="media">
      <div className="file-card">
        <span className={`file-icon file-${media.kind}`}>
          <Icon name={media.kind} size={20} />
        </span>
        <span className="file-text">
          <span className="file-name" title={displayName(media)}>
            {displayName(media)}
          </span>
          <span className="file-kind">
            {kindLabel[media.kind]}
            {media.size !== null ? ` · ${fileSize(media.size)}` : ''}
          </span>
        </span>
        {actions ? <span className="file-actions">{actions}</span> : null}
      </div>
      {children}
    </div>
  );
}

/** "Try again" for a received file whose download failed (or whose copy was removed). */
function TryAgain({ message }: { message: Message }) {
  const { busy, error, run } = useAction();
  const retry = () =>
    run(async () => {
      forgetMedia(message.id);
      useInbox.getState().upsertMessage(await call('media:retryDownload', { messageId: message.id }));
    });
  return (
    <>
      <button type="button" className="btn small" disabled={busy} aria-busy={busy} onClick={() => void retry()}>
        {busy ? t('mediaView.trying') : t('tunnel.tryAgain')}
      </button>
      {error ? <ErrorNotice error={error} compact /> : null}
    </>
  );
}

function Picture({ message, media }: { message: Message; media: MessageMedia }) {
  const [ref, near] = useNearView<HTMLButtonElement>();
  const { content, error } = useMediaContent(message.id, `${media.state}:${media.size}`, near);
  const [open, setOpen] = useState(false);
  const [broken, setBroken] = useState(false);
  // A picture the page can't draw is still a file that can be saved.
  if (broken) return <LocalFile message={message} media={media} />;
  if (error) {
    return (
      <FileCard media={media}>
        <p className="media-note bubble-error">{error.message}</p>
      </FileCard>
    );
  }
  return (
    <div className="media">
      <button ref={ref} type="button" className="media-thumb" aria-label={t('mediaView.openName', { name: displayName(media) })} title={t('mediaView.open')} disabled={!content} onClick={() => setOpen(true)}>
        {content ? <img src={content.dataUrl} alt={displayName(media)} onError={() => setBroken(true)} /> : <span className="spinner" aria-hidden="true" />}
      </button>
      {open && content ? <MediaViewer content={content} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}

/** A file with a copy here: "Open" where the window can show it (a PDF opens in the PDF reader, saved first), and "Save". */
function LocalFile({ message, media }: { message: Message; media: MessageMedia }) {
  const { busy, error, run } = useAction();
  const [pending, setPending] = useState<'open' | 'save' | null>(null);
  const [viewing, setViewing] = useState<MediaContent | null>(null);
  const type = media.kind === 'image' ? null : viewable(media.mimeType);
  const act = (what: 'open' | 'save') => {
    setPending(what);
    void run(async () => {
      const content = await readMedia(message.id);
      if (what === 'save' || viewable(content.mimeType) === 'pdf') saveFile(content);
      else setViewing(content);
    }).then(() => setPending(null));
  };
  const actions = (
    <>
      {type ? (
        <button type="button" className="btn small" disabled={busy} aria-busy={pending === 'open'} onClick={() => act('open')} title={type === 'pdf' ? t('mediaView.pdfHelp') : undefined}>
          {pending === 'open' ? t('mediaView.opening') : t('mediaView.open')}
        </button>
      ) : null}
      <button type="button" className="btn small" disabled={busy} aria-busy={pending === 'save'} onClick={() => act('save')}>
        {pending === 'save' ? t('common.saving') : t('common.save')}
      </button>
    </>
  );
  return (
    <FileCard media={media} actions={actions}>
      {error ? <ErrorNotice error={error} compact /> : null}
      {viewing ? <MediaViewer content={viewing} onClose={() => setViewing(null)} /> : null}
    </FileCard>
  );
}

export function MediaView({ message, media }: { message: Message; media: MessageMedia }) {
  const link = webUrl(media.url);
  switch (media.state) {
    case 'ready':
      return media.kind === 'image' && viewable(media.mimeType ?? 'image/jpeg') === 'picture' ? <Picture message={message} media={media} /> : <LocalFile message={message} media={media} />;
    case 'pending':
      return (
        <FileCard media={media}>
          <p className="media-note" role="status">
            <span className="spinner" aria-hidden="true" /> {t('mediaView.downloading')}
          </p>
        </FileCard>
      );
    case 'failed':
      return (
        <FileCard media={media}>
          <div className="media-note">
            <p className="bubble-error">{reasonText(media.error, media.errorWording) ?? t('mediaView.downloadFailed')}</p>
            {message.direction === 'in' ? <TryAgain message={message} /> : null}
          </div>
        </FileCard>
      );
    case 'none':
      return (
        <FileCard
          media={media}
          actions={
            link ? (
              <a className="file-open" href={link.href} target="_blank" rel="noopener noreferrer">
                {t('mediaView.openLink')}
              </a>
            ) : null
          }
        >
          {media.error ? (
            <div className="media-note">
              <p className="bubble-error">{reasonText(media.error, media.errorWording)}</p>
              {message.direction === 'in' && link ? <TryAgain message={message} /> : null}
            </div>
          ) : null}
        </FileCard>
      );
  }
}
