// Keyboard shortcuts: one place that both handles them and lists them in the help dialog, so
// what the dialog says is what the keys do.
import { useEffect, useState } from 'react';
import { useInbox } from '../stores/inbox';
import { useUi } from '../stores/ui';
import { Dialog } from './Dialog';
import { t } from '../i18n';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

/** What each shortcut does, in the order the help dialog lists them. */
/** `what` is a key under "shortcuts." in the language files. */
export const shortcuts: { keys: string[]; what: string }[] = [
  { keys: [`${mod}+K`, '/'], what: 'search' },
  { keys: [`${mod}+Shift+L`], what: 'list' },
  { keys: [`${mod}+Shift+M`], what: 'messageBox' },
  { keys: ['↑', '↓', 'Home', 'End', 'Page Up', 'Page Down'], what: 'move' },
  { keys: ['Enter'], what: 'open' },
  { keys: ['Esc'], what: 'clear' },
  { keys: ['?'], what: 'help' },
];

const typing = (el: Element | null) => !!el && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el as HTMLElement).isContentEditable);

function focusSoon(selector: string): void {
  // The Inbox may have to render first when the shortcut came from another screen.
  requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
}

export function Shortcuts() {
  const [helpOpen, setHelpOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('[role="dialog"]')) return; // a dialog owns the keyboard
      const cmd = isMac ? e.metaKey : e.ctrlKey;
      const key = e.key.toLowerCase();
      const toInbox = () => useUi.getState().screen !== 'inbox' && useUi.getState().go('inbox');
      if ((cmd && !e.shiftKey && key === 'k') || (e.key === '/' && !typing(document.activeElement))) {
        e.preventDefault();
        toInbox();
        focusSoon('#thread-search');
      } else if (cmd && e.shiftKey && key === 'l') {
        e.preventDefault();
        toInbox();
        focusSoon('.threads-pane [role="listbox"]');
      } else if (cmd && e.shiftKey && key === 'm') {
        e.preventDefault();
        toInbox();
        focusSoon('#composer-text');
      } else if (e.key === '?' && !typing(document.activeElement)) {
        e.preventDefault();
        setHelpOpen(true);
      } else if (e.key === 'Escape' && document.activeElement?.id === 'thread-search' && useInbox.getState().search) {
        useInbox.getState().setSearch('');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button type="button" className="rail-help" aria-keyshortcuts="?" onClick={() => setHelpOpen(true)}>
        {t('shortcuts.title')}
      </button>
      {helpOpen ? (
        <Dialog title={t('shortcuts.title')} onClose={() => setHelpOpen(false)}>
          <table className="shortcuts">
            <tbody>
              {shortcuts.map((s) => (
                <tr key={s.what}>
                  <td>
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 ? ' ' : null}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </td>
                  <td>{t(`shortcuts.${s.what}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="dialog-actions">
            <button type="button" className="btn primary" onClick={() => setHelpOpen(false)}>
              {t('common.close')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
