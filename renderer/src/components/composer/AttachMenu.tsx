// The "+" next to the message box: a short menu of what else this provider can send. A menu in the
// ARIA sense: arrow keys, Home and End move between items, Escape and Tab close it, and focus goes
// back to the "+" (so a dialog opened from an item returns focus there when it closes).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../icons';

export type AttachKind = 'file' | 'media' | 'location' | 'contact' | 'buttons' | 'list';
export type AttachItem = { kind: AttachKind; label: string };

const icons = { file: 'clip', media: 'link', location: 'pin', contact: 'person', buttons: 'buttons', list: 'list' } as const;

export function AttachMenu({ items, onPick }: { items: AttachItem[]; onPick(kind: AttachKind): void }) {
  const { t } = useTranslation();
  /** Closed, or open with focus on the first or the last item. */
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const menuItems = () => Array.from(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    const all = menuItems();
    (open === 'last' ? all.at(-1) : all[0])?.focus();
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  function close() {
    toggle.current?.focus();
    setOpen(false);
  }

  function onToggleKey(e: KeyboardEvent) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const where = e.key === 'ArrowDown' ? 'first' : 'last';
    if (!open) return setOpen(where);
    const all = menuItems();
    (where === 'last' ? all.at(-1) : all[0])?.focus();
  }

  function onMenuKey(e: KeyboardEvent) {
    const all = menuItems();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const move: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
    if (e.key in move) {
      e.preventDefault();
      all[(move[e.key]! + all.length) % all.length]?.focus();
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  }

  return (
    <div className="attach" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="btn tool icon-only"
        aria-haspopup="menu"
        aria-expanded={!!open}
        aria-controls={open ? 'attach-menu' : undefined}
        title={t('composer.attach')}
        onClick={() => setOpen(open ? false : 'first')}
        onKeyDown={onToggleKey}
      >
        <Icon name="plus" size={20} />
        <span className="visually-hidden">{t('composer.attach')}</span>
      </button>
      {open ? (
        <ul id="attach-menu" className="attach-menu" role="menu" aria-label={t('composer.attach')} onKeyDown={onMenuKey}>
          {items.map((item) => (
            <li key={item.kind} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="menu-item"
                onClick={() => {
                  close();
                  onPick(item.kind);
                }}
              >
                <Icon name={icons[item.kind]} />
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
