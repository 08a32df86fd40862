// Campaigns and their recipients. Every recipient transition is a conditional UPDATE (pending →
// queued only while still pending, and so on), so the runner, message reports and the operator
// can never both move the same recipient.
import type { CampaignRecipient, CampaignStatus, CampaignTotals, ContactPick, RecipientStatus, VariableSource } from '../../../shared/broadcast';
import type { Wording } from '../../../shared/model';
import type { Db } from './db';
import { readWording, wordingColumn } from './wording';

export interface CampaignRecord {
  id: string;
  accountId: string;
  templateId: string;
  name: string;
  status: CampaignStatus;
  variables: Record<string, VariableSource>;
  error: string | null;
  /** How the renderer words `error`; null without one (or for a reason kept before wordings). */
  errorWording: Wording | null;
  scheduledAt: number | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface NewRecipient {
  row: number;
  phone: string;
  name: string | null;
  values: Record<string, string>;
}

interface CampaignRow {
  id: string;
  account_id: string;
  template_id: string;
  name: string;
  status: CampaignStatus;
  variables: string;
  error: string | null;
  error_wording: string | null;
  scheduled_at: number | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

interface RecipientRow {
  id: number;
  campaign_id: string;
  row: number;
  phone: string;
  name: string | null;
  values_json: string;
  status: RecipientStatus;
  error: string | null;
  error_wording: string | null;
  message_id: string | null;
  sent_at: number | null;
  delivered_at: number | null;
  read_at: number | null;
}

const toCampaign = (r: CampaignRow): CampaignRecord => ({
  id: r.id,
  accountId: r.account_id,
  templateId: r.template_id,
  name: r.name,
  status: r.status,
  variables: JSON.parse(r.variables) as Record<string, VariableSource>,
  error: r.error,
  errorWording: readWording(r.error_wording),
  scheduledAt: r.scheduled_at,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export const toRecipient = (r: RecipientRow): CampaignRecipient => ({
  id: String(r.id),
  campaignId: r.campaign_id,
  row: r.row,
  phone: r.phone,
  name: r.name,
  values: JSON.parse(r.values_json) as Record<string, string>,
  status: r.status,
  error: r.error,
  errorWording: readWording(r.error_wording),
  messageId: r.message_id,
  sentAt: r.sent_at,
  deliveredAt: r.delivered_at,
  readAt: r.read_at,
});

/** `error` sets (or clears) the reason, its wording with it (`errorWording`, none when left out). */
export type CampaignPatch = Partial<Pick<CampaignRecord, 'error' | 'errorWording' | 'scheduledAt' | 'startedAt' | 'finishedAt'>>;

/** Message statuses as a recipient shows them (see RecipientStatus). */
const FOLLOW_STATUS = `CASE m.status WHEN 'sending' THEN 'queued' WHEN 'in_doubt' THEN 'queued' ELSE m.status END`;
/** The wording of the reason a recipient shows for its message (beside `error` in reconcile). */
const FOLLOW_WORDING = `(CASE m.status WHEN 'failed' THEN (CASE WHEN m.error IS NULL THEN @noReasonWording ELSE m.error_wording END) WHEN 'in_doubt' THEN @doubtWording WHEN 'cancelled' THEN m.error_wording ELSE NULL END)`;
export const FAILED_NO_REASON = 'The message could not be sent (no reason was given).';
export const FAILED_NO_REASON_WORDING: Wording = { key: 'errors.recipients.failedNoReason' };
export const IN_DOUBT =
  'In doubt: the app stopped while handing this message to the provider, so it may or may not have arrived. It is not sent again by itself; settle it in the Outbox if the provider cannot tell.';
export const IN_DOUBT_WORDING: Wording = { key: 'errors.recipients.inDoubt' };
export const CAMPAIGN_CANCELLED = 'The campaign was cancelled before this message was sent.';
export const CAMPAIGN_CANCELLED_WORDING: Wording = { key: 'errors.recipients.campaignCancelled' };

export class BroadcastsRepo {
  constructor(private readonly db: Db) {}

  /** The campaign and all its recipients in one transaction: a half-made campaign never exists. */
  insertCampaign(c: Omit<CampaignRecord, 'status' | 'error' | 'errorWording' | 'scheduledAt' | 'startedAt' | 'finishedAt'>, recipients: NewRecipient[]): void {
    this.db.transaction(() => {
      this.db
        .prepare("INSERT INTO campaigns (id, account_id, template_id, name, status, variables, created_at) VALUES (?, ?, ?, ?, 'draft', ?, ?)")
        .run(c.id, c.accountId, c.templateId, c.name, JSON.stringify(c.variables), c.createdAt);
      const insert = this.db.prepare('INSERT INTO campaign_recipients (campaign_id, row, phone, name, values_json, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
      for (const r of recipients) insert.run(c.id, r.row, r.phone, r.name, JSON.stringify(r.values), c.createdAt);
    })();
  }

  campaign(id: string): CampaignRecord | undefined {
    const r = this.db.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as CampaignRow | undefined;
    return r && toCampaign(r);
  }

  campaigns(statuses?: CampaignStatus[]): CampaignRecord[] {
    const rows = this.db.prepare('SELECT * FROM campaigns ORDER BY created_at DESC').all() as CampaignRow[];
    return rows.map(toCampaign).filter((c) => !statuses || statuses.includes(c.status));
  }

  /** Moves the campaign to `to` only from one of `from`; false when it was elsewhere meanwhile. */
  transition(id: string, from: CampaignStatus[], to: CampaignStatus, patch: CampaignPatch = {}): boolean {
    const sets = ['status = ?'];
    const args: unknown[] = [to];
    const columns: Record<Exclude<keyof CampaignPatch, 'errorWording'>, string> = { error: 'error', scheduledAt: 'scheduled_at', startedAt: 'started_at', finishedAt: 'finished_at' };
    for (const [k, v] of Object.entries(patch) as [keyof CampaignPatch, unknown][]) {
      if (k === 'errorWording') continue;
      sets.push(`${columns[k]} = ?`);
      args.push(v ?? null);
    }
    if ('error' in patch) {
      sets.push('error_wording = ?');
      args.push(patch.error ? wordingColumn(patch.errorWording) : null);
    }
    const sql = `UPDATE campaigns SET ${sets.join(', ')} WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`;
    return this.db.prepare(sql).run(...args, id, ...from).changes === 1;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM campaigns WHERE id = ?').run(id).changes === 1;
  }

  totals(campaignId: string): CampaignTotals {
    const t: CampaignTotals = { total: 0, pending: 0, queued: 0, sent: 0, delivered: 0, read: 0, failed: 0, cancelled: 0 };
    const rows = this.db.prepare('SELECT status, count(*) n FROM campaign_recipients WHERE campaign_id = ? GROUP BY status').all(campaignId) as { status: RecipientStatus; n: number }[];
    for (const r of rows) {
      t[r.status] = r.n;
      t.total += r.n;
    }
    return t;
  }

  /** Recipients not yet settled either way: still to hand over, or in the outbox. */
  unfinished(campaignId: string): number {
    return this.db.prepare("SELECT count(*) FROM campaign_recipients WHERE campaign_id = ? AND status IN ('pending', 'queued')").pluck().get(campaignId) as number;
  }

  countQueued(campaignId: string): number {
    return this.db.prepare("SELECT count(*) FROM campaign_recipients WHERE campaign_id = ? AND status = 'queued'").pluck().get(campaignId) as number;
  }

  page(campaignId: string, status: RecipientStatus | undefined, offset: number, limit: number): { items: CampaignRecipient[]; total: number } {
    const rows = status
      ? this.db.prepare('SELECT * FROM campaign_recipients WHERE campaign_id = ? AND status = ? ORDER BY row LIMIT ? OFFSET ?').all(campaignId, status, limit, offset)
      : this.db.prepare('SELECT * FROM campaign_recipients WHERE campaign_id = ? ORDER BY row LIMIT ? OFFSET ?').all(campaignId, limit, offset);
    const total = status
      ? (this.db.prepare('SELECT count(*) FROM campaign_recipients WHERE campaign_id = ? AND status = ?').pluck().get(campaignId, status) as number)
      : (this.db.prepare('SELECT count(*) FROM campaign_recipients WHERE campaign_id = ?').pluck().get(campaignId) as number);
    return { items: (rows as RecipientRow[]).map(toRecipient), total };
  }

  /** The recipient on that row, or the first one when no row is given. */
  atRow(campaignId: string, row?: number): CampaignRecipient | undefined {
    const r =
      row === undefined
        ? this.db.prepare('SELECT * FROM campaign_recipients WHERE campaign_id = ? ORDER BY row LIMIT 1').get(campaignId)
        : this.db.prepare('SELECT * FROM campaign_recipients WHERE campaign_id = ? AND row = ? LIMIT 1').get(campaignId, row);
    return r ? toRecipient(r as RecipientRow) : undefined;
  }

  /** Every recipient in row order, read lazily (for the export). */
  *all(campaignId: string): Generator<CampaignRecipient> {
    for (const r of this.db.prepare('SELECT * FROM campaign_recipients WHERE campaign_id = ? ORDER BY row').iterate(campaignId)) yield toRecipient(r as RecipientRow);
  }

  nextPending(campaignId: string, limit: number): CampaignRecipient[] {
    const rows = this.db.prepare("SELECT * FROM campaign_recipients WHERE campaign_id = ? AND status = 'pending' ORDER BY row LIMIT ?").all(campaignId, limit) as RecipientRow[];
    return rows.map(toRecipient);
  }

  /** pending → queued, only while still pending: the one gate every hand-over passes. */
  claim(recipientId: string): boolean {
    return this.db.prepare("UPDATE campaign_recipients SET status = 'queued', error = NULL, error_wording = NULL, updated_at = ? WHERE id = ? AND status = 'pending'").run(Date.now(), recipientId).changes === 1;
  }

  attachMessage(recipientId: string, messageId: string): void {
    this.db.prepare('UPDATE campaign_recipients SET message_id = ?, updated_at = ? WHERE id = ?').run(messageId, Date.now(), recipientId);
  }

  /** Forgets a message that no longer exists (its conversation was deleted), so a new one can be made. */
  detachMessage(recipientId: string): void {
    this.db.prepare('UPDATE campaign_recipients SET message_id = NULL, updated_at = ? WHERE id = ?').run(Date.now(), recipientId);
  }

  byMessage(messageId: string): { id: string; campaignId: string; status: RecipientStatus } | undefined {
    const r = this.db.prepare('SELECT id, campaign_id, status FROM campaign_recipients WHERE message_id = ?').get(messageId) as { id: number; campaign_id: string; status: RecipientStatus } | undefined;
    return r && { id: String(r.id), campaignId: r.campaign_id, status: r.status };
  }

  messageStatus(messageId: string): string | undefined {
    return this.db.prepare('SELECT status FROM messages WHERE id = ?').pluck().get(messageId) as string | undefined;
  }

  /**
   * A recipient follows its message. Pending (waiting to be retried) and cancelled recipients
   * don't: their message's late news no longer describes what the campaign will do.
   */
  follow(recipientId: string, status: Exclude<RecipientStatus, 'pending'>, error: string | null, wording: Wording | null = null): boolean {
    const now = Date.now();
    const reached = (s: RecipientStatus[]) => (s.includes(status) ? now : null);
    const worded = error === null ? null : wordingColumn(wording);
    return (
      this.db
        .prepare(
          `UPDATE campaign_recipients SET status = ?, error = ?, error_wording = ?, sent_at = coalesce(sent_at, ?), delivered_at = coalesce(delivered_at, ?), read_at = coalesce(read_at, ?), updated_at = ?
           WHERE id = ? AND status NOT IN ('pending', 'cancelled') AND (status IS NOT ? OR error IS NOT ? OR error_wording IS NOT ?)`,
        )
        .run(status, error, worded, reached(['sent', 'delivered', 'read']), reached(['delivered', 'read']), reached(['read']), now, recipientId, status, error, worded).changes === 1
    );
  }

  /** A recipient that could not be handed over at all (e.g. the number cannot be messaged). */
  fail(recipientId: string, error: string, wording: Wording | null = null): void {
    this.db.prepare("UPDATE campaign_recipients SET status = 'failed', error = ?, error_wording = ?, updated_at = ? WHERE id = ?").run(error, wordingColumn(wording), Date.now(), recipientId);
  }

  /**
   * Brings recipients in line with their messages, for whatever happened while nobody listened
   * (a crash between a message's change and its recipient's, events before the service started).
   */
  reconcile(campaignId?: string): number {
    const now = Date.now();
    return this.db
      .prepare(
        `UPDATE campaign_recipients AS r SET status = ${FOLLOW_STATUS},
           error = CASE m.status WHEN 'failed' THEN coalesce(m.error, @noReason) WHEN 'in_doubt' THEN @doubt WHEN 'cancelled' THEN m.error ELSE NULL END,
           error_wording = ${FOLLOW_WORDING},
           sent_at = CASE WHEN m.status IN ('sent', 'delivered', 'read') THEN coalesce(r.sent_at, @now) ELSE r.sent_at END,
           delivered_at = CASE WHEN m.status IN ('delivered', 'read') THEN coalesce(r.delivered_at, @now) ELSE r.delivered_at END,
           read_at = CASE WHEN m.status = 'read' THEN coalesce(r.read_at, @now) ELSE r.read_at END,
           updated_at = @now
         FROM messages m
         WHERE m.id = r.message_id AND (@campaign IS NULL OR r.campaign_id = @campaign) AND r.status IN ('queued', 'sent', 'delivered', 'read', 'failed')
           AND m.status IN ('queued', 'sending', 'in_doubt', 'sent', 'delivered', 'read', 'failed', 'cancelled')
           AND (r.status IS NOT ${FOLLOW_STATUS} OR r.error IS NOT (CASE m.status WHEN 'failed' THEN coalesce(m.error, @noReason) WHEN 'in_doubt' THEN @doubt WHEN 'cancelled' THEN m.error ELSE NULL END)
                OR r.error_wording IS NOT ${FOLLOW_WORDING})`,
      )
      .run({
        now,
        doubt: IN_DOUBT,
        noReason: FAILED_NO_REASON,
        doubtWording: wordingColumn(IN_DOUBT_WORDING),
        noReasonWording: wordingColumn(FAILED_NO_REASON_WORDING),
        campaign: campaignId ?? null,
      }).changes;
  }

  /** Recipients still waiting to be handed over never will be. */
  cancelPending(campaignId: string): number {
    return this.db
      .prepare("UPDATE campaign_recipients SET status = 'cancelled', error = ?, error_wording = ?, updated_at = ? WHERE campaign_id = ? AND status = 'pending'")
      .run(CAMPAIGN_CANCELLED, wordingColumn(CAMPAIGN_CANCELLED_WORDING), Date.now(), campaignId).changes;
  }

  queuedMessages(campaignId: string): { id: string; messageId: string }[] {
    const rows = this.db.prepare("SELECT id, message_id FROM campaign_recipients WHERE campaign_id = ? AND status = 'queued' AND message_id IS NOT NULL").all(campaignId) as { id: number; message_id: string }[];
    return rows.map((r) => ({ id: String(r.id), messageId: r.message_id }));
  }

  /** A recipient whose queued message was withdrawn from the outbox. */
  markCancelled(recipientId: string): void {
    this.db
      .prepare("UPDATE campaign_recipients SET status = 'cancelled', error = ?, error_wording = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'failed')")
      .run(CAMPAIGN_CANCELLED, wordingColumn(CAMPAIGN_CANCELLED_WORDING), Date.now(), recipientId);
  }

  /** failed → pending for the operator's "retry failed"; the message id stays, so the same message is retried. */
  resetFailed(campaignId: string): number {
    // The times of the failed try go too: the report shows when the retry was sent, not the old try.
    return this.db
      .prepare("UPDATE campaign_recipients SET status = 'pending', error = NULL, error_wording = NULL, sent_at = NULL, delivered_at = NULL, read_at = NULL, updated_at = ? WHERE campaign_id = ? AND status = 'failed'")
      .run(Date.now(), campaignId).changes;
  }

  /** Pending recipients with no (or an empty) value for a placeholder: how many, and the first row. */
  missingValue(campaignId: string, key: string): { count: number; firstRow: number | null } {
    const r = this.db
      .prepare("SELECT count(*) n, min(row) first FROM campaign_recipients WHERE campaign_id = ? AND status = 'pending' AND trim(coalesce(json_extract(values_json, ?), '')) = ''")
      .get(campaignId, `$."${key.replace(/"/g, '')}"`) as { n: number; first: number | null };
    return { count: r.n, firstRow: r.first };
  }

  /** The contact's name on this account, else on any account (the picker lists every account's). */
  contactName(accountId: string, phone: string): string | null {
    const sql = `SELECT name FROM contacts WHERE phone = ? AND name IS NOT NULL AND name <> '' ORDER BY account_id = ? DESC LIMIT 1`;
    return (this.db.prepare(sql).pluck().get(phone, accountId) as string | undefined) ?? null;
  }

  /** Contacts with a phone number (digits only: no group ids), optionally of one account and matching a search. */
  contacts(search: string | undefined, accountId: string | undefined, limit = 2000): ContactPick[] {
    const q = search?.trim() ?? '';
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = q.replace(/\D/g, '');
    const rows = this.db
      .prepare(
        `SELECT DISTINCT account_id accountId, phone, name FROM contacts
         WHERE phone IS NOT NULL AND phone <> '' AND phone NOT GLOB '*[^0-9]*' AND (@account IS NULL OR account_id = @account) AND broadcast_only = 0
           AND (@q = '' OR name LIKE @like ESCAPE '\\' OR (@digits <> '' AND phone LIKE @digitsLike))
         ORDER BY name IS NULL, name COLLATE NOCASE, phone LIMIT @limit`,
      )
      .all({ account: accountId ?? null, q, like, digits, digitsLike: `%${digits}%`, limit }) as ContactPick[];
    return rows;
  }
}
