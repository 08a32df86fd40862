// Which failures are worth another try, and when. Failures before the request left (connection
// refused, DNS, TLS) are retried until the provider answers again (the message waits, visibly);
// answers that say "not taken" (429, 503) a bounded number of times, honouring Retry-After; a
// provider's rejection (4xx) is final and shows its reason. A request that may have reached the
// provider with no clear answer (a reset after sending, a timeout, a 500) is never sent again by
// itself: the message is in doubt until a report settles it or the operator does.
import type { Wording } from '../../../shared/model';
import { AppFailure } from '../errors';
import { innerReason, wordingOf } from '../store/wording';

export const MAX_SERVER_ATTEMPTS = 8;
const BASE_MS = 2_000;
const CAP_MS = 5 * 60_000;
/** A locked keychain is retried at least this often, so unlocking it is noticed soon. */
const KEYCHAIN_CAP_MS = 30_000;

/** `wording`: how the renderer words `reason` (null when the failure named no message key). */
export type Verdict =
  | { retry: true; delayMs: number; reason: string; wording: Wording | null }
  | { retry: false; reason: string; wording: Wording | null; permanent: boolean; inDoubt?: false }
  | { retry: false; inDoubt: true; reason: string; wording: Wording | null };

export function reasonOf(err: unknown): string {
  if (err instanceof AppFailure) return err.detail ? `${err.message} (${err.detail})` : err.message;
  return err instanceof Error ? err.message : String(err);
}

/**
 * A wording around another reason (a failure's own words inside "… (details)" or "Not known whether
 * …"): `reason` is the inner reason's English text, so the text reads whole wherever it is worded
 * plainly, and `reasonWording` its own wording as JSON, so the renderer can word it too
 * (renderer/src/i18n errorText).
 */
export function around(key: string, inner: string, innerWording: Wording | null, params: Record<string, string | number> = {}): Wording {
  return { key, params: { ...params, ...innerReason({ text: inner, wording: innerWording }) } };
}

/** How the renderer words `reasonOf(err)`: the failure's message key, with its details beside it. */
export function reasonWording(err: unknown): Wording | null {
  if (!(err instanceof AppFailure)) return null;
  const own = wordingOf(err);
  if (!own || !err.detail) return own;
  return around('errors.outbox.withDetail', err.message, own, { detail: err.detail });
}

/** Exponential backoff with jitter: between half and all of base·2^(n-1), capped. */
export function backoffMs(attempt: number, random: () => number = Math.random, cap = CAP_MS): number {
  const full = Math.min(cap, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + random() * (full / 2));
}

export const IN_DOUBT_PREFIX = 'Not known whether this message was sent: the request reached the provider but no answer came back. Switchboard will not send it again by itself';
/** Words of errors.outbox.inDoubt, around the reason the answer was lost. */
const inDoubtReason = (reason: string): string => `${IN_DOUBT_PREFIX} (${reason}). Check with the recipient or the provider's dashboard, then mark it sent or send it again.`;

/**
 * `afterSend`: the failure came from the provider call itself (not from reading credentials or
 * preparing the message), so the request may have left.
 */
export function classify(err: unknown, attempt: number, random: () => number = Math.random, afterSend = true): Verdict {
  const reason = reasonOf(err);
  const wording = reasonWording(err);
  if (!(err instanceof AppFailure)) return { retry: false, reason, wording, permanent: false };
  // The keychain is locked or not answering: nothing left, and unlocking it should be enough.
  if (err.code === 'keychain_unavailable') return { retry: true, delayMs: backoffMs(attempt, random, KEYCHAIN_CAP_MS), reason, wording };
  const t = err.transient;
  if (!t && err.code !== 'unreachable') return { retry: false, reason, wording, permanent: err.code !== 'internal' };
  // An "unreachable" built without transport facts is treated as a possibly lost answer.
  if (afterSend && (t ? t.maybeDelivered === true : true)) {
    return { retry: false, inDoubt: true, reason: inDoubtReason(reason), wording: around('errors.outbox.inDoubt', reason, wording) };
  }
  const kind = t?.kind ?? 'network';
  if (kind !== 'network' && attempt >= MAX_SERVER_ATTEMPTS) {
    return { retry: false, reason: `${reason} — gave up after ${attempt} tries`, wording: around('errors.outbox.gaveUp', reason, wording, { count: attempt }), permanent: false };
  }
  const wait = Math.max(backoffMs(attempt, random), t?.retryAfterMs ?? 0);
  return { retry: true, delayMs: wait, reason, wording };
}
