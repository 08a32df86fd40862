// Whether a template may be sent, from the status its provider reports. WhatsApp delivers only
// approved templates, so a pending or rejected one is refused before anything is queued (main) and
// shown with its status and not offered for sending (renderer). A template entered by hand has no
// status: the operator vouches for it. Platform-free like the rest of shared/.
import type { Template } from './model';

const SENDABLE = /^(approved|active|enabled)$/i;

/** How a provider status reads for a person: "PENDING" → "pending approval". */
export function templateStatusWords(status: string | null): string | null {
  if (!status) return null;
  const s = status.trim().toLowerCase().replace(/[_-]+/g, ' ');
  if (s === 'pending' || s === 'submitted' || s === 'in appeal' || s === 'pending approval') return 'pending approval';
  return s;
}

export function templateSendable(t: Pick<Template, 'status'>): boolean {
  return !t.status || SENDABLE.test(t.status.trim());
}

/** Why this template can't be sent now, in words; null when it can. */
export function templateBlockedReason(t: Pick<Template, 'name' | 'status'>): string | null {
  if (templateSendable(t)) return null;
  return `The template "${t.name}" is ${templateStatusWords(t.status)} at the provider, and WhatsApp delivers only approved templates. Pick an approved one, or press "Sync now" once it is approved.`;
}
