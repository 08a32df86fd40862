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
import { t } from '../../i18n';
import { providerName } from '../providerWords';

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
  return t(notJson ? 'unparsed.notJson' : 'unparsed.notUnderstood', { who });
}

function EventRow({ event, onReplayed }: { event: UnparsedEvent; onReplayed(result: Replayed): void }) {
  const account = useAccounts((s) => s.accounts.find((a) => a.id === event.accountId));
  const provider = useAccounts((s) => s.providers.find((p) => p.id === event.provider));
  const { busy, error, run } = useAction();
  return (
    <li className="unparsed-row" aria-label={t('unparsed.event', { id: event.id })}>
      <div className="unparsed-top">
        <time className="muted" dateTime={new Date(event.receivedAt).toISOString()}>
          {stamp(event.receivedAt)}
        </time>
        <strong>{account?.name ?? t('conversation.removedAccount')}</strong>
        <span className="badge provider">{(provider ? providerName(provider) : event.provider)}</span>
        <button type="button" className="btn small" disabled={busy} onClick={() => void run(async () => onReplayed(await call('webhooks:replay', { id: event.id })))}>
          {busy ? t('unparsed.replaying') : t('unparsed.replay')}
        </button>
      </div>
      <p className="unparsed-error">{personWords(account?.name ?? (provider ? providerName(provider) : event.provider), event.error)}</p>
      {/* The reader's own message is for whoever fixes the reader, not for the operator. */}
      <details>
        <summary>{t('unparsed.technical')}</summary>
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
          {t('unparsed.title')}
          {count > 0 ? (
            <span className="badge count-badge" aria-label={t('unparsed.count', { count })}>
              {count}
            </span>
          ) : null}
        </h2>
        {list.length > 0 ? (
          <button type="button" className="btn small" disabled={replaying.busy} onClick={() => void replaying.run(async () => replayed(await call('webhooks:replay', {})))}>
            {replaying.busy ? t('unparsed.replaying') : t('unparsed.replayAll')}
          </button>
        ) : null}
      </header>
      <p className="muted note">
        {t('unparsed.explain')}
      </p>
      {result ? (
        <div className={result.stillUnparsed === 0 ? 'notice ok compact' : 'notice compact replay-result'} role="status">
          <p className="notice-message">
            {t('unparsed.result', { parsed: result.parsed, still: result.stillUnparsed })}
          </p>
        </div>
      ) : null}
      {replaying.error ? <ErrorNotice error={replaying.error} compact /> : null}
      {loading.error ? <ErrorNotice error={loading.error} onRetry={() => void load()} compact /> : null}
      {!events && loading.busy ? <p className="muted">{t('unparsed.loading')}</p> : null}
      {events && list.length === 0 ? <p className="muted unparsed-empty">{t('unparsed.none')}</p> : null}
      {list.length > 0 ? (
        <>
          {count > list.length ? <p className="muted">{t('unparsed.newest', { shown: list.length, count })}</p> : null}
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
