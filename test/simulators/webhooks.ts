// How simulators post their documented webhooks to the app, keeping a log for assertions.
export interface WebhookDelivery {
  url: string;
  body: unknown;
  /** The app's HTTP status, or null when the request itself failed. */
  status: number | null;
  error?: string;
  at: number;
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

/** Posts and logs one delivery; a failed POST rejects with the reason (or answers 0 when `rethrow` is false). */
export async function deliverWebhook(log: WebhookDelivery[], url: string, body: unknown, opts: { timeoutMs?: number; rethrow?: boolean } = {}): Promise<number> {
  const delivery: WebhookDelivery = { url, body, status: null, at: Date.now() };
  log.push(delivery);
  try {
    delivery.status = await postWebhook(url, body, opts.timeoutMs);
    return delivery.status;
  } catch (err) {
    delivery.error = err instanceof Error ? err.message : String(err);
    if (opts.rethrow === false) return 0;
    throw new Error(`Webhook POST to ${url} failed: ${delivery.error}`, { cause: err });
  }
}
