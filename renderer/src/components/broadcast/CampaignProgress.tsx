// How far a campaign is: one bar split by where each recipient stands, with the counts beside it
// (all of them on the campaign page, the headline ones in the list) and the time still needed.
import type { Campaign, RecipientStatus } from '../../../../shared/broadcast';
import { t } from '../../i18n';
import { count, duration, handled, recipientStatuses, recipientStatusHelp, recipientStatusLabel } from './words';

/** Left to right as a message travels; pending is the empty track. */
const barOrder: RecipientStatus[] = ['read', 'delivered', 'sent', 'failed', 'cancelled', 'queued'];

export function ProgressBar({ campaign }: { campaign: Campaign }) {
  const totals = campaign.totals;
  const done = handled(totals);
  const pct = totals.total > 0 ? Math.round((done / totals.total) * 100) : 0;
  return (
    <span
      className="progress"
      role="progressbar"
      aria-label={t('campaign.progress.of', { name: campaign.name })}
      aria-valuemin={0}
      aria-valuemax={totals.total}
      aria-valuenow={done}
      aria-valuetext={t('campaign.progress.valueText', { done: count(done), total: count(totals.total), pct })}
    >
      {barOrder.map((s) =>
        totals[s] > 0 ? <span key={s} className={`progress-part part-${s}`} style={{ width: `${(totals[s] / Math.max(totals.total, 1)) * 100}%` }} title={`${recipientStatusLabel[s]}: ${count(totals[s])}`} /> : null,
      )}
    </span>
  );
}

/** "120 of 300 sent · 3 failed" for the campaign list. */
export function ProgressSummary({ campaign }: { campaign: Campaign }) {
  const totals = campaign.totals;
  const out = totals.sent + totals.delivered + totals.read;
  return (
    <span className="progress-summary">
      {t('campaign.progress.sentOf', { sent: count(out), total: count(totals.total) })}
      {totals.failed > 0 ? <span className="summary-failed"> · {t('campaign.progress.failed', { n: count(totals.failed) })}</span> : null}
      {totals.cancelled > 0 ? <span> · {t('campaign.progress.cancelled', { n: count(totals.cancelled) })}</span> : null}
    </span>
  );
}

/** The campaign page's full picture: bar, a count per state, and the time remaining. */
export function CampaignProgress({ campaign }: { campaign: Campaign }) {
  const totals = campaign.totals;
  const done = handled(totals);
  const running = campaign.status === 'running';
  return (
    <section className="card campaign-progress" aria-labelledby="campaign-progress-title">
      <div className="progress-head">
        <h2 id="campaign-progress-title">{t('campaign.progress.title')}</h2>
        <span className="muted" aria-live="polite">
          {t('campaign.progress.doneOf', { done: count(done), total: count(totals.total) })}
          {running && campaign.etaMs !== null ? (campaign.etaMs > 0 ? ` · ${t('campaign.progress.left', { duration: duration(campaign.etaMs) })}` : ` · ${t('campaign.progress.finishing')}`) : ''}
          {running && campaign.etaMs === null && totals.pending + totals.queued > 0 ? ` · ${t('campaign.progress.workingOut')}` : ''}
        </span>
      </div>
      <ProgressBar campaign={campaign} />
      <ul className="progress-legend">
        {recipientStatuses.map((s) => (
          <li key={s} title={recipientStatusHelp[s]}>
            <span className={`swatch part-${s}`} aria-hidden="true" />
            {recipientStatusLabel[s]} <strong>{count(totals[s])}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
