// A modal for forms: focus moves into it and stays there, Escape closes it (unless it is busy), and
// it renders at the end of <body>. Clicking outside does not close it, so typing is never lost.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { t } from '../i18n';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], summary, [tabindex]:not([tabindex="-1"])';

type Props = {
  /** The dialog's accessible name and its heading. */
  title: string;
  busy?: boolean;
  wide?: boolean;
  /** Extra class on the dialog box, e.g. for the picture viewer. */
  className?: string;
  onClose(): void;
  children: ReactNode;
};

export function Dialog({ title, busy, wide, className, onClose, children }: Props) {
  const dialog = useRef<HTMLDivElement>(null);
  // Captured while rendering, before an autoFocus inside the dialog moves focus.
  const [previous] = useState(() => document.activeElement as HTMLElement | null);

  useEffect(() => {
    if (!dialog.current?.contains(document.activeElement)) {
      const first = dialog.current?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])');
      (first ?? dialog.current)?.focus();
    }
    return () => previous?.focus?.();
  }, [previous]);

  // Submitting disables the pressed button, and a disabled button drops focus to <body>, where
  // Escape and Tab no longer reach the dialog. When the work ends, put the cursor back: on the
  // field the error is about, else the first field.
  // A quick answer can re-enable the button before the browser has dropped its focus, so focus may
  // still be on it (or leave it a moment later): after the work ends, a field the answer marked
  // invalid gets the cursor unless the operator is already typing in another field.
  const wasBusy = useRef(false);
  useEffect(() => {
    const ended = wasBusy.current && !busy;
    wasBusy.current = !!busy;
    if (!ended) return;
    const settle = () => {
      const box = dialog.current;
      if (!box) return;
      const active = document.activeElement;
      const typing = active instanceof HTMLElement && box.contains(active) && active.matches('input, select, textarea');
      const invalid = box.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (invalid && !typing) return invalid.focus();
      if (box.contains(active) && active !== box) return;
      (box.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])') ?? box).focus();
    };
    settle();
    // Once more after the browser has applied the disabled state it may drop focus for.
    const frame = requestAnimationFrame(settle);
    return () => cancelAnimationFrame(frame);
  }, [busy]);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape' && !busy) {
      e.stopPropagation();
      onClose();
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    const focusable = dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE);
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

  return createPortal(
    <div className="backdrop">
      <div className={['dialog form-dialog', wide ? 'wide' : '', className ?? ''].filter(Boolean).join(' ')} role="dialog" aria-modal="true" aria-label={title} ref={dialog} tabIndex={-1} onKeyDown={onKeyDown}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

/** Cancel and the primary action, at the foot of a dialog form. */
export function DialogActions({ busy, submitLabel, busyLabel, onCancel, disabled }: { busy: boolean; submitLabel: string; busyLabel?: string; onCancel(): void; disabled?: boolean }) {
  return (
    <div className="dialog-actions">
      <button type="button" className="btn" onClick={onCancel} disabled={busy}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="btn primary" disabled={busy || disabled} aria-busy={busy}>
        {busy ? (busyLabel ?? t('common.sending')) : submitLabel}
      </button>
    </div>
  );
}
