// What reaches the webhook URL filled in on a device:
// - the doc's "Webhook Sample", { device_key, name, message, type }, and nothing else (no number,
//   no id, no time) — what Omnichat itself posts;
// - the doc's "Message Callback" body, { from, message_id, message, from_name, type }, as a
//   forwarding setup relays what WhatsApp's server posts to Omnichat (the parser reads both).

import { randomBytes } from 'node:crypto';

export interface CustomerMessage {
  deviceKey: string;
  /** The sender's WhatsApp name, the only sender detail the webhook carries. */
  name: string;
  message: string;
  /** "single" (the doc's only value) or "group". */
  type?: string;
}

export function webhookSample(msg: CustomerMessage): Record<string, string> {
  return { device_key: msg.deviceKey, name: msg.name, message: msg.message, type: msg.type ?? 'single' };
}

export interface CallbackMessage {
  deviceKey: string;
  /** Digits; becomes "<digits>@s.whatsapp.net" (a "…@g.us" id is kept as given). */
  from: string;
  fromName: string;
  message: string;
  /** Default: 32 upper-case hex, like the doc's 18DD98462C8AA16C5A598C3DEBA0879B. */
  messageId?: string;
  type?: string;
}

/** omnichat-id.md "Message Callback" request example, field for field. */
export function callbackBody(msg: CallbackMessage): Record<string, string> {
  const from = msg.from.includes('@') ? msg.from : `${msg.from.replace(/\D/g, '')}@s.whatsapp.net`;
  return { from, message_id: msg.messageId ?? randomBytes(16).toString('hex').toUpperCase(), message: msg.message, from_name: msg.fromName, type: msg.type ?? 'single' };
}

export { postWebhook, type WebhookDelivery } from '../webhooks';
