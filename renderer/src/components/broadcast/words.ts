// Campaign and recipient states, durations and counts as the Broadcasts screens say them.
import type { CampaignStatus, CampaignTotals, RecipientStatus } from '../../../../shared/broadcast';
import type { PacingRule, Wording } from '../../../../shared/model';
import { reasonText, t } from '../../i18n';
import { formatDate, formatNumber } from '../../intl';

/** A label table read in the current language each time a label is looked up. */
function labels<K extends string>(prefix: string, keys: readonly K[]): Record<K, string> {
  const table = {} as Record<K, string>;
  for (const key of keys) Object.defineProperty(table, key, { get: () => t(`${prefix}.${key}`), enumerable: true });
  return table;
}

export const campaignStatusLabel: Record<CampaignStatus, string> = labels('campaign.status', ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled']);

export const recipientStatusLabel: Record<RecipientStatus, string> = labels('campaign.recipientStatus', ['pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'cancelled']);

/** The order of the report's tabs and the progress legend: the journey of a message, then the dead ends. */
export const recipientStatuses: RecipientStatus[] = ['pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'cancelled'];

/** What each recipient state means, for tooltips and the legend. */
export const recipientStatusHelp: Record<RecipientStatus, string> = labels('campaign.recipientHelp', ['pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'cancelled']);

/** 1234 → "1,234" ("1.234" in Indonesian). */
export function count(n: number): string {
  return formatNumber(n);
}

/** Recipients that no longer wait: sent on, failed, or skipped. */
export function handled(t: CampaignTotals): number {
  return t.total - t.pending - t.queued;
}

/** "under a minute", "about 12 minutes", "about 3 h 20 min", "about 2 days". */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return t('campaign.duration.underMinute');
  if (minutes < 60) return t('campaign.duration.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest ? t('campaign.duration.hoursMinutes', { hours, minutes: rest }) : t('campaign.duration.hours', { hours });
  }
  return t('campaign.duration.days', { days: Math.round(hours / 24) });
}

/** How long sending `n` messages takes at the account's pace (the same reading main uses), or null without a limit. */
export function pacedDuration(n: number, rule: PacingRule): number | null {
  if (rule.perMinute <= 0) return null;
  const interval = Math.max(60_000 / rule.perMinute, (rule.gapMs[0] + rule.gapMs[1]) / 2);
  return n * interval;
}

/** A date and time a person reads at a glance: "Mon 3 Mar, 09:30". */
export function when(at: number): string {
  return formatDate(at, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** The local datetime-local value for an epoch ms ("2025-03-01T09:30"). */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as epoch ms (local time), or null when it isn't one. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? at : null;
}

/** "14:03" today, "12 Mar 14:03" on other days: times in the report. */
export function shortTime(at: number, now = new Date()): string {
  const d = new Date(at);
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  const today = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return today ? time : `${formatDate(d, { day: 'numeric', month: 'short' })} ${time}`;
}

/** The inner reason a campaign's wording carries (electron/services/broadcast/reasons.ts), if it reads as one. */

/** A left-out row's reason without its "Row N: " (the table shows the row in a column of its own). */
export function rejectedReasonText(r: { row: number; reason: string; reasonWording?: Wording | null }): string {
  const text = reasonText(r.reason, r.reasonWording);
  const prefix = r.reasonWording ? t('wizard.outcome.rowPrefix', { row: r.row }) : `Row ${r.row}: `;
  return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}
