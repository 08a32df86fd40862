// Infobip OMNI delivery reports → normalised status events. The same `{ results: [...] }` shape
// arrives from GET /omni/1/reports (pulled) and from Infobip's POST to a notify URL (pushed).
// Decisions where the doc is vague:
// - status.groupId decides: 0 ACCEPTED and 1 PENDING → sent; 2 UNDELIVERABLE, 4 EXPIRED and
//   5 REJECTED → failed; 3 DELIVERED → delivered, except DELIVERED_TO_OPERATOR, which only says
//   the operator took it (→ sent). Unknown groups are ignored rather than guessed.
// - `error.permanent` is passed on as given; REJECTED is always permanent (Infobip refused it).
//   An error named NO_ERROR (group 0) is no error.
// - `price.pricePerMessage` is kept as the amount, as reported (not multiplied by messageCount).
// - Timestamps look like 2016-02-23T17:41:11.833+0100 (no colon in the offset, which Date.parse
//   does not read everywhere); `at` is doneAt, else sentAt, else the time we read the report.
// - With failover a message may be reported per channel step (WhatsApp undeliverable, then SMS
//   delivered, same messageId). Within one batch only the latest report per messageId is kept,
//   so a step that failed never overrides the channel that finally delivered.
import { z } from 'zod';
import type { InboundEvent, InboundStatus, Price } from '../types';

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
  messageCount: z.number().optional(),
  mccMnc: z.string().optional(),
  price: z.object({ pricePerMessage: z.number().optional(), currency: z.string().optional() }).nullable().optional(),
  status: Status,
  error: ReportError.nullable().optional(),
  channel: z.string().optional(),
});

const Reports = z.object({ results: z.array(Report) });

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

function via(channel: string | undefined): string {
  if (!channel) return '';
  return ` by ${channelWords[channel.toUpperCase()] ?? channel}`;
}

function reason(r: InfobipReport): string | null {
  const err = r.error;
  const isError = err && err.name !== 'NO_ERROR' && (err.groupId ?? 1) !== 0;
  const described = isError ? (err.description ?? err.name) : (r.status.description ?? r.status.name);
  const code = isError ? err.name : r.status.name;
  if (!described) return null;
  return code && code !== described ? `${described} (${code})` : described;
}

function failure(r: InfobipReport): { error: string; permanent: boolean } {
  const why = reason(r);
  const suffix = why ? `: ${why}.` : '.';
  const permanent = r.status.groupId === 5 ? true : (r.error?.permanent ?? false);
  switch (r.status.groupId) {
    case 4:
      return { error: `The message expired before it could be delivered${via(r.channel)}${suffix}`, permanent };
    case 5:
      return { error: `Infobip rejected the message${suffix} Check the number, the sender and your account balance.`, permanent };
    default:
      return { error: `Not delivered${via(r.channel)}${suffix}`, permanent };
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

/** Reads a `{ results: [...] }` body, pulled or pushed; throws with the reason when it isn't one. */
export function parseInfobipReports(body: unknown, now = Date.now()): InboundEvent[] {
  const parsed = Reports.safeParse(body);
  if (!parsed.success) throw new Error(`Not an Infobip delivery report: ${z.prettifyError(parsed.error)}`);
  if (parsed.data.results.length === 0) return [{ type: 'ignored', reason: 'no reports in this batch' }];
  return latestPerMessage(parsed.data.results.map((r) => reportToEvent(r, now)));
}
