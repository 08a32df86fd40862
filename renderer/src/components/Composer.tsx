// The message box: Enter sends, Shift+Enter adds a line. On failure the text stays for another try.
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AppError } from '../../../shared/model';
import { toAppError } from '../api';
import { useInbox } from '../stores/inbox';
import { ErrorNotice } from './ErrorNotice';

const MAX = 4096;

export function Composer({ threadId, disabledReason }: { threadId: string; disabledReason: string | null }) {
  const sendText = useInbox((s) => s.sendText);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ threadId: string; error: AppError } | null>(null);
  const [sending, setSending] = useState(false);
  const text = drafts[threadId] ?? '';
  const tooLong = text.length > MAX;
  const box = useRef<HTMLTextAreaElement>(null);

  // Grow with the text up to the CSS max-height, like WhatsApp's box.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);

  async function send() {
    const body = text.trim();
    if (!body || sending || tooLong || disabledReason) return;
    setSending(true);
    setError(null);
    try {
      await sendText(threadId, body);
      setDrafts((d) => ({ ...d, [threadId]: '' }));
    } catch (err) {
      setError({ threadId, error: toAppError(err) });
    } finally {
      setSending(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  }

  if (disabledReason) return <p className="composer-off">{disabledReason}</p>;

  return (
    <div className="composer-wrap">
      {error?.threadId === threadId ? <ErrorNotice error={error.error} compact /> : null}
      {tooLong ? (
        <p className="field-error" role="alert">
          A message can be at most {MAX} characters ({text.length} now).
        </p>
      ) : null}
      <form
        className="composer"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label htmlFor="composer-text" className="visually-hidden">
          Type a message
        </label>
        <textarea
          id="composer-text"
          ref={box}
          rows={1}
          placeholder="Type a message"
          value={text}
          onChange={(e) => setDrafts((d) => ({ ...d, [threadId]: e.target.value }))}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="btn primary send" disabled={sending || !text.trim() || tooLong} aria-busy={sending}>
          Send
        </button>
      </form>
    </div>
  );
}
