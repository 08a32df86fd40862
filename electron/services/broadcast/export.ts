// The per-recipient report as a CSV a spreadsheet opens cleanly: comma-separated, quoted where
// needed, times in ISO 8601 (UTC).
//
// Language: the report stays in English whatever the interface language: its column names and
// status values (pending, sent, failed…) are fixed tokens that formulas, filters and other tools
// match on, and the same file must read the same for whoever it is passed to. The error column is
// the English text main keeps for each reason (its wording lives beside it in the database, for
// the screens only).
import { placeholderLabel, type CampaignRecipient } from '../../../shared/broadcast';

/**
 * Quotes a cell when it holds a delimiter, quote or line break. Text that a spreadsheet would run
 * as a formula (=…, @…, +word, -word) gets a leading ' — names and values come from imported
 * files, and opening a report must never execute what someone typed into one.
 */
export function csvCell(value: string): string {
  const safe = /^[=@\t\r]/.test(value) || /^[+-][^\d\s]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || /^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const time = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

/** A file name from the campaign name: letters, digits and dashes only, dated. */
export function reportFileName(campaignName: string, now = Date.now()): string {
  const slug = campaignName
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 60);
  return `${slug || 'campaign'}-report-${new Date(now).toISOString().slice(0, 10)}.csv`;
}

export function reportCsv(placeholders: string[], recipients: Iterable<CampaignRecipient>): string {
  const header = ['row', 'phone', 'name', ...placeholders.map(placeholderLabel), 'status', 'error', 'message id', 'sent at', 'delivered at', 'read at'];
  const lines = [header.map(csvCell).join(',')];
  for (const r of recipients) {
    const cells = [
      String(r.row),
      `+${r.phone}`,
      r.name ?? '',
      ...placeholders.map((k) => r.values[k] ?? ''),
      r.status,
      r.error ?? '',
      r.messageId ?? '',
      time(r.sentAt),
      time(r.deliveredAt),
      time(r.readAt),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
