// Infobip webhooks and pulled reports → normalised events. Every shape is `{ results: [...] }`
// (reference/infobip.md, "Webhooks"), and one post may mix kinds: Infobip's docs say "use one URL
// for all report types", so delivery and seen reports share the notify URL, and inbound messages
// may come to it too. Each result is therefore read on its own, by what it carries:
// - `message` {type, …} → a customer message (messages.ts);
// - `seenAt` → a seen report (WhatsAppWebhookSeenReport) → read;
// - `status` → a delivery report (pushed to notifyUrl, or pulled from GET /omni/1/reports);
// - anything else → ignored with the reason. One result we cannot read never costs its
//   neighbours: the batch fails (and lands in Unparsed events) only when no result is readable.
// Decisions for delivery reports:
// - status.groupId decides: 0 ACCEPTED and 1 PENDING → sent; 2 UNDELIVERABLE, 4 EXPIRED and
//   5 REJECTED → failed; 3 DELIVERED → delivered, except DELIVERED_TO_OPERATOR, which only says
//   the operator took it (→ sent). Unknown groups are ignored rather than guessed.
// - `error.permanent` is passed on as given; REJECTED is always permanent (Infobip refused it).
//   An error named NO_ERROR (group 0) is no error.
// - `price.pricePerMessage` is kept as the amount, as reported (not multiplied by messageCount).
// - Timestamps look like 2016-02-23T17:41:11.833+0100 (no colon in the offset, which Date.parse
//   does not read everywhere); `at` is doneAt, else sentAt, else the time we read the report.
//   `bulkId: ""` and `mccMnc: "null"` (strings, as the notes show) are tolerated.
// - With failover a message may be reported per channel step (WhatsApp undeliverable, then SMS
//   delivered, same messageId). Within one batch only the latest delivery report per messageId is
//   kept, so a step that failed never overrides the channel that finally delivered. Seen reports
//   are kept beside them (applied after), since "read" is further on than any delivery report.
import { z } from 'zod';
import type { Wording } from '../../../../shared/model';
import type { InboundEvent, InboundStatus, Price } from '../types';
import { InboundResult, inboundToMessage } from './messages';

const int = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

const Status = z.object({
  groupId: int,
  groupName: z.string().optional(),
  id: int.optional(),
  name: z.string().optional(),
  description: z.string().optional(),
});

const ReportError = z.object({
  groupId: int.optional(),
  groupName: z.string().optional(),
  id: int.optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  permanent: z.boolean().optional(),
});

const Report = z.object({
  messageId: z.string().min(1),
  to: z.string().optional(),
  sentAt: z.string().optional(),
  doneAt: z.string().optional(),
  bulkId: z.string().nullable().optional(),
  messageCount: z.number().optional(),
  mccMnc: z.string().nullable().optional(),
  price: z.object({ pricePerMessage: z.number().optional(), currency: z.string().optional() }).nullable().optional(),
  status: Status,
  error: ReportError.nullable().optional(),
  channel: z.string().nullable().optional(),
});

const SeenReport = z.object({
  messageId: z.string().min(1),
  seenAt: z.string().min(1),
  sentAt: z.string().nullable().optional(),
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
});

const Batch = z.object({ results: z.array(z.unknown()) });

export type InfobipReport = z.infer<typeof Report>;

