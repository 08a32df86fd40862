// The simulated Qontak Hub organisation: its tokens, WhatsApp channels, templates and broadcasts,
// plus the cursor pagination every list shares. Seeds follow the doc's samples (same template text
// and ids) but never its credentials: channel `authorization`/`webhook` values are random here.
import { randomBytes, randomUUID } from 'node:crypto';

export interface IssuedToken {
  accessToken: string;
  refreshToken: string;
  issuedAt: number;
  expiresAt: number;
  /** Revoked by a refresh (Doorkeeper revokes the old pair when the refresh token is used). */
  revoked: boolean;
}

export interface IntegrationRecord {
  id: string;
  target_channel: string;
  webhook: string;
  settings: { domain_server: string; authorization: string; account_name: string; server_wa_id: string };
  organization_id: string;
  created_at: string;
}

/**
 * A template's header. The note lists the item's `header` without giving a media header's fields;
 * the simulator answers `{ format, text? }` (format as the note's send parameters name it), and a
 * plain string for a text header as older Hub answers do. An assumption, marked as such.
 */
export type TemplateHeader = string | { format: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT'; text?: string | null } | null;

/** Source: reference note, "List envelopes" → template item `buttons:[{url,text,type:"URL",example}]`. */
export interface TemplateButton {
  type: 'URL' | 'QUICK_REPLY' | 'PHONE_NUMBER';
  text: string;
  url?: string;
  example?: string[];
}

export interface TemplateRecord {
  id: string;
  name: string;
  language: string;
  header: TemplateHeader;
  buttons?: TemplateButton[];
  body: string;
  footer: string | null;
  status: string;
  category: string;
}

export const BROADCAST_STATUSES = ['pending', 'sent', 'delivered', 'read', 'failed'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

export interface LogEntryRecord {
  id: string;
  organization_id: string;
  messages_broadcast_id: string;
  contact_phone_number: string;
  contact_full_name: string;
  status: BroadcastStatus;
  whatsapp_message_id: string | null;
  whatsapp_error_message: string | null;
  messages_response: null;
  created_at: string;
  updated_at: string;
}

export interface BroadcastRecord {
  id: string;
  /** The chat message the broadcast became in the recipient's room (its status webhooks name it). */
  chat: { id: string; externalId: string; text: string; createdAt: string };
  /** The JSON body the simulator accepted. */
  request: Record<string, unknown>;
  answer: Record<string, unknown>;
  log: LogEntryRecord;
}

export const DOC_CHANNEL_ID = 'c3370195-3451-4645-99a1-578c47b24d41';
export const DOC_TEMPLATE_ID = 'cf7a16bd-e84f-4f72-8cce-70934edfc585';
export const DOC_TEMPLATE_BODY = 'Hi {{1}}, Silakan periksa invoice di email anda.';

export const randomToken = (): string => randomBytes(32).toString('base64url');

export function seedIntegrations(organizationId: string): IntegrationRecord[] {
  const channel = (id: string, target: string, name: string, number: string, at: string): IntegrationRecord => ({
    id,
    target_channel: target,
    webhook: randomBytes(16).toString('base64url'),
    settings: { domain_server: 'https://api-whatsapp.qontak.net', authorization: randomBytes(16).toString('base64'), account_name: name, server_wa_id: number },
    organization_id: organizationId,
    created_at: at,
  });
  return [
    channel(DOC_CHANNEL_ID, 'wa', 'Qontak', '6288233262100', '2020-07-28T02:43:30.060+00:00'),
    channel(randomUUID(), 'wa', 'Toko Ada', '6281234500001', '2021-03-02T08:15:00.000+00:00'),
    channel(randomUUID(), 'fb', 'Toko Ada Facebook', '', '2021-03-02T08:20:00.000+00:00'),
  ];
}

export function seedTemplates(): TemplateRecord[] {
  return [
    { id: DOC_TEMPLATE_ID, name: 'message', language: 'id', header: null, body: DOC_TEMPLATE_BODY, footer: null, status: 'APPROVED', category: 'PAYMENT_UPDATE' },
    {
      id: randomUUID(),
      name: 'order_shipped',
      language: 'en',
      header: 'Order update',
      body: 'Hello {{1}}, your order {{2}} is on its way. Track it at {{3}}.',
      footer: 'Reply STOP to opt out',
      status: 'APPROVED',
      category: 'SHIPPING_UPDATE',
    },
    { id: randomUUID(), name: 'welcome_offer', language: 'en', header: null, body: 'Welcome to our shop! Enjoy 10% off your first order.', footer: null, status: 'APPROVED', category: 'MARKETING' },
    { id: randomUUID(), name: 'promo_draft', language: 'id', header: null, body: 'Promo {{1}} minggu ini!', footer: null, status: 'PENDING', category: 'MARKETING' },
    {
      id: randomUUID(),
      name: 'invoice_document',
      language: 'id',
      header: { format: 'DOCUMENT' },
      body: 'Halo {{1}}, tagihan anda terlampir.',
      footer: null,
      buttons: [{ type: 'URL', text: 'Bayar', url: 'https://pay.example.com/invoice/{{1}}', example: ['https://pay.example.com/invoice/INV-1'] }],
      status: 'APPROVED',
      category: 'UTILITY',
    },
    {
      id: randomUUID(),
      name: 'promo_image',
      language: 'en',
      header: { format: 'IMAGE' },
      body: 'Hi {{1}}, this week only!',
      footer: null,
      buttons: [{ type: 'URL', text: 'Shop', url: 'https://shop.example.com' }],
      status: 'APPROVED',
      category: 'MARKETING',
    },
  ];
}

export function headerFormat(h: TemplateHeader): string | null {
  if (h === null) return null;
  return typeof h === 'string' ? 'TEXT' : h.format;
}

/** A URL button takes a value per send when its url ends in a {{n}} placeholder. */
export const dynamicButton = (b: TemplateButton): boolean => b.type === 'URL' && /\{\{\s*\d+\s*\}\}/.test(b.url ?? '');

/** Placeholder keys in order of first use: "Hi {{1}} {{2}}" → ["1", "2"]. */
export function placeholderKeys(body: string): string[] {
  const keys: string[] = [];
  for (const m of body.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)) if (!keys.includes(m[1]!)) keys.push(m[1]!);
  return keys;
}

export interface Page<T> {
  items: T[];
  meta: { pagination: { cursor: { next: string | null; prev: string | null }; offset: number; limit: number; total: number } };
}

const encodeCursor = (index: number): string => Buffer.from(`${index}.0`).toString('base64');

function decodeCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  return /^\d+\.0$/.test(text) ? Number(text.slice(0, -2)) : null;
}

