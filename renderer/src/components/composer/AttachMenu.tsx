// The "+" next to the message box: a short menu of what else this provider can send.
import { useEffect, useRef, useState } from 'react';
import { Icon } from '../icons';

export type AttachKind = 'file' | 'media' | 'location' | 'contact' | 'buttons' | 'list';
export type AttachItem = { kind: AttachKind; label: string };

const icons = { file: 'clip', media: 'link', location: 'pin', contact: 'person', buttons: 'buttons', list: 'list' } as const;

export function AttachMenu({ items, onPick }: { items: AttachItem[]; onPick(kind: AttachKind): void }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLButtonElement>('.menu-item')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  return (
    <div
      className="attach"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          toggle.current?.focus();
        }
      }}
    >
      <button ref={toggle} type="button" className="btn tool icon-only" aria-expanded={open} aria-controls="attach-menu" title="Attach" onClick={() => setOpen(!open)}>
        <Icon name="plus" size={20} />
        <span className="visually-hidden">Attach</span>
      </button>
      {open ? (
        <ul id="attach-menu" className="attach-menu" aria-label="Attach">
          {items.map((item) => (
            <li key={item.kind}>
              <button
                type="button"
                className="menu-item"
                onClick={() => {
                  setOpen(false);
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
