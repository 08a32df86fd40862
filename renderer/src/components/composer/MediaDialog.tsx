// Send a file the provider fetches from a public link: image, video, audio or document.
import { useState, type FormEvent } from 'react';
import type { MediaKind } from '../../../../shared/model';
import { useValidation } from '../../hooks/useValidation';
import { Dialog, DialogActions } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { Field, Optional } from '../Field';
import { guessMime, isWebUrl, useSend } from './useSend';
import { t } from '../../i18n';

const kinds: MediaKind[] = ['image', 'video', 'audio', 'document'];

export function MediaDialog({ threadId, onClose }: { threadId: string; onClose(): void }) {
  const { busy, error, send } = useSend(threadId);
  const [kind, setKind] = useState<MediaKind>('image');
  const [url, setUrl] = useState('');
  const [caption, setCaption] = useState('');
  const [fileName, setFileName] = useState('');
  const hasCaption = kind !== 'audio';
  const { errors, check } = useValidation(() => ({
    url: !url.trim() ? t('media.pasteLink') : isWebUrl(url) ? undefined : t('media.webUrl'),
  }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!check()) return;
    const mimeType = guessMime(url);
    const ok = await send({
      kind: 'media',
      mediaKind: kind,
      url: url.trim(),
      ...(hasCaption && caption.trim() ? { caption: caption.trim() } : {}),
      ...(kind === 'document' && fileName.trim() ? { fileName: fileName.trim() } : {}),
      ...(mimeType ? { mimeType } : {}),
    });
    if (ok) onClose();
  }

  return (
    <Dialog title={t('composer.attachItem.media')} busy={busy} onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <Field id="media-kind" label={t('media.kind')}>
          {(a11y) => (
            <select {...a11y} value={kind} onChange={(e) => setKind(e.target.value as MediaKind)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`media.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="media-url" label={t('media.link')} help={t('media.linkHelp')} error={errors.url}>
          {(a11y) => <input {...a11y} type="url" spellCheck={false} placeholder="https://example.com/photo.jpg" value={url} onChange={(e) => setUrl(e.target.value)} />}
        </Field>
        {hasCaption ? (
          <Field
            id="media-caption"
            label={
              <>
                {t('media.caption')}
                <Optional />
              </>
            }
          >
            {(a11y) => <textarea {...a11y} rows={2} maxLength={1024} value={caption} onChange={(e) => setCaption(e.target.value)} />}
          </Field>
        ) : null}
        {kind === 'document' ? (
          <Field
            id="media-filename"
            label={
              <>
                {t('media.fileName')}
                <Optional />
              </>
            }
            help={t('media.fileNameHelp')}
          >
            {(a11y) => <input {...a11y} maxLength={255} value={fileName} onChange={(e) => setFileName(e.target.value)} />}
          </Field>
        ) : null}
        {error ? <ErrorNotice error={error} compact /> : null}
        <DialogActions busy={busy} submitLabel={t('media.send')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
