// Which failures are worth another try, and when. Connection problems are retried until the
// provider answers again (the message waits, visibly); provider hiccups (5xx, 429) a bounded
// number of times; a provider's rejection (4xx) is final and shows its reason.
import { AppFailure } from '../errors';

export const MAX_SERVER_ATTEMPTS = 8;
const BASE_MS = 2_000;
const CAP_MS = 5 * 60_000;

export type Verdict = { retry: true; delayMs: number; reason: string } | { retry: false; reason: string; permanent: boolean };

export function reasonOf(err: unknown): string {
  if (err instanceof AppFailure) return err.detail ? `${err.message} (${err.detail})` : err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Exponential backoff with jitter: between half and all of base·2^(n-1), capped. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const full = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + random() * (full / 2));
}

export function classify(err: unknown, attempt: number, random: () => number = Math.random): Verdict {
  const reason = reasonOf(err);
  if (!(err instanceof AppFailure)) return { retry: false, reason, permanent: false };
  const t = err.transient;
  if (!t && err.code !== 'unreachable') return { retry: false, reason, permanent: err.code !== 'internal' };
  const kind = t?.kind ?? 'network';
  if (kind !== 'network' && attempt >= MAX_SERVER_ATTEMPTS) return { retry: false, reason: `${reason} — gave up after ${attempt} tries`, permanent: false };
  const wait = Math.max(backoffMs(attempt, random), t?.retryAfterMs ?? 0);
  return { retry: true, delayMs: wait, reason };
}
