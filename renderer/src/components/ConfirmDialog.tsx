// A modal confirmation that runs the action itself, so a failure stays visible in the dialog.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { AppError } from '../../../shared/model';
import { toAppError } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { t } from '../i18n';

type Props = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The button that backs out; "Cancel" unless that would read like the action itself. */
  cancelLabel?: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
};

export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = t('common.cancel'), onConfirm, onClose }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    cancel.current?.focus();
    return () => previous?.focus?.();
  }, []);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(toAppError(err));
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape' && !busy) {
      e.stopPropagation();
      onClose();
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    // Keep focus inside the dialog.
    const focusable = dialog.current.querySelectorAll<HTMLElement>('button:not([disabled]), summary');
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  }

  // Rendered at the end of <body> so it sits outside the card (and its list item) that opened it.
  return createPortal(
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} ref={dialog} onKeyDown={onKeyDown}>
        <h2>{title}</h2>
        <div className="dialog-body">{children}</div>
        {error ? <ErrorNotice error={error} compact /> : null}
        <div className="dialog-actions">
          <button type="button" className="btn" ref={cancel} onClick={onClose} disabled={busy}>
            {cancelLabel}
          </button>
          <button type="button" className="btn danger" onClick={confirm} disabled={busy}>
            {busy ? `${confirmLabel}…` : confirmLabel}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
