// What Omnichat posts to the webhook URL filled in on a device: the doc's "Webhook Sample",
// { device_key, name, message, type }, and nothing else (no number, no id, no time).

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

export { postWebhook, type WebhookDelivery } from '../webhooks';
