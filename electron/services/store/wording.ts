// A reason's wording (shared/model Wording) as kept in a `*_wording` column beside its English text
// (migration 012): JSON written here and read back defensively, so a damaged value shows the English
// text instead of failing the list it is in.
import { Wording } from '../../../shared/model';
import { AppFailure } from '../errors';

/** The wording to keep for a reason: a keyed failure's key and values, a Wording as is, else none. */
export function wordingOf(reason: AppFailure | Wording | null | undefined): Wording | null {
  if (!reason) return null;
  if (reason instanceof AppFailure) return reason.key ? { key: reason.key, ...(reason.params ? { params: reason.params } : {}) } : null;
  return reason;
}

/** The column value for a wording (NULL when there is none). */
export const wordingColumn = (reason: AppFailure | Wording | null | undefined): string | null => {
  const w = wordingOf(reason);
  return w ? JSON.stringify(w) : null;
};

/** A stored wording, or null when there is none or it does not read as one. */
export function readWording(column: string | null | undefined): Wording | null {
  if (!column) return null;
  try {
    const parsed = Wording.safeParse(JSON.parse(column));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A reason kept as English text with its wording. */
export interface Reason {
  text: string;
  wording: Wording | null;
}

/**
 * The values that carry an inner reason inside an outer one's wording ("Paused at row 12: <why>",
 * "Not known whether this message was sent … (<why>)"): its English text as `reason`, so the outer
 * sentence reads whole in English, and its wording as JSON as `reasonWording`, which the renderer
 * words first (renderer/src/i18n errorText).
 */
export function innerReason(reason: Reason): Record<string, string> {
  return reason.wording ? { reason: reason.text, reasonWording: JSON.stringify(reason.wording) } : { reason: reason.text };
}
