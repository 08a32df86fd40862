// "Sending line" on an account card: the lines the provider offers (Qontak channels, Infobip
// scenarios), which one this account sends through, and — for Infobip — a new scenario.
import { useCallback, useEffect, useState } from 'react';
import type { Account, ProviderInfo } from '../../../../shared/model';
import type { ChannelOutput } from '../../../../shared/ipc';
import { formatPhone } from '../../../../shared/phone';
import { call } from '../../api';
import { useAction } from '../../hooks/useAction';
import { useAccounts } from '../../stores/accounts';
import { ErrorNotice } from '../ErrorNotice';
import { NewScenarioForm } from './NewScenarioForm';
import { t } from '../../i18n';
import { Trans } from 'react-i18next';
import { providerName } from '../providerWords';

/** A line's detail: a number is shown grouped; anything else (an Infobip scenario's steps) as the provider gives it. */
const lineDetail = (detail: string): string => (/^\+?[\d\s().-]+$/.test(detail) ? formatPhone(detail) : detail);

type Lines = ChannelOutput<'lines:list'>;

/** Providers whose lines can be made from Switchboard; others say theirs are made in their dashboard. */
const creatable: Partial<Record<ProviderInfo['id'], string>> = {
  get infobip() {
    return t('lines.newScenario');
  },
};

/** Failures about the account itself, which the card above already shows in full. */
const accountProblems = new Set(['credentials_rejected', 'unreachable']);

export function LinesSection({ account, provider, connectionProblemShown }: { account: Account; provider: ProviderInfo; connectionProblemShown: boolean }) {
  const upsert = useAccounts((s) => s.upsert);
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [data, setData] = useState<Lines | null>(null);
  const loading = useAction();
  const selecting = useAction();
  const [picked, setPicked] = useState<string | null>(null);
  const { run } = loading;
  const createLabel = creatable[provider.id];

  const load = useCallback(() => run(async () => setData(await call('lines:list', { accountId: account.id }))), [run, account.id]);
  useEffect(() => {
    void load();
  }, [load]);

  // The account record is the truth for the choice (it changes through lines:select or an edit).
  const selected = data ? (account.config[data.configKey] ?? data.selected) || null : null;
  const current = data?.lines.find((l) => l.id === selected);

  async function select(lineId: string) {
    setPicked(lineId);
    await selecting.run(async () => upsert(await call('lines:select', { accountId: account.id, lineId })));
    setPicked(null);
  }

  let summary;
  if (!data && loading.busy) summary = <p className="muted">{t('lines.checking')}</p>;
  else if (!data) summary = null;
  else if (!selected) summary = <p className="line-warning">{t('lines.pickOne')}</p>;
  else summary = (
      <p className="muted">
        <Trans i18nKey="lines.sendsThrough" values={{ line: current?.label ?? selected }} components={{ strong: <strong /> }} />
        {current?.detail ? ` · ${lineDetail(current.detail)}` : ''}
      </p>
    );

  const listId = `lines-${account.id}`;
  return (
    <section className="card-section" aria-label={t('lines.title')}>
      <div className="section-head">
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
          {t('lines.title')}
        </button>
        {summary}
      </div>
      {loading.error && connectionProblemShown && accountProblems.has(loading.error.code) ? (
        <p className="muted">
          {t('lines.afterConnection')}{' '}
          <button type="button" className="btn small" onClick={() => void load()} disabled={loading.busy}>
            {t('tunnel.tryAgain')}
          </button>
        </p>
      ) : loading.error ? (
        <ErrorNotice error={loading.error} onRetry={() => void load()} compact />
      ) : null}
      {open ? (
        <div id={listId} className="section-body">
          {data && data.lines.length === 0 ? <p className="muted">{t('lines.none', { provider: providerName(provider) })}</p> : null}
          {data && data.lines.length > 0 ? (
            <ul className="line-list" aria-label={t('lines.lines')}>
              {data.lines.map((line) => {
                const id = `line-${account.id}-${line.id}`;
                return (
                  <li key={line.id} className={line.id === selected ? 'line selected' : 'line'}>
                    <input
                      type="radio"
                      id={id}
                      name={`line-${account.id}`}
                      checked={(picked ?? selected) === line.id}
                      disabled={selecting.busy}
                      onChange={() => void select(line.id)}
                      aria-describedby={line.detail ? `${id}-detail` : undefined}
                    />
                    <label htmlFor={id}>{line.label}</label>
                    {line.isDefault ? <span className="tag">{t('lines.default')}</span> : null}
                    {line.id === selected ? <span className="tag in-use">{t('lines.inUse')}</span> : null}
                    {line.detail ? (
                      <span className="line-detail muted" id={`${id}-detail`}>
                        {lineDetail(line.detail)}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          ) : null}
          {selecting.error ? <ErrorNotice error={selecting.error} compact /> : null}
          <div className="card-actions">
            <button type="button" className="btn small" onClick={() => void load()} disabled={loading.busy}>
              {loading.busy ? t('lines.refreshing') : t('lines.refresh')}
            </button>
            {createLabel && !creating ? (
              <button type="button" className="btn small" onClick={() => setCreating(true)}>
                {createLabel}
              </button>
            ) : null}
          </div>
          {creating ? (
            <NewScenarioForm
              accountId={account.id}
              onCancel={() => setCreating(false)}
              onCreated={async (lineId) => {
                // A scenario made here is the one the operator means to send through.
                setCreating(false);
                await load();
                await select(lineId);
              }}
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
