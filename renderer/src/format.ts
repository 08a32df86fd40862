// Words and times as the operator reads them.
import type { AccountStatus, InstanceState, MessageKind, MessageStatus, PacingRule, Price, RegistrationState, TunnelStatus } from '../../shared/model';

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function clock(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** HH:MM:SS, for retry times that are seconds apart. */
export function clockSeconds(at: number): string {
  const d = new Date(at);
  return `${clock(at)}:${String(d.getSeconds()).padStart(2, '0')}`;
}

/** "Today 14:03:22" or "12 Mar 14:03:22", for lists of events. */
export function stamp(at: number, now = new Date()): string {
  const d = new Date(at);
  const day = sameDay(d, now) ? 'Today' : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', ...(d.getFullYear() !== now.getFullYear() ? { year: 'numeric' } : {}) });
  return `${day} ${clockSeconds(at)}`;
}

/** HH:MM today, otherwise the date. */
export function listTime(at: number, now = new Date()): string {
  const d = new Date(at);
  if (sameDay(d, now)) return clock(at);
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
  if (d.getFullYear() !== now.getFullYear()) opts.year = 'numeric';
  return d.toLocaleDateString(undefined, opts);
}

/** "Today", "Yesterday" or the date, for separators between days in a conversation. */
export function dayLabel(at: number, now = new Date()): string {
  const d = new Date(at);
  if (sameDay(d, now)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, yesterday)) return 'Yesterday';
  return d.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

export const accountStatusLabel: Record<AccountStatus, string> = {
  connected: 'Connected',
  needs_qr: 'Needs QR scan',
  credentials_rejected: 'Credentials rejected',
  unreachable: 'Unreachable',
  unknown: 'Status unknown',
};

export const instanceStateLabel: Record<InstanceState, string> = {
  created: 'Created',
  waiting_qr: 'Waiting for scan',
  connected: 'Connected',
  logged_out: 'Logged out',
  error: 'Error',
};

export const registrationLabel: Record<RegistrationState['state'], string> = {
  registered: 'Registered',
  failed: 'Failed',
  registering: 'Registering…',
  unregistered: 'Not registered',
  manual: 'Set up manually',
};

/** Outgoing message states as the Outbox and the bubbles name them. */
export const messageStatusLabel: Record<MessageStatus, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Failed',
  in_doubt: 'In doubt',
  received: 'Received',
};

export const tunnelStateLabel: Record<TunnelStatus['state'], string> = {
  off: 'Off',
  connecting: 'Connecting…',
  connected: 'Connected',
  failed: 'Failed',
};

/** 4000 → "4", 1500 → "1.5" (seconds, for the pacing form and its summary). */
export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** "6 a minute · one at a time · 4–12 s apart", or "No limit". */
export function paceSummary(rule: PacingRule): string {
  const parts = [rule.perMinute === 0 ? 'No limit' : `${rule.perMinute} a minute`];
  if (rule.perMinute > 0) parts.push(rule.burst === 1 ? 'one at a time' : `bursts of ${rule.burst}`);
  const [min, max] = rule.gapMs;
  if (max > 0) parts.push(min === max ? `${seconds(min)} s apart` : `${seconds(min)}–${seconds(max)} s apart`);
  return parts.join(' · ');
}

export const kindLabel: Record<MessageKind, string> = {
  text: 'Message',
  image: 'Photo',
  video: 'Video',
  audio: 'Audio',
  document: 'Document',
  location: 'Location',
  contact: 'Contact',
  interactive: 'Interactive message',
  template: 'Template message',
  unsupported: 'Message type not shown here',
};

export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** "WHATSAPP" → "via WhatsApp", "SMS" → "via SMS"; other channels as the provider names them. */
export function channelLabel(channel: string): string {
  const known: Record<string, string> = { whatsapp: 'WhatsApp', sms: 'SMS', viber: 'Viber', email: 'email' };
  return `via ${known[channel.trim().toLowerCase()] ?? channel}`;
}

/** 0.0104 EUR, without float noise. */
export function priceLabel(price: Price): string {
  return `${price.amount.toLocaleString('en', { maximumFractionDigits: 6, useGrouping: false })} ${price.currency}`;
}

/** Up to two initials from a name; "#" when the title is a number or empty. */
export function initials(title: string): string {
  const words = title.trim().split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const letters = words.slice(0, 2).map((w) => w.charAt(0).toUpperCase());
  return letters.join('') || '#';
}

/** "ID" → "Indonesia"; the code itself when the browser doesn't know it. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** "1 message", "3 messages". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** 2048 → "2 KB", 6291456 → "6.0 MB": the way WhatsApp's limits are written. */
export function fileSize(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB) return `${(bytes / MB).toFixed(bytes >= 10 * MB ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** A count with the locale's grouping (12,480). */
export function formatCount(n: number): string {
  return new Intl.NumberFormat().format(n);
}
