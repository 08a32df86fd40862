// The per-recipient report: one page at a time (never more than PAGE rows on screen, however big
// the campaign), filtered by status with the totals on the tabs, re-read while the campaign moves.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Campaign, CampaignRecipient, RecipientStatus } from '../../../../shared/broadcast';
import type { AppError } from '../../../../shared/model';
import { formatPhone } from '../../../../shared/phone';
import { call, toAppError } from '../../api';
import { reasonText, t } from '../../i18n';
import { ErrorNotice } from '../ErrorNotice';
import { Ticks } from '../MessageBubble';
import { count, recipientStatuses, recipientStatusHelp, recipientStatusLabel, shortTime } from './words';

const PAGE = 100;
/** At most one re-read of the page this often while events arrive. */
const REFRESH_MS = 1000;

type Page = { items: CampaignRecipient[]; total: number };

const noneWith = (status: RecipientStatus): string => t(`campaign.report.none.${status}`);

function StatusCell({ status }: { status: RecipientStatus }) {
  const icon = status === 'pending' ? <span className="rs-dot" /> : status === 'cancelled' ? <span className="rs-skip">–</span> : <Ticks status={status} />;
  return (
    <span className={`rstate rs-${status}`} title={recipientStatusHelp[status]}>
      <span aria-hidden="true" className="rs-icon">
        {icon}
      </span>
      {recipientStatusLabel[status]}
    </span>
  );
}

function Times({ r }: { r: CampaignRecipient }) {
  const parts: [string, number | null][] = [
    [t('campaign.recipientStatus.sent'), r.sentAt],
    [t('campaign.recipientStatus.delivered'), r.deliveredAt],
    [t('campaign.recipientStatus.read'), r.readAt],
  ];
  const shown = parts.filter((p): p is [string, number] => p[1] !== null);
  if (shown.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {shown.map(([label, at]) => (
        <span key={label} className="time-line">
          {label} <time dateTime={new Date(at).toISOString()}>{shortTime(at)}</time>
        </span>
      ))}
    </>
  );
}

export function RecipientReport({ campaign }: { campaign: Campaign }) {
  const [filter, setFilter] = useState<RecipientStatus | null>(null);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const lastFetch = useRef(0);
  const campaignId = campaign.id;

  const fetchPage = useCallback(async () => {
    const mine = ++seq.current;
    lastFetch.current = Date.now();
    setLoading(true);
    try {
      const res = await call('broadcasts:recipients', { campaignId, offset, limit: PAGE, ...(filter ? { status: filter } : {}) });
      if (mine !== seq.current) return;
      // The filtered list shrank under this page (e.g. "Pending" while sending): step back to its last page.
      if (res.items.length === 0 && offset > 0) return setOffset(Math.max(0, Math.floor((res.total - 1) / PAGE) * PAGE));
      setPage(res);
      setError(null);
    } catch (err) {
      if (mine === seq.current) setError(toAppError(err));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [campaignId, offset, filter]);

  useEffect(() => {
    void fetchPage();
  }, [fetchPage]);

  // Live: every `broadcasts:changed` gives a new campaign object; re-read the page, throttled.
  const latest = useRef(fetchPage);
  const seen = useRef(campaign);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = fetchPage;
  }, [fetchPage]);
  useEffect(() => {
    if (seen.current === campaign) return;
    seen.current = campaign;
    if (timer.current) return;
    const wait = Math.max(0, lastFetch.current + REFRESH_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      void latest.current();
    }, wait);
  }, [campaign]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const tabs: (RecipientStatus | null)[] = [null, ...recipientStatuses];
  const totalOf = (s: RecipientStatus | null) => (s ? campaign.totals[s] : campaign.totals.total);
  const labelOf = (s: RecipientStatus | null) => (s ? recipientStatusLabel[s] : t('campaign.report.all'));
  function choose(s: RecipientStatus | null) {
    setFilter(s);
    setOffset(0);
  }
  function onTabKey(e: KeyboardEvent) {
    const at = tabs.indexOf(filter);
    const next = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const s = tabs[(next + tabs.length) % tabs.length]!;
    choose(s);
    document.getElementById(`rtab-${s ?? 'all'}`)?.focus();
  }

  const total = page?.total ?? 0;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + PAGE, total);
  const lastOffset = Math.max(0, Math.floor((total - 1) / PAGE) * PAGE);

  return (
    <section className="card report" aria-labelledby="report-title">
      <div className="progress-head">
        <h2 id="report-title">{t('campaign.report.title')}</h2>
        {loading ? <span className="muted small-note">{t('campaign.report.updating')}</span> : null}
      </div>
      <div className="report-tabs" role="tablist" aria-label={t('campaign.report.byStatus')} onKeyDown={onTabKey}>
        {tabs.map((s) => (
          <button
            key={s ?? 'all'}
            id={`rtab-${s ?? 'all'}`}
            type="button"
            role="tab"
            className={`count-chip${s ? ` chip-${s}` : ''}`}
            aria-selected={filter === s}
            aria-controls="report-panel"
            tabIndex={filter === s ? 0 : -1}
            onClick={() => choose(s)}
          >
            {labelOf(s)} <span className="count">{count(totalOf(s))}</span>
          </button>
        ))}
      </div>
      <div id="report-panel" role="tabpanel" aria-labelledby={`rtab-${filter ?? 'all'}`}>
        {error ? <ErrorNotice error={error} onRetry={() => void fetchPage()} compact /> : null}
        {page && page.items.length === 0 ? <p className="muted report-empty">{filter ? noneWith(filter) : t('campaign.report.noRecipients')}</p> : null}
        {page && page.items.length > 0 ? (
          <div className="table-wrap">
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('campaign.report.row')}
                  </th>
                  <th scope="col">{t('campaign.report.phone')}</th>
                  <th scope="col">{t('campaign.report.name')}</th>
                  <th scope="col">{t('campaign.report.status')}</th>
                  <th scope="col">{t('campaign.report.error')}</th>
                  <th scope="col">{t('campaign.report.times')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <tr key={r.id} data-status={r.status}>
                    <td className="num">{r.row}</td>
                    <td className="nowrap">{formatPhone(r.phone)}</td>
                    <td className="name-cell">{r.name ?? <span className="muted">—</span>}</td>
                    <td>
                      <StatusCell status={r.status} />
                    </td>
                    <td className="report-error">{reasonText(r.error, r.errorWording) ?? ''}</td>
                    <td className="times">
                      <Times r={r} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {total > PAGE ? (
          <div className="pager">
            <span className="muted">
              {t('campaign.report.rows', { from: count(from), to: count(to), total: count(total) })}
            </span>
            <button type="button" className="btn small" disabled={offset === 0} onClick={() => setOffset(0)}>
              {t('campaign.report.first')}
            </button>
            <button type="button" className="btn small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('campaign.report.previous')}
            </button>
            <button type="button" className="btn small" disabled={offset >= lastOffset} onClick={() => setOffset(offset + PAGE)}>
              {t('campaign.report.next')}
            </button>
            <button type="button" className="btn small" disabled={offset >= lastOffset} onClick={() => setOffset(lastOffset)}>
              {t('campaign.report.last')}
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