/** Reads Infobip's `2016-02-23T17:41:11.833+0100` (and the ISO forms) as epoch ms; null if unreadable. */
export function parseInfobipTimestamp(value: string | null | undefined): number | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/i.exec(value.trim());
  if (!m) return null;
  const [, date, time, zone] = m;
  // Beyond milliseconds Date.parse may refuse the string; the extra digits add nothing here.
  const clock = time!.replace(/(\.\d{3})\d+$/, '$1');
  let offset = 'Z';
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offset = `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
  }
  const ms = Date.parse(`${date}T${clock}${offset}`);
  return Number.isNaN(ms) ? null : ms;
}

const channelWords: Record<string, string> = { WHATSAPP: 'WhatsApp', SMS: 'SMS', VIBER: 'Viber' };

function channelName(channel: string | null | undefined): string | null {
  return channel ? (channelWords[channel.toUpperCase()] ?? channel) : null;
}

function reason(r: InfobipReport): string | null {
  const err = r.error;
  const isError = err && err.name !== 'NO_ERROR' && (err.groupId ?? 1) !== 0;
  const described = isError ? (err.description ?? err.name) : (r.status.description ?? r.status.name);
  const code = isError ? err.name : r.status.name;
  if (!described) return null;
  return code && code !== described ? `${described} (${code})` : described;
}

type Failure = { error: string; errorWording: Wording; permanent: boolean };

/**
 * Why a report says the message failed, in English and as its wording: one whole sentence for each
 * case (with or without the channel, with or without Infobip's reason), Infobip's own words as values.
 */
function failure(r: InfobipReport): Failure {
  const why = reason(r);
  const channel = channelName(r.channel);
  const permanent = r.status.groupId === 5 ? true : (r.error?.permanent ?? false);
  const said = (error: string, key: string, params?: Record<string, string>): Failure => ({ error, errorWording: params ? { key, params } : { key }, permanent });
  switch (r.status.groupId) {
    case 4:
      if (channel && why) return said(`The message expired before it could be delivered by ${channel}: ${why}.`, 'errors.infobip.report.expiredByWhy', { channel, why });
      if (channel) return said(`The message expired before it could be delivered by ${channel}.`, 'errors.infobip.report.expiredBy', { channel });
      if (why) return said(`The message expired before it could be delivered: ${why}.`, 'errors.infobip.report.expiredWhy', { why });
      return said('The message expired before it could be delivered.', 'errors.infobip.report.expired');
    case 5:
      if (why) return said(`Infobip rejected the message: ${why}. Check the number, the sender and your account balance.`, 'errors.infobip.report.rejectedWhy', { why });
      return said('Infobip rejected the message. Check the number, the sender and your account balance.', 'errors.infobip.report.rejected');
    default:
      if (channel && why) return said(`Not delivered by ${channel}: ${why}.`, 'errors.infobip.report.failedByWhy', { channel, why });
      if (channel) return said(`Not delivered by ${channel}.`, 'errors.infobip.report.failedBy', { channel });
      if (why) return said(`Not delivered: ${why}.`, 'errors.infobip.report.failedWhy', { why });
      return said('Not delivered.', 'errors.infobip.report.failed');
  }
}

function price(r: InfobipReport): Price | null {
  const p = r.price;
  if (!p || typeof p.pricePerMessage !== 'number' || !p.currency) return null;
  return { amount: p.pricePerMessage, currency: p.currency };
}

/** One report as a status event, or `ignored` for a status group we don't know. */
export function reportToEvent(r: InfobipReport, now = Date.now()): InboundStatus | { type: 'ignored'; reason: string } {
  const base = {
    type: 'status' as const,
    providerMessageId: r.messageId,
    channel: r.channel ?? null,
    price: price(r),
    at: parseInfobipTimestamp(r.doneAt) ?? parseInfobipTimestamp(r.sentAt) ?? now,
  };
  switch (r.status.groupId) {
    case 0:
    case 1:
      return { ...base, status: 'sent' };
    case 3:
      return { ...base, status: r.status.name === 'DELIVERED_TO_OPERATOR' ? 'sent' : 'delivered' };
    case 2:
    case 4:
    case 5:
      return { ...base, status: 'failed', ...failure(r) };
    default:
      return { type: 'ignored', reason: `report ${r.messageId} has unknown status group ${r.status.groupId} (${r.status.groupName ?? r.status.name ?? 'no name'})` };
  }
}

/** Keeps the latest report per messageId (by `at`, then by position), in first-seen order. */
export function latestPerMessage<E extends InboundEvent>(events: E[]): E[] {
  const chosen = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.type !== 'status') return;
    const prev = chosen.get(e.providerMessageId);
    if (prev === undefined || (events[prev] as InboundStatus).at <= e.at) chosen.set(e.providerMessageId, i);
  });
  return events.filter((e, i) => e.type !== 'status' || chosen.get(e.providerMessageId) === i);
}

type Parsed = { kind: 'message' | 'seen' | 'report'; events: InboundEvent[] } | { kind: 'unreadable'; reason: string };

const problem = (e: z.ZodError): string => z.prettifyError(e).replace(/\s+/g, ' ');

/** One result, classified by what it carries (see the note at the top). */
function parseResult(raw: unknown, index: number, now: number): Parsed {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if ('message' in r) {
    const m = InboundResult.safeParse(r);
    if (!m.success) return { kind: 'unreadable', reason: `result ${index}: inbound message not understood: ${problem(m.error)}` };
    return { kind: 'message', events: [inboundToMessage(m.data, parseInfobipTimestamp(m.data.receivedAt) ?? now)] };
  }
  if ('seenAt' in r && !('status' in r)) {
    const s = SeenReport.safeParse(r);
    if (!s.success) return { kind: 'unreadable', reason: `result ${index}: seen report not understood: ${problem(s.error)}` };
    return { kind: 'seen', events: [{ type: 'status', providerMessageId: s.data.messageId, status: 'read', at: parseInfobipTimestamp(s.data.seenAt) ?? now }] };
  }
  if ('status' in r) {
    const d = Report.safeParse(r);
    if (!d.success) return { kind: 'unreadable', reason: `result ${index}: delivery report not understood: ${problem(d.error)}` };
    return { kind: 'report', events: [reportToEvent(d.data, now)] };
  }
  return { kind: 'unreadable', reason: `result ${index} is neither a message, a seen report nor a delivery report` };
}

/**
 * Reads a `{ results: [...] }` body, pushed or pulled: customer messages, then delivery reports
 * (latest per message), then seen reports. Throws with the reasons only when no result is readable.
 */
export function parseInfobipResults(body: unknown, now = Date.now()): InboundEvent[] {
  const batch = Batch.safeParse(body);
  if (!batch.success) throw new Error(`Not an Infobip webhook: expected {"results": [...]}: ${problem(batch.error)}`);
  if (batch.data.results.length === 0) return [{ type: 'ignored', reason: 'no results in this batch' }];
  const parsed = batch.data.results.map((r, i) => parseResult(r, i, now));
  const unreadable = parsed.filter((p): p is Extract<Parsed, { kind: 'unreadable' }> => p.kind === 'unreadable');
  if (unreadable.length === parsed.length) throw new Error(`Not an Infobip webhook: ${unreadable.map((u) => u.reason).join('; ')}`);
  const of = (kind: 'message' | 'seen' | 'report'): InboundEvent[] => parsed.flatMap((p) => (p.kind === kind ? p.events : []));
  return [...of('message'), ...latestPerMessage(of('report')), ...of('seen'), ...unreadable.map((u) => ({ type: 'ignored' as const, reason: u.reason }))];
}

/** Pulled reports (GET /omni/1/reports): the same reader; a pull holds no customer messages. */
export const parseInfobipReports = parseInfobipResults;
