// The message box: Enter sends, Shift+Enter adds a line. On failure the text stays for another try.
// Files waiting above it go first, each with its caption, then the text as a message of its own.
import { useLayoutEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { ProviderInfo } from '../../../../shared/model';
import { NO_ATTACHMENTS, useAttachments } from '../../stores/attachments';
import { ErrorNotice } from '../ErrorNotice';
import { captionable } from './AttachmentTray';
import { useSend } from './useSend';
import { t } from '../../i18n';

const MAX = 4096;

/** Drafts outlive the conversation pane, so switching chats doesn't throw away what was typed. */
const drafts = new Map<string, string>();

type Props = {
  threadId: string;
  provider: ProviderInfo;
  /** Files pasted into the box; absent when the provider can't send files. */
  onPasteFiles?: (files: File[]) => void;
};

export function TextBox({ threadId, provider, onPasteFiles }: Props) {
  const { busy, error, send } = useSend(threadId);
  const [text, setText] = useState(() => drafts.get(threadId) ?? '');
  const tooLong = text.length > MAX;
  const attachments = useAttachments((s) => s.byThread[threadId] ?? NO_ATTACHMENTS);
  const [sendingFiles, setSendingFiles] = useState(false);
  const filesBusy = sendingFiles || attachments.some((a) => a.phase === 'reading' || a.phase === 'staging' || a.phase === 'sending');
  const filesReady = attachments.some((a) => a.phase === 'ready');
  const box = useRef<HTMLTextAreaElement>(null);

  // Grow with the text up to the CSS max-height, like WhatsApp's box.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);

  function change(next: string) {
    setText(next);
    if (next) drafts.set(threadId, next);
    else drafts.delete(threadId);
  }

  async function submit() {
    const body = text.trim();
    if (busy || tooLong || filesBusy || (!body && !filesReady)) return;
    if (filesReady) {
      setSendingFiles(true);
      const sent = await useAttachments.getState().sendAll(threadId, (a) => captionable(provider, a));
      setSendingFiles(false);
      if (!sent) return;
      box.current?.focus();
    }
    if (body && (await send({ kind: 'text', text: body }))) change('');
  }

  function onPaste(e: ClipboardEvent<HTMLTextAreaElement>) {
    const files = Array.from(e.clipboardData.files);
    if (files.length === 0 || !onPasteFiles) return;
    e.preventDefault();
    onPasteFiles(files);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <div className="composer-text">
      {error ? <ErrorNotice error={error} compact /> : null}
      {tooLong ? (
        <p className="field-error" role="alert">
          {t('composer.tooLong', { max: MAX, now: text.length })}
        </p>
      ) : null}
      <form
        id="composer-form"
        className="composer-row"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="composer-text" className="visually-hidden">
          {t('composer.typeMessage')}
        </label>
        <textarea id="composer-text" ref={box} rows={1} placeholder={t('composer.typeMessage')} value={text} onChange={(e) => change(e.target.value)} onKeyDown={onKeyDown} onPaste={onPaste} />
        <button type="submit" className="btn primary send" disabled={busy || filesBusy || (!text.trim() && !filesReady) || tooLong} aria-busy={busy || sendingFiles}>
          {t('composer.send')}
        </button>
      </form>
    </div>
  );
}
