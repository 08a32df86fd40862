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

export interface WebhookDelivery {
  url: string;
  body: unknown;
  /** The app's HTTP status, or null when the request itself failed. */
  status: number | null;
  error?: string;
  at: number;
}

export function webhookSample(msg: CustomerMessage): Record<string, string> {
  return { device_key: msg.deviceKey, name: msg.name, message: msg.message, type: msg.type ?? 'single' };
}

/** POSTs JSON and answers the status; network failures reject. */
export async function postWebhook(url: string, body: unknown, timeoutMs = 10_000): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer().catch(() => undefined);
  return res.status;
}
