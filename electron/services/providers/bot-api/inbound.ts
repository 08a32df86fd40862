// Webhook payloads from the bot API. Waabot documents none (reference note: its webhooks page is
// an empty stub); what arrives is whatever its engine posts, so both engines' shapes are read:
// - open-wa (note §A): `{ts, sessionId, id, event, data, webhook_id}` — see inbound-openwa.ts;
// - whatsapp-api-nodejs / Baileys (note §B): `{type, body, instanceKey}` — see inbound-baileys.ts.
// The earlier `{event, data: {key: {remoteJid}}}` shape mixed the two and no engine sends it, so
// it is no longer accepted: it now fails with a reason and lands in Unparsed events, where it can
// be seen instead of silently guessed at.
import type { InboundEvent } from '../types';
import { isBaileysEvent, parseBaileys } from './inbound-baileys';
import { isOpenWaEvent, parseOpenWa } from './inbound-openwa';

export function parseBotApiWebhook(body: unknown): InboundEvent[] {
  if (isOpenWaEvent(body)) return parseOpenWa(body);
  if (isBaileysEvent(body)) return parseBaileys(body);
  throw new Error('Not a bot API webhook event: expected an open-wa event {event, data} or a Baileys event {type, body, instanceKey}.');
}