/**
 * Cursor pagination as the Hub's lists answer it: `limit` (default `pageSize`, at most 100),
 * `cursor` from a previous `meta.pagination.cursor`, `cursor_direction` "after" (default) or
 * "before". `offset` in the answer is the 1-based position of the page's first item. Cursors are
 * opaque base64 like the doc's. Returns an error message for a cursor we never issued.
 */
export function paginate<T>(all: T[], query: Record<string, string>, pageSize: number): Page<T> | string {
  const asked = Number(query.limit);
  const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, 100) : pageSize;
  let start = 0;
  if (query.cursor) {
    const at = decodeCursor(query.cursor);
    if (at === null || at > all.length) return 'cursor is invalid';
    if (query.cursor_direction !== undefined && query.cursor_direction !== 'after' && query.cursor_direction !== 'before') return 'cursor_direction does not have a valid value';
    start = query.cursor_direction === 'before' ? Math.max(0, at - limit) : at;
  }
  const end = Math.min(all.length, start + limit);
  return {
    items: all.slice(start, end),
    meta: {
      pagination: {
        cursor: { next: end < all.length ? encodeCursor(end) : null, prev: start > 0 ? encodeCursor(start) : null },
        offset: start + 1,
        limit,
        total: all.length,
      },
    },
  };
}
