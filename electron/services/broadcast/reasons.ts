// A campaign's reason often holds another reason: "Paused at row 12: <why the send was refused>".
// The outer sentence is a message key of its own; the inner reason travels in its values as its
// English text (`reason`) and, when it has one, its wording as JSON (`reasonWording`), so the
// renderer can word both (see renderer/src/components/broadcast/words.ts: campaignReasonText).
import type { Wording } from '../../../shared/model';

/** A reason kept as English text with its wording, as a campaign or recipient stores it. */
export interface Reason {
  text: string;
  wording: Wording | null;
}

/** The values that carry an inner reason inside an outer one's wording. */
export function innerReason(reason: Reason): Record<string, string> {
  return reason.wording ? { reason: reason.text, reasonWording: JSON.stringify(reason.wording) } : { reason: reason.text };
}

/** A keyed English message as a Reason (the object literal form the i18n check reads). */
export const reasonOf = (r: { message: string; key: string; params?: Record<string, string | number> }): Reason => ({
  text: r.message,
  wording: { key: r.key, ...(r.params ? { params: r.params } : {}) },
});
