// Contacts Switchboard knows (people who wrote to any account), searchable, picked with checkboxes.
// "Select all" takes every contact the search matches, not only the ones drawn on screen.
import { useEffect, useRef, useState } from 'react';
import type { ContactPick } from '../../../../../shared/broadcast';
import type { AppError } from '../../../../../shared/model';
import { formatPhone } from '../../../../../shared/phone';
import { call, toAppError } from '../../../api';
import { t } from '../../../i18n';
import { useDraft, type Draft } from '../../../stores/broadcastDraft';
import { ErrorNotice } from '../../ErrorNotice';
import { count } from '../words';

const SEARCH_DELAY_MS = 250;
/** Drawn at once; the rest are a search away (select all still takes them). */
const SHOWN = 200;
/** What contacts:list returns at most (main's limit). */
const LISTED_MAX = 2000;

export function ContactPicker({ draft, error: stepError }: { draft: Draft; error: string | undefined }) {
  const patch = useDraft((s) => s.patch);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ContactPick[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);
  const all = useRef<HTMLInputElement>(null);
  /** The first read goes at once; later ones wait for the typing to pause. */
  const first = useRef(true);
  const picked = draft.picked;
  const pickedCount = Object.keys(picked).length;

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(
      async () => {
        setLoading(true);
        try {
          const list = await call('contacts:list', search.trim() ? { search: search.trim() } : {});
          // The same number can be a contact of several accounts: list it once.
          const byPhone = new Map<string, ContactPick>();
          for (const c of list) if (!byPhone.has(c.phone) || (!byPhone.get(c.phone)!.name && c.name)) byPhone.set(c.phone, c);
          if (!stale) {
            setFound([...byPhone.values()]);
            setError(null);
          }
        } catch (err) {
          if (!stale) setError(toAppError(err));
        } finally {
          if (!stale) setLoading(false);
        }
      },
      first.current ? 0 : SEARCH_DELAY_MS,
    );
    first.current = false;
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [search]);

  const list = found ?? [];
  const pickedHere = list.filter((c) => picked[c.phone]).length;
  const everyone = list.length > 0 && pickedHere === list.length;
  useEffect(() => {
    if (all.current) all.current.indeterminate = pickedHere > 0 && !everyone;
  }, [pickedHere, everyone]);

  function toggle(c: ContactPick, on: boolean) {
    const next = { ...picked };
    if (on) next[c.phone] = c;
    else delete next[c.phone];
    patch({ picked: next });
  }

  function toggleAll(on: boolean) {
    const next = { ...picked };
    for (const c of list) {
      if (on) next[c.phone] = c;
      else delete next[c.phone];
    }
    patch({ picked: next });
  }

  return (
    <div className="contact-picker">
      <div className="field">
        <label htmlFor="bc-contact-search">{t('wizard.contacts.search')}</label>
        <input id="bc-contact-search" type="search" placeholder={t('wizard.contacts.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {error ? <ErrorNotice error={error} compact /> : null}
      {found && list.length === 0 && !loading ? (
        <p className="muted">{search.trim() ? t('wizard.contacts.noMatch', { search: search.trim() }) : t('wizard.contacts.none')}</p>
      ) : null}
      {list.length > 0 ? (
        <>
          <div className="contact-tools">
            <input id="bc-contact-all" type="checkbox" ref={all} checked={everyone} onChange={(e) => toggleAll(e.target.checked)} />
            <label htmlFor="bc-contact-all">
              {search.trim() ? t('wizard.contacts.selectAllMatching', { n: count(list.length) }) : t('wizard.contacts.selectAll', { n: count(list.length) })}
            </label>
            <span className="muted picked-count" role="status">
              {t('wizard.contacts.selected', { n: count(pickedCount) })}
            </span>
            {pickedCount > 0 ? (
              <button type="button" className="btn small" onClick={() => patch({ picked: {} })}>
                {t('wizard.contacts.clear')}
              </button>
            ) : null}
          </div>
          <ul className="contact-list" aria-label={t('wizard.contacts.list')}>
            {list.slice(0, SHOWN).map((c) => {
              const id = `bc-contact-${c.phone}`;
              return (
                <li key={c.phone}>
                  <input id={id} type="checkbox" checked={!!picked[c.phone]} onChange={(e) => toggle(c, e.target.checked)} />
                  <label htmlFor={id}>
                    <span className="contact-name">{c.name ?? formatPhone(c.phone)}</span>
                    {c.name ? <span className="muted"> {formatPhone(c.phone)}</span> : null}
                  </label>
                </li>
              );
            })}
          </ul>
          {list.length > SHOWN ? (
            <p className="help">
              {t('wizard.contacts.showing', { shown: count(SHOWN), total: `${count(list.length)}${list.length >= LISTED_MAX ? '+' : ''}` })}
            </p>
          ) : null}
        </>
      ) : null}
      {stepError ? <p className="field-error">{stepError}</p> : null}
    </div>
  );
}
