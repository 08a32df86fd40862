// Words and times as the operator reads them.
import type { AccountStatus, InstanceState, MessageKind, Price, RegistrationState } from '../../shared/model';

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function clock(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
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
