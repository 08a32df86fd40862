// Template broadcast campaigns: the domain schemas and the IPC channels/events the Broadcasts
// screens use. Kept apart from ipc.ts so the campaign work can land on its own; ipc.ts spreads
// `broadcastChannels` into `channels` and `broadcastEvents` into `events`.
// Platform-free like the rest of shared/.
import { z } from 'zod';
import { Wording } from './model';

const id = z.string().min(1, 'An id is required');
const none = z.object({}).strict();
const count = z.number().int().min(0);

/** The largest CSV text accepted over IPC (characters); bigger files are best split by the operator. */
export const MAX_CSV_CHARS = 50 * 1024 * 1024;
/** A value filled into a placeholder; the same limit the composer's template params have. */
export const MAX_VALUE_CHARS = 1024;
/** How many left-out rows `broadcasts:create` lists (all are counted). */
export const MAX_REJECTED_LISTED = 1000;

export const CampaignStatus = z.enum(['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/**
 * pending: not yet handed to the outbox. queued: in the outbox (waiting, being sent, or in doubt —
 * then `error` says so). sent → delivered → read follow the message; failed carries the reason;
 * cancelled: never sent because the campaign was cancelled.
 */
export const RecipientStatus = z.enum(['pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'cancelled']);
export type RecipientStatus = z.infer<typeof RecipientStatus>;

/** Where a placeholder's value comes from: a CSV column (per recipient) or the same text for everyone. */
export const VariableSource = z.union([
  z.object({ column: z.string().min(1, 'Pick a column') }).strict(),
  z.object({ text: z.string().trim().min(1, 'Type the text to use').max(MAX_VALUE_CHARS, `A text can be at most ${MAX_VALUE_CHARS} characters`) }).strict(),
]);
export type VariableSource = z.infer<typeof VariableSource>;

export const CampaignTotals = z.object({
  total: count,
  pending: count,
  queued: count,
  sent: count,
  delivered: count,
  read: count,
  failed: count,
  cancelled: count,
});
export type CampaignTotals = z.infer<typeof CampaignTotals>;

export const Campaign = z.object({
  id: z.string(),
  accountId: z.string(),
  templateId: z.string(),
  name: z.string(),
  status: CampaignStatus,
  /** Placeholder → where its value came from, as chosen when the campaign was made. */
  variables: z.record(z.string(), VariableSource),
  /** Why the campaign stopped by itself (e.g. its template was removed), in plain words. */
  error: z.string().nullable(),
  errorWording: Wording.nullable().optional(),
  scheduledAt: z.number().nullable(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  totals: CampaignTotals,
  /** Estimated time until every recipient has been handed over and sent; null when unknown or not running. */
  etaMs: z.number().nullable(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignRecipient = z.object({
  id: z.string(),
  campaignId: z.string(),
  /** The row as a spreadsheet shows it (the header is row 1); the position in the list for contacts. */
  row: z.number().int(),
  /** E.164 digits without the + (6281234567890). */
  phone: z.string(),
  name: z.string().nullable(),
  values: z.record(z.string(), z.string()),
  status: RecipientStatus,
  error: z.string().nullable(),
  errorWording: Wording.nullable().optional(),
  messageId: z.string().nullable(),
  sentAt: z.number().nullable(),
  deliveredAt: z.number().nullable(),
  readAt: z.number().nullable(),
});
export type CampaignRecipient = z.infer<typeof CampaignRecipient>;

export const CsvDelimiter = z.enum([',', ';', '\t']);
export type CsvDelimiter = z.infer<typeof CsvDelimiter>;

export const ImportPreview = z.object({
  importId: z.string(),
  columns: z.array(z.string()),
  /** The first five data rows, cells in column order. */
  sampleRows: z.array(z.array(z.string())),
  /** Data rows (blank lines not counted). */
  rowCount: count,
  delimiter: CsvDelimiter,
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** A row left out of a campaign, and why, in words for the operator. */
export const RejectedRow = z.object({ row: z.number().int(), value: z.string(), reason: z.string(), reasonWording: Wording.nullable().optional() });
export type RejectedRow = z.infer<typeof RejectedRow>;

export const RecipientSource = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('csv'),
      importId: id,
      phoneColumn: z.string().min(1, 'Pick the column with the phone numbers'),
      nameColumn: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('contacts'),
      phones: z.array(z.string().trim().min(1).max(40)).min(1, 'Pick at least one contact').max(200_000),
      /** The name the picker showed for a phone (any account's contact), so the preview is what is sent. */
      names: z.record(z.string(), z.string().max(200)).optional(),
    })
    .strict(),
]);
export type RecipientSource = z.infer<typeof RecipientSource>;

export const ContactPick = z.object({ phone: z.string(), name: z.string().nullable(), accountId: z.string() });
export type ContactPick = z.infer<typeof ContactPick>;

const campaignRef = z.object({ campaignId: id }).strict();

export const broadcastChannels = {
  /** Parses a CSV (header row required; delimiter , ; or tab detected) and keeps it for an hour under importId. */
  'broadcasts:importCsv': {
    input: z
      .object({
        csvText: z
          .string()
          .min(1, 'The file is empty')
          .max(MAX_CSV_CHARS, 'The file is larger than 50 MB. Split it into smaller files and make a campaign for each.'),
      })
      .strict(),
    output: ImportPreview,
  },
  /** Makes a draft: recipients checked, normalised and de-duplicated; rows left out are reported. */
  'broadcasts:create': {
    input: z
      .object({
        name: z.string().trim().min(1, 'Give the campaign a name').max(200, 'A campaign name can be at most 200 characters'),
        accountId: id,
        templateId: id,
        recipients: RecipientSource,
        variables: z.record(z.string(), VariableSource),
      })
      .strict(),
    output: z.object({ campaign: Campaign, rejected: z.array(RejectedRow), rejectedCount: count, duplicateCount: count }),
  },
  /** The message as one recipient (by row; the first one when left out) will receive it. */
  'broadcasts:preview': {
    input: z.object({ campaignId: id, row: z.number().int().min(1).optional() }).strict(),
    output: z.object({ text: z.string(), recipient: CampaignRecipient }),
  },
  'broadcasts:list': { input: none, output: z.array(Campaign) },
  'broadcasts:get': { input: campaignRef, output: Campaign },
  'broadcasts:recipients': {
    input: z
      .object({
        campaignId: id,
        status: RecipientStatus.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500, 'At most 500 recipients per page').default(100),
      })
      .strict(),
    output: z.object({ items: z.array(CampaignRecipient), total: count }),
  },
  /** Starts now, or at `at` (epoch ms) when that is in the future. */
  'broadcasts:start': { input: z.object({ campaignId: id, at: z.number().int().positive().optional() }).strict(), output: Campaign },
  'broadcasts:pause': { input: campaignRef, output: Campaign },
  'broadcasts:resume': { input: campaignRef, output: Campaign },
  'broadcasts:cancel': { input: campaignRef, output: Campaign },
  /** Sends again to every recipient whose message failed. */
  'broadcasts:retryFailed': { input: campaignRef, output: Campaign },
  'broadcasts:exportCsv': { input: campaignRef, output: z.object({ fileName: z.string(), csv: z.string() }) },
  /** Drafts and finished (completed or cancelled) campaigns only. */
  'broadcasts:remove': { input: campaignRef, output: z.object({ removed: z.boolean() }) },
  /** Known contacts with a phone number, for picking recipients. */
  'contacts:list': {
    input: z.object({ search: z.string().max(200).optional(), accountId: id.optional() }).strict(),
    output: z.array(ContactPick),
  },
} as const;

export type BroadcastChannel = keyof typeof broadcastChannels;
export type BroadcastChannelInput<C extends BroadcastChannel> = z.input<(typeof broadcastChannels)[C]['input']>;
export type BroadcastChannelOutput<C extends BroadcastChannel> = z.output<(typeof broadcastChannels)[C]['output']>;

/** Main → renderer: a campaign's state or totals changed (throttled to a few per second per campaign). */
export const broadcastEvents = {
  'broadcasts:changed': Campaign,
} as const;

/** Control characters no spreadsheet writes into a CSV (tab, line breaks and form feed aside). */
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F]/;
/** Looked at, not the whole file: a binary file gives itself away in its first bytes. */
const SNIFF_CHARS = 64 * 1024;

/** A refusal said in English, with the message key and values the renderer words it by. */
export type WordedProblem = Wording & { message: string };

/**
 * Why this "CSV" is not a text file, or null when it reads as one. An image or spreadsheet
 * renamed .csv decodes to control characters and U+FFFD; a file saved in Windows-1252 only has a
 * few U+FFFD where accented letters are, and passes. Named when the file's name is known (the
 * renderer); "This file" otherwise (main gets only the text).
 */
export function binaryCsvProblem(text: string, fileName?: string): WordedProblem | null {
  const head = text.slice(0, SNIFF_CHARS);
  const replaced = head.match(/\uFFFD/g)?.length ?? 0;
  if (!CONTROL.test(head) && replaced <= head.length / 10) return null;
  const why = 'is not a CSV text file (it looks like an image, a spreadsheet workbook or another binary file). In your spreadsheet, use Save as / Download as CSV, then pick that file.';
  if (fileName) return { message: `“${fileName}” ${why}`, key: 'errors.csv.binaryNamed', params: { file: fileName } };
  return { message: `This file ${why}`, key: 'errors.csv.binary' };
}

/** How a placeholder key reads in a template: "1" → {{1}}, "name" → {name}. */
export function placeholderLabel(key: string): string {
  return /^\d+$/.test(key) ? `{{${key}}}` : `{${key}}`;
}
