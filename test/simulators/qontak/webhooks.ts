// The three webhook payloads Qontak Hub POSTs to the URL registered with
// `PUT /api/open/v1/message_interactions`, built field for field from the reference note
// (provider-docs/reference/qontak.md). They share one shape, a Qontak chat message with its room;
// only sender, participant, campaign flag and status differ. Ids are fresh uuids per message (the
// Hub's `id` stays the same in every status webhook of one message); `external_id` is WhatsApp's.
import { randomBytes, randomUUID } from 'node:crypto';

export interface RoomRecord {
  id: string;
  name: string;
  /** The customer's number, digits (`room.account_uniq_id`). */
  phone: string;
  channelIntegrationId: string;
  organizationId: string;
  createdAt: string;
  /** When the customer last wrote: the room's session is open for 24 hours after. */
  sessionAt: string | null;
  status: 'unassigned' | 'assigned';
}

export interface ChatMessage {
  id: string;
  externalId: string;
  text: string;
  createdAt: string;
}

const waId = (): string => randomBytes(14).toString('base64url');

export function newChatMessage(text: string, at = new Date()): ChatMessage {
  return { id: randomUUID(), externalId: waId(), text, createdAt: at.toISOString() };
}

/** The `room` object every payload carries (note: "Receive Webhook from Customer Send Message", `room`). */
function room(r: RoomRecord, unread: number): Record<string, unknown> {
  const open = r.sessionAt !== null && Date.now() - Date.parse(r.sessionAt) < 24 * 3_600_000;
  return {
    id: r.id,
    name: r.name,
    description: '',
    status: r.status,
    type: 'Models::CustomerServiceRoom',
    tags: [],
    channel: 'wa',
    channel_account: 'Qontak',
    organization_id: r.organizationId,
    account_uniq_id: r.phone,
    channel_integration_id: r.channelIntegrationId,
    session: open ? 'open' : 'expired',
    session_at: r.sessionAt,
    unread_count: unread,
    created_at: r.createdAt,
    updated_at: new Date().toISOString(),
    avatar: null,
    resolved_at: null,
    external_id: null,
    resolved_by_id: null,
    resolved_by_type: null,
  };
}

function common(r: RoomRecord, m: ChatMessage): Record<string, unknown> {
  return {
    id: m.id,
    type: 'text',
    room_id: r.id,
    participant_id: randomUUID(),
    organization_id: r.organizationId,
    text: m.text,
    external_id: m.externalId,
    local_id: null,
    created_at: m.createdAt,
    reply: null,
  };
}

// Source: reference note, "Webhooks" → "Incoming customer message (official doc)".
export function customerMessagePayload(r: RoomRecord, m: ChatMessage, senderId: string): Record<string, unknown> {
  return {
    ...common(r, m),
    is_campaign: false,
    sender_id: senderId,
    sender_type: 'Models::Contact',
    sender: { name: r.name, avatar: null },
    status: 'created',
    participant_type: 'customer',
    room: room(r, 1),
  };
}

// Source: reference note, "Webhooks" → "Status of an agent message" (raw: "Receive Webhook Status Message send from Agent").
export function agentStatusPayload(r: RoomRecord, m: ChatMessage, status: string, agent: { id: string; name: string }): Record<string, unknown> {
  const url = 'https://qontak-hub-production.s3-ap-southeast-1.amazonaws.com/assets/qi-user.png';
  return {
    ...common(r, m),
    is_campaign: false,
    sender_id: agent.id,
    sender_type: 'Models::User',
    sender: { name: agent.name, avatar: { url, large: { url }, medium: { url }, small: { url }, filename: null, size: 0 } },
    status,
    participant_type: 'agent',
    room: { ...room(r, 0), status: 'assigned' },
  };
}

// Source: reference note, "Webhooks" → "Status of a broadcast/API template message" (raw: "Receive Webhook sent status from Broadcast / Broadcast API").
// With campaign = false the same bot shape reports a bot message in a room (our room replies):
// the note gives no separate example for those, so only is_campaign differs.
export function botStatusPayload(r: RoomRecord, m: ChatMessage, status: string, bot: { id: string }, campaign: boolean): Record<string, unknown> {
  return {
    ...common(r, m),
    is_campaign: campaign,
    sender_id: bot.id,
    sender_type: 'Models::SystemAccount',
    sender: { name: 'Bot', avatar: null },
    status,
    participant_type: 'bot',
    room: { ...room(r, 0), status: 'assigned' },
  };
}
