// How far a campaign is: one bar split by where each recipient stands, with the counts beside it
// (all of them on the campaign page, the headline ones in the list) and the time still needed.
import type { Campaign, RecipientStatus } from '../../../../shared/broadcast';
import { count, duration, handled, recipientStatuses, recipientStatusHelp, recipientStatusLabel } from './words';

/** Left to right as a message travels; pending is the empty track. */
const barOrder: RecipientStatus[] = ['read', 'delivered', 'sent', 'failed', 'cancelled', 'queued'];

export function ProgressBar({ campaign }: { campaign: Campaign }) {
  const t = campaign.totals;
  const done = handled(t);
  const pct = t.total > 0 ? Math.round((done / t.total) * 100) : 0;
  return (
    <span
      className="progress"
      role="progressbar"
      aria-label={`Progress of ${campaign.name}`}
      aria-valuemin={0}
      aria-valuemax={t.total}
      aria-valuenow={done}
      aria-valuetext={`${count(done)} of ${count(t.total)} recipients done (${pct}%)`}
    >
      {barOrder.map((s) =>
        t[s] > 0 ? <span key={s} className={`progress-part part-${s}`} style={{ width: `${(t[s] / Math.max(t.total, 1)) * 100}%` }} title={`${recipientStatusLabel[s]}: ${count(t[s])}`} /> : null,
      )}
    </span>
  );
}

/** "120 of 300 sent · 3 failed" for the campaign list. */
export function ProgressSummary({ campaign }: { campaign: Campaign }) {
  const t = campaign.totals;
  const out = t.sent + t.delivered + t.read;
  return (
    <span className="progress-summary">
      {count(out)} of {count(t.total)} sent
      {t.failed > 0 ? <span className="summary-failed"> · {count(t.failed)} failed</span> : null}
      {t.cancelled > 0 ? <span> · {count(t.cancelled)} cancelled</span> : null}
    </span>
  );
}

/** The campaign page's full picture: bar, a count per state, and the time remaining. */
export function CampaignProgress({ campaign }: { campaign: Campaign }) {
  const t = campaign.totals;
  const done = handled(t);
  const running = campaign.status === 'running';
  return (
    <section className="card campaign-progress" aria-labelledby="campaign-progress-title">
      <div className="progress-head">
        <h2 id="campaign-progress-title">Progress</h2>
        <span className="muted" aria-live="polite">
          {count(done)} of {count(t.total)} done
          {running && campaign.etaMs !== null ? (campaign.etaMs > 0 ? ` · ${duration(campaign.etaMs)} left` : ' · finishing') : ''}
          {running && campaign.etaMs === null && t.pending + t.queued > 0 ? ' · working out the time left…' : ''}
        </span>
      </div>
      <ProgressBar campaign={campaign} />
      <ul className="progress-legend">
        {recipientStatuses.map((s) => (
          <li key={s} title={recipientStatusHelp[s]}>
            <span className={`swatch part-${s}`} aria-hidden="true" />
            {recipientStatusLabel[s]} <strong>{count(t[s])}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
