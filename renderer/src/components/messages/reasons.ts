// A reason main keeps on a message, a file or an instance (why a send failed, waits or is in doubt,
// why a download failed), worded in the operator's language. Some reasons are said around another
// one — "… (details)", "Not known whether this message was sent … (reason)" — and carry that inner
// reason's English text as `reason` and its own wording, as JSON, as `reasonWording`
// (electron/services/outbox/retry.ts: around): the inner reason is worded first, so the whole reads
// in one language. Everything else is reasonText's.
import type { Wording } from '../../../../shared/model';
import { reasonText } from '../../i18n';

const MAX_DEPTH = 4;

function innerWording(raw: unknown): Wording | null {
  if (typeof raw !== 'string') return null;
  try {
    const w = JSON.parse(raw) as Partial<Wording> | null;
    return w && typeof w.key === 'string' && (w.params === undefined || (typeof w.params === 'object' && w.params !== null)) ? { key: w.key, ...(w.params ? { params: w.params } : {}) } : null;
  } catch {
    return null;
  }
}

function worded(text: string | null, wording: Wording | null | undefined, depth: number): string | null {
  if (!wording?.params || depth >= MAX_DEPTH) return reasonText(text, wording);
  const { reasonWording, ...params } = wording.params;
  const inner = innerWording(reasonWording);
  if (inner && typeof params.reason === 'string') params.reason = worded(params.reason, inner, depth + 1) ?? params.reason;
  return reasonText(text, { key: wording.key, params });
}

/** A kept reason in the operator's language: by its wording (inner reasons too), else its English text. */
export function messageReason(text: string, wording: Wording | null | undefined): string;
export function messageReason(text: string | null, wording: Wording | null | undefined): string | null;
export function messageReason(text: string | null, wording: Wording | null | undefined): string | null {
  return worded(text, wording, 0);
}
