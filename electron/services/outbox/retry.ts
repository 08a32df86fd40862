// Which failures are worth another try, and when. Failures before the request left (connection
// refused, DNS, TLS) are retried until the provider answers again (the message waits, visibly);
// answers that say "not taken" (429, 503) a bounded number of times, honouring Retry-After; a
// provider's rejection (4xx) is final and shows its reason. A request that may have reached the
// provider with no clear answer (a reset after sending, a timeout, a 500) is never sent again by
// itself: the message is in doubt until a report settles it or the operator does.
import { AppFailure } from '../errors';

export const MAX_SERVER_ATTEMPTS = 8;
const BASE_MS = 2_000;
const CAP_MS = 5 * 60_000;
/** A locked keychain is retried at least this often, so unlocking it is noticed soon. */
const KEYCHAIN_CAP_MS = 30_000;

export type Verdict =
  | { retry: true; delayMs: number; reason: string }
  | { retry: false; reason: string; permanent: boolean; inDoubt?: false }
  | { retry: false; inDoubt: true; reason: string };

export function reasonOf(err: unknown): string {
  if (err instanceof AppFailure) return err.detail ? `${err.message} (${err.detail})` : err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Exponential backoff with jitter: between half and all of base·2^(n-1), capped. */
export function backoffMs(attempt: number, random: () => number = Math.random, cap = CAP_MS): number {
  const full = Math.min(cap, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + random() * (full / 2));
}

export const IN_DOUBT_PREFIX = 'Not known whether this message was sent: the request reached the provider but no answer came back. Switchboard will not send it again by itself';

/**
 * `afterSend`: the failure came from the provider call itself (not from reading credentials or
 * preparing the message), so the request may have left.
 */
export function classify(err: unknown, attempt: number, random: () => number = Math.random, afterSend = true): Verdict {
  const reason = reasonOf(err);
  if (!(err instanceof AppFailure)) return { retry: false, reason, permanent: false };
  // The keychain is locked or not answering: nothing left, and unlocking it should be enough.
  if (err.code === 'keychain_unavailable') return { retry: true, delayMs: backoffMs(attempt, random, KEYCHAIN_CAP_MS), reason };
  const t = err.transient;
  if (!t && err.code !== 'unreachable') return { retry: false, reason, permanent: err.code !== 'internal' };
  // An "unreachable" built without transport facts is treated as a possibly lost answer.
  if (afterSend && (t ? t.maybeDelivered === true : true)) {
    return { retry: false, inDoubt: true, reason: `${IN_DOUBT_PREFIX} (${reason}). Check with the recipient or the provider's dashboard, then mark it sent or send it again.` };
  }
  const kind = t?.kind ?? 'network';
  if (kind !== 'network' && attempt >= MAX_SERVER_ATTEMPTS) return { retry: false, reason: `${reason} — gave up after ${attempt} tries`, permanent: false };
  const wait = Math.max(backoffMs(attempt, random), t?.retryAfterMs ?? 0);
  return { retry: true, delayMs: wait, reason };
}
