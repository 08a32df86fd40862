// A message's file opened in the window: a picture large (the lightbox), sound or video in the
// player, with "Save" to keep a copy on this computer.
import type { MediaContent } from '../../../../shared/ipc';
import { fileSize } from '../../format';
import { saveFile, viewable } from '../../files';
import { Dialog } from '../Dialog';
import { t } from '../../i18n';

export function MediaViewer({ content, onClose }: { content: MediaContent; onClose(): void }) {
  const type = viewable(content.mimeType);
  return (
    <Dialog title={content.fileName} className="media-viewer" onClose={onClose}>
      <div className="media-stage">
        {type === 'picture' ? <img src={content.dataUrl} alt={content.fileName} /> : null}
        {type === 'video' ? <video src={content.dataUrl} controls aria-label={content.fileName} /> : null}
        {type === 'audio' ? <audio src={content.dataUrl} controls aria-label={content.fileName} /> : null}
      </div>
      <div className="dialog-actions">
        <span className="muted media-viewer-size">{fileSize(content.size)}</span>
        <button type="button" className="btn" onClick={() => saveFile(content)}>
          {t('common.save')}
        </button>
        <button type="button" className="btn primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
