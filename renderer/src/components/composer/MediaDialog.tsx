// Send a file the provider fetches from a public link: image, video, audio or document.
import { useState, type FormEvent } from 'react';
import type { MediaKind } from '../../../../shared/model';
import { useValidation } from '../../hooks/useValidation';
import { Dialog, DialogActions } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { Field, Optional } from '../Field';
import { guessMime, isWebUrl, useSend } from './useSend';

const kinds: { kind: MediaKind; label: string }[] = [
  { kind: 'image', label: 'Image' },
  { kind: 'video', label: 'Video' },
  { kind: 'audio', label: 'Audio' },
  { kind: 'document', label: 'Document' },
];

export function MediaDialog({ threadId, onClose }: { threadId: string; onClose(): void }) {
  const { busy, error, send } = useSend(threadId);
  const [kind, setKind] = useState<MediaKind>('image');
  const [url, setUrl] = useState('');
  const [caption, setCaption] = useState('');
  const [fileName, setFileName] = useState('');
  const hasCaption = kind !== 'audio';
  const { errors, check } = useValidation(() => ({
    url: !url.trim() ? 'Paste the link to the file.' : isWebUrl(url) ? undefined : 'Use a full web address starting with https://.',
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
    <Dialog title="Send a file by link" busy={busy} onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <Field id="media-kind" label="Kind of file">
          {(a11y) => (
            <select {...a11y} value={kind} onChange={(e) => setKind(e.target.value as MediaKind)}>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="media-url" label="Link to the file" help="The provider downloads the file from this address, so it must be public." error={errors.url}>
          {(a11y) => <input {...a11y} type="url" spellCheck={false} placeholder="https://example.com/photo.jpg" value={url} onChange={(e) => setUrl(e.target.value)} />}
        </Field>
        {hasCaption ? (
          <Field
            id="media-caption"
            label={
              <>
                Caption
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
                File name
                <Optional />
              </>
            }
            help="What the customer sees, e.g. invoice-0042.pdf."
          >
            {(a11y) => <input {...a11y} maxLength={255} value={fileName} onChange={(e) => setFileName(e.target.value)} />}
          </Field>
        ) : null}
        {error ? <ErrorNotice error={error} compact /> : null}
        <DialogActions busy={busy} submitLabel="Send file" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
