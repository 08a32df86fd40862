// Qontak Hub webhooks. The doc (provider-docs/qontak-hub.md) documents no webhook payload at all:
// no customer messages and no delivery statuses (those are read back from the broadcast log, see
// client.ts). Rather than guess at a shape and file wrong messages, every body is refused with a
// reason; the webhook service then keeps it raw with that reason, so a later version that knows
// the Hub's payloads can parse what arrived.
import type { InboundEvent } from '../types';

export const NO_WEBHOOKS =
  'Qontak Hub does not send webhooks Switchboard understands yet: its documentation describes no webhook payload. The event was kept as received.';

export function parseQontakWebhook(_body: unknown): InboundEvent[] {
  throw new Error(NO_WEBHOOKS);
}
