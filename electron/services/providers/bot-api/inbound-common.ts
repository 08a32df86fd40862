// Helpers both engines' parsers share: WhatsApp ids, timestamps in any unit, lenient field reads.
// Timestamps: open-wa sends `ts` in milliseconds and `t`/`timestamp` in seconds; Baileys sends
// `messageTimestamp` as a string of seconds (or a protobuf Long once serialised, `{low, high}`).
// Every form becomes milliseconds; a value outside WhatsApp's lifetime (before 2009, or more
// than a day ahead of our clock) is treated as absent, so a bad clock never files a message
// decades away.

const WHATSAPP_EPOCH = Date.UTC(2009, 0, 1);
const DAY = 86_400_000;

export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function rec(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Seconds, milliseconds or microseconds (by magnitude), digits in a string, ISO text or a Long. */
export function toMs(v: unknown, now = Date.now()): number | null {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v)) n = Number(v);
  else if (typeof v === 'string' && v.trim() !== '') n = Date.parse(v);
  else if (rec(v) && typeof rec(v)!.low === 'number') n = ((rec(v)!.high as number) ?? 0) * 2 ** 32 + ((rec(v)!.low as number) >>> 0);
  else return null;
  if (!Number.isFinite(n) || n <= 0) return null;
  // 1e11 s is the year 5138 and 1e11 ms is 1973, so the magnitude tells the unit apart.
  const ms = n < 1e11 ? n * 1000 : n < 1e14 ? n : n / 1000;
  return ms >= WHATSAPP_EPOCH && ms <= now + DAY ? Math.round(ms) : null;
}

/** The first value that reads as a sane time, else our clock. */
export function firstTime(...values: unknown[]): number {
  const now = Date.now();
  for (const v of values) {
    const ms = toMs(v, now);
    if (ms !== null) return ms;
  }
  return now;
}

/** "2348012345678:8@s.whatsapp.net" / "2348012345678@c.us" → "2348012345678". */
export const jidUser = (jid: string): string => jid.split('@')[0]!.split(':')[0]!;

export const isGroupJid = (jid: string): boolean => jid.endsWith('@g.us');

/** Group threads keep the full jid (what a reply's chatId takes); people are keyed by digits. */
export const peerOf = (jid: string, group: boolean): string => (group ? `${jidUser(jid)}@g.us` : jidUser(jid));

/**
 * open-wa serialises a message id as `<fromMe>_<chat jid>_<key id>[_<participant>]`; Baileys, its
 * send answers and acks by key all use the bare key id. One form (the key id) for both engines
 * lets an ack find the message a send answer named, and the same message posted under both
 * onMessage and onAnyMessage be stored once.
 */
export function keyIdOf(id: string): string {
  const parts = id.split('_');
  if (parts.length >= 3 && (parts[0] === 'true' || parts[0] === 'false') && parts[2]) return parts[2];
  return id;
}

/** Media keys and hashes arrive as base64 text, or as a Node Buffer serialised to JSON. */
export function base64(v: unknown): string | null {
  if (typeof v === 'string' && v !== '') return v;
  const b = rec(v);
  if (b && b.type === 'Buffer' && Array.isArray(b.data)) return Buffer.from(b.data as number[]).toString('base64');
  return null;
}

export function positive(v: unknown): number | null {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** The FN line of a vCard: the name WhatsApp shows on a contact card. */
export function vcardName(vcard: unknown): string | null {
  const m = typeof vcard === 'string' ? /^FN[^:]*:(.+)$/m.exec(vcard) : null;
  return m ? m[1]!.trim() : null;
}
