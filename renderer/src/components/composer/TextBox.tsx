// The message box: Enter sends, Shift+Enter adds a line. On failure the text stays for another try.
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ErrorNotice } from '../ErrorNotice';
import { useSend } from './useSend';

const MAX = 4096;

/** Drafts outlive the conversation pane, so switching chats doesn't throw away what was typed. */
const drafts = new Map<string, string>();

export function TextBox({ threadId }: { threadId: string }) {
  const { busy, error, send } = useSend(threadId);
  const [text, setText] = useState(() => drafts.get(threadId) ?? '');
  const tooLong = text.length > MAX;
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
    if (!body || busy || tooLong) return;
    if (await send({ kind: 'text', text: body })) change('');
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
          A message can be at most {MAX} characters ({text.length} now).
        </p>
      ) : null}
      <form
        className="composer-row"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="composer-text" className="visually-hidden">
          Type a message
        </label>
        <textarea id="composer-text" ref={box} rows={1} placeholder="Type a message" value={text} onChange={(e) => change(e.target.value)} onKeyDown={onKeyDown} />
        <button type="submit" className="btn primary send" disabled={busy || !text.trim() || tooLong} aria-busy={busy}>
          Send
        </button>
      </form>
    </div>
  );
}
