// The bot API's stored instance document (Mongo-like, as the doc's create/list samples show) and the
// id, jid and response-shape helpers the simulator's routes share.
import { randomBytes } from 'node:crypto';
import type { RotatingQr } from './qr';
import type { Engine } from './webhook';

export type InstanceStatus = 'CREATED' | 'INITIALIZED' | 'CONNECTED' | 'LOGGED_OUT';

export interface BotSettings {
  bot_number?: string;
  bot_name: string;
  status: InstanceStatus;
  bot_timezone: string;
  bot_lang: string;
  default_msg: unknown;
  actions: Record<string, unknown>;
  active_days: Record<string, unknown>;
  active_hours: Record<string, unknown>;
  access_token: string;
}

export interface InstanceRecord {
  id: string;
  sessionId: string;
  userId: string;
  settings: BotSettings;
  /** True until updateGeneral sets a bot_name; then connecting no longer renames the bot. */
  defaultBotName: boolean;
  phone: string | null;
  name: string | null;
  webhookUrl: string | null;
  webhookEvents: string[];
  /** open-wa's registerWebhook id, echoed in its events as `webhook_id`. */
  webhookId: string | null;
  /** Which engine runs the instance, so which webhook shapes it posts. */
  engine: Engine;
  qr: RotatingQr | null;
  createdAt: string;
  updatedAt: string;
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** Mongo ObjectId-like: 24 hex digits. */
export const objectId = (): string => hex(12);
/** The doc's session_id / access_token style, e.g. `2ad8-07c9-447b-994d-eb8b`. */
export const dashedToken = (): string => [hex(2), hex(2), hex(2), hex(2), hex(2)].join('-');
/** Outgoing Baileys message id as in the doc's image sample, e.g. `BAE59F1807A62E0D`. */
export const outgoingMessageId = (): string => `BAE5${hex(6).toUpperCase()}`;
/** WhatsApp-Web-style id (sendText sample, inbound messages): `3EB0` + 16 hex. */
export const webMessageId = (): string => `3EB0${hex(8).toUpperCase()}`;

export function newInstance(userId: string, nowIso: string, engine: Engine = 'open-wa'): InstanceRecord {
  return {
    id: objectId(),
    sessionId: dashedToken(),
    userId,
    settings: {
      bot_name: 'WhatsappClient (bot_number)',
      status: 'CREATED',
      bot_timezone: 'Africa/Harare',
      bot_lang: 'en',
      default_msg: '{Hi|Hello} [name] your message has no keyword here.',
      actions: { send_default_msg: true, reply_group_msgs: true, reply_unread_msgs: true, reply_msgs: true, multi_device: false, send_webhook: false },
      active_days: { monday: true, tuesday: true, wednesday: true, thursday: true, friday: true, saturday: true, sunday: true },
      active_hours: { from: 'always', to: 'always' },
      access_token: dashedToken(),
    },
    defaultBotName: true,
    phone: null,
    name: null,
    webhookUrl: null,
    webhookEvents: [],
    webhookId: null,
    engine,
    qr: null,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}

export function setStatus(inst: InstanceRecord, status: InstanceStatus): void {
  inst.settings.status = status;
  inst.updatedAt = new Date().toISOString();
}

export function connect(inst: InstanceRecord, phone: string, name: string): void {
  inst.phone = phone;
  inst.name = name;
  inst.qr = null;
  inst.settings.bot_number = phone;
  if (inst.defaultBotName) inst.settings.bot_name = `WhatsappClient (${phone})`;
  setStatus(inst, 'CONNECTED');
}

export function disconnect(inst: InstanceRecord): void {
  inst.phone = null;
  inst.name = null;
  inst.qr = null;
  delete inst.settings.bot_number;
  setStatus(inst, 'LOGGED_OUT');
}

/** POST /whatsapp/createNewWhatsapp `data`. */
export function createdDocument(inst: InstanceRecord): Record<string, unknown> {
  return {
    settings: structuredClone(inst.settings),
    _id: inst.id,
    user_id: inst.userId,
    session_id: inst.sessionId,
    createdAt: inst.createdAt,
    updatedAt: inst.updatedAt,
    __v: 0,
  };
}

/** One element of GET /whatsapp `data` (the doc's list sample carries no user_id). */
export function listedDocument(inst: InstanceRecord): Record<string, unknown> {
  return {
    _id: inst.id,
    settings: structuredClone(inst.settings),
    session_id: inst.sessionId,
    createdAt: inst.createdAt,
    updatedAt: inst.updatedAt,
    __v: 0,
  };
}

/** GET /whatsapp/instance `data`. */
export function instanceInfo(inst: InstanceRecord): Record<string, unknown> {
  const connected = inst.settings.status === 'CONNECTED';
  return {
    error: false,
    message: 'Instance fetched successfully',
    instance_data: {
      instance_key: inst.sessionId,
      phone_connected: connected,
      webhookUrl: inst.webhookUrl,
      user: connected ? { id: `${inst.phone}:8@s.whatsapp.net`, name: inst.name } : null,
    },
  };
}

/**
 * chatId → jid, or null when it is not a WhatsApp address: digits (a phone), digits-digits or a
 * long 120363… number (a group), or an explicit jid.
 */
export function chatJid(chatId: string): string | null {
  const id = chatId.trim();
  const jid = /^(\d+(?:-\d+)?)@(s\.whatsapp\.net|c\.us|g\.us)$/.exec(id);
  if (jid) return `${jid[1]}@${jid[2] === 'c.us' ? 's.whatsapp.net' : jid[2]}`;
  if (/^\d+-\d+$/.test(id) || /^1203\d{14,}$/.test(id)) return `${id}@g.us`;
  if (/^\d{6,15}$/.test(id)) return `${id}@s.whatsapp.net`;
  return null;
}

/** groupId as given to sendCustomerMessage → group jid. */
export function groupJid(groupId: string): string {
  return groupId.endsWith('@g.us') ? groupId : `${groupId}@g.us`;
}
