// Webhook events that arrived but that no reader understood. They are kept as received, so they can
// be read again ("Replay") once an update fixes the reader, one at a time or all at once.
import { useCallback, useEffect, useState } from 'react';
import type { UnparsedEvent } from '../../../../shared/model';
import type { ChannelOutput } from '../../../../shared/ipc';
import { call } from '../../api';
import { stamp } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useAccounts } from '../../stores/accounts';
import { useSettings } from '../../stores/settings';
import { ErrorNotice } from '../ErrorNotice';

type Replayed = ChannelOutput<'webhooks:replay'>;

/** JSON indented for reading; anything else (or a body cut short) as it came. */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** What happened, for the operator: the reader's error text stays behind "Technical details". */
function personWords(who: string, error: string | null): string {
  const notJson = !!error && /json|unexpected token|unexpected end/i.test(error);
  const what = notJson
    ? `Switchboard couldn’t read this event for ${who}: it is not in the format the provider uses (it may not come from the provider at all)`
    : `Switchboard couldn’t read this event for ${who}: the provider sent a message or update Switchboard doesn’t understand yet`;
  return `${what}. It is kept exactly as it arrived, so nothing is lost: after an update, “Replay” reads it again.`;
}

function EventRow({ event, onReplayed }: { event: UnparsedEvent; onReplayed(result: Replayed): void }) {
  const account = useAccounts((s) => s.accounts.find((a) => a.id === event.accountId));
  const provider = useAccounts((s) => s.providers.find((p) => p.id === event.provider));
  const { busy, error, run } = useAction();
  return (
    <li className="unparsed-row" aria-label={`Event ${event.id}`}>
      <div className="unparsed-top">
        <time className="muted" dateTime={new Date(event.receivedAt).toISOString()}>
          {stamp(event.receivedAt)}
        </time>
        <strong>{account?.name ?? 'Removed account'}</strong>
        <span className="badge provider">{provider?.name ?? event.provider}</span>
        <button type="button" className="btn small" disabled={busy} onClick={() => void run(async () => onReplayed(await call('webhooks:replay', { id: event.id })))}>
          {busy ? 'Replaying…' : 'Replay'}
        </button>
      </div>
      <p className="unparsed-error">{personWords(account?.name ?? provider?.name ?? event.provider, event.error)}</p>
      {/* The reader's own message is for whoever fixes the reader, not for the operator. */}
      <details>
        <summary>Technical details</summary>
        <p className="mono unparsed-detail">{event.error}</p>
        <pre className="unparsed-body">{pretty(event.body)}</pre>
      </details>
      {error ? <ErrorNotice error={error} compact /> : null}
    </li>
  );
}

export function UnparsedEvents() {
  const count = useSettings((s) => s.webhooks?.unparsedCount ?? 0);
  const [events, setEvents] = useState<UnparsedEvent[] | null>(null);
  const [result, setResult] = useState<Replayed | null>(null);
  const loading = useAction();
  const replaying = useAction();
  const { run } = loading;

  const load = useCallback(() => run(async () => setEvents(await call('webhooks:unparsed', {}))), [run]);
  // The count comes live with the listener's status; a change means the list changed.
  useEffect(() => {
    void load();
  }, [load, count]);

  function replayed(next: Replayed) {
    setResult(next);
    void load();
  }

  const list = events ?? [];
  return (
    <section className="card" aria-labelledby="unparsed-title">
      <header className="group-head">
        <h2 id="unparsed-title">
          Unparsed events
          {count > 0 ? (
            <span className="badge count-badge" aria-label={`${count} unparsed`}>
              {count}
            </span>
          ) : null}
        </h2>
        {list.length > 0 ? (
          <button type="button" className="btn small" disabled={replaying.busy} onClick={() => void replaying.run(async () => replayed(await call('webhooks:replay', {})))}>
            {replaying.busy ? 'Replaying…' : 'Replay all'}
          </button>
        ) : null}
      </header>
      <p className="muted note">
        Events a provider sent that Switchboard stored but couldn't read. Nothing is lost: after an update that understands them, “Replay” reads
        them again.
      </p>
      {result ? (
        <div className={result.stillUnparsed === 0 ? 'notice ok compact' : 'notice compact replay-result'} role="status">
          <p className="notice-message">
            {result.parsed} parsed, {result.stillUnparsed} still unparsed
          </p>
        </div>
      ) : null}
      {replaying.error ? <ErrorNotice error={replaying.error} compact /> : null}
      {loading.error ? <ErrorNotice error={loading.error} onRetry={() => void load()} compact /> : null}
      {!events && loading.busy ? <p className="muted">Loading events…</p> : null}
      {events && list.length === 0 ? <p className="muted unparsed-empty">Every event received so far was understood.</p> : null}
      {list.length > 0 ? (
        <>
          {count > list.length ? <p className="muted">Showing the newest {list.length} of {count}.</p> : null}
          <ul className="unparsed-list">
            {list.map((e) => (
              <EventRow key={e.id} event={e} onReplayed={replayed} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
