// Words, times and numbers as the operator reads them, in the chosen language (see i18n/).
import type { AccountStatus, InstanceState, MessageKind, MessageStatus, PacingRule, Price, RegistrationState, Thread, TunnelStatus } from '../../shared/model';
import { currentLocale, t } from './i18n';
import { formatDate, formatNumber } from './intl';
import { unnamedGroupId } from '../../shared/thread-title';

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** 14:03 (14.03 in Indonesian), 24-hour as WhatsApp shows it. */
export function clock(at: number): string {
  return formatDate(at, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** HH:MM:SS, for retry times that are seconds apart. */
export function clockSeconds(at: number): string {
  return formatDate(at, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

function shortDate(d: Date, now: Date): string {
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
  if (d.getFullYear() !== now.getFullYear()) opts.year = 'numeric';
  return formatDate(d, opts);
}

/** "Today 14:03:22" or "12 Mar 14:03:22", for lists of events. */
export function stamp(at: number, now = new Date()): string {
  const d = new Date(at);
  const day = sameDay(d, now) ? t('time.today') : shortDate(d, now);
  return `${day} ${clockSeconds(at)}`;
}

/** HH:MM today, otherwise the date. */
export function listTime(at: number, now = new Date()): string {
  const d = new Date(at);
  return sameDay(d, now) ? clock(at) : shortDate(d, now);
}

/** "Today", "Yesterday" or the date, for separators between days in a conversation. */
export function dayLabel(at: number, now = new Date()): string {
  const d = new Date(at);
  if (sameDay(d, now)) return t('time.today');
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, yesterday)) return t('time.yesterday');
  return formatDate(d, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** A label table read in the current language each time a label is looked up. */
function labels<K extends string>(prefix: string, keys: readonly K[]): Record<K, string> {
  const table = {} as Record<K, string>;
  for (const key of keys) Object.defineProperty(table, key, { get: () => t(`${prefix}.${key}`), enumerable: true });
  return table;
}

export const accountStatusLabel: Record<AccountStatus, string> = labels('status.account', ['connected', 'needs_qr', 'credentials_rejected', 'unreachable', 'unknown']);

export const instanceStateLabel: Record<InstanceState, string> = labels('status.instance', ['created', 'waiting_qr', 'connected', 'logged_out', 'error']);

export const registrationLabel: Record<RegistrationState['state'], string> = labels('status.registration', ['registered', 'failed', 'registering', 'unregistered', 'manual']);

/** Outgoing message states as the Outbox and the bubbles name them. */
export const messageStatusLabel: Record<MessageStatus, string> = labels('status.message', ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'in_doubt', 'received', 'cancelled']);

export const tunnelStateLabel: Record<TunnelStatus['state'], string> = labels('status.tunnel', ['off', 'connecting', 'connected', 'failed']);

/** 4000 → "4", 1500 → "1.5" (seconds, for the pacing form and its summary). */
export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** The same, written the locale's way (1,5 in Indonesian), for text rather than form fields. */
function secondsText(ms: number): string {
  return formatNumber(Math.round(ms / 100) / 10, { useGrouping: false });
}

/** "6 a minute · one at a time · 4–12 s apart", or "No limit". */
export function paceSummary(rule: PacingRule): string {
  const parts = [rule.perMinute === 0 ? t('pace.noLimit') : t('pace.perMinute', { count: rule.perMinute })];
  if (rule.perMinute > 0) parts.push(rule.burst === 1 ? t('pace.oneAtATime') : t('pace.bursts', { count: rule.burst }));
  const [min, max] = rule.gapMs;
  if (max > 0) parts.push(min === max ? t('pace.apart', { s: secondsText(min) }) : t('pace.apartRange', { min: secondsText(min), max: secondsText(max) }));
  return parts.join(' · ');
}

export const kindLabel: Record<MessageKind, string> = labels('kind', ['text', 'image', 'video', 'audio', 'document', 'location', 'contact', 'interactive', 'template', 'unsupported']);

export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** "WHATSAPP" → "via WhatsApp", "SMS" → "via SMS"; other channels as the provider names them. */
export function channelLabel(channel: string): string {
  const known: Record<string, string> = { whatsapp: 'WhatsApp', sms: 'SMS', viber: 'Viber', email: t('channel.email') };
  return t('channel.via', { channel: known[channel.trim().toLowerCase()] ?? channel });
}

/** 0.0104 EUR, without float noise. */
export function priceLabel(price: Price): string {
  return `${formatNumber(price.amount, { maximumFractionDigits: 6, useGrouping: false })} ${price.currency}`;
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
    return new Intl.DisplayNames([currentLocale()], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** "1 message", "3 messages" — English words only; translated text uses t() with `count` instead. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** 2048 → "2 KB", 6291456 → "6.0 MB": the way WhatsApp's limits are written. */
export function fileSize(bytes: number): string {
  const MB = 1024 * 1024;
  const n = (v: number, digits: number) => formatNumber(v, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (bytes >= MB) return `${n(bytes / MB, bytes >= 10 * MB ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${n(Math.round(bytes / 1024), 0)} KB`;
  return t('size.bytes', { count: bytes });
}

/** A count with the locale's grouping (12,480). */
export function formatCount(n: number): string {
  return formatNumber(n);
}

/** A conversation's title as shown: a group nobody named reads "Group <id>" in the operator's language. */
export function threadTitle(thread: Pick<Thread, 'isGroup' | 'title' | 'peerId' | 'renamed'>): string {
  const id = unnamedGroupId(thread);
  return id ? t('threads.unnamedGroup', { id }) : thread.title;
}

/**
 * Makes the formatters the lists use while the window is idle: the first one made in a locale loads
 * its data (tens of milliseconds), which would otherwise land on the first busy redraw.
 */
export function warmFormatters(): void {
  const now = Date.now();
  clock(now);
  clockSeconds(now);
  listTime(now - 3 * 24 * 60 * 60 * 1000);
  formatCount(1);
}
