// The two Omnichat API endpoints as pure functions over the simulator's state: send-message (text
// and template) and the device Message Callback. server.ts routes to them; the decisions they
// implement are listed at the top of server.ts.
import { randomUUID } from 'node:crypto';

export interface Device {
  deviceKey: string;
  webhookUrl: string | null;
  /** The text the device's auto-reply answers with; null = no auto-reply. */
  autoReply: string | null;
  connected: boolean;
}

export interface Template {
  id: string;
  body: string;
}

export interface SentMessage {
  deviceKey: string;
  /** Digits for a person, the group id as sent for a group. */
  phone: string;
  isGroup: boolean;
  method: 'text' | 'template' | 'auto-reply';
  /** The text as WhatsApp would show it (templates rendered). */
  text: string;
  template?: string;
  at: number;
}

export interface OmnichatState {
  apiKey: string;
  /** The account's settings force a device_key on every send. */
  requireDeviceKey: boolean;
  devices: Map<string, Device>;
  templates: Map<string, Template>;
  sent: SentMessage[];
}

export interface Reply {
  status: number;
  json: unknown;
}

export const SUCCESS_MESSAGE = 'Berhasil mengirimkan pesan';
export const SEND_PATH = '/api-app/whatsapp/send-message';
export const CALLBACK_PREFIX = '/api-app/whatsapp/callback/device_';

const refuse = (message: string): Reply => ({ status: 200, json: { status: false, message } });

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Laravel's `boolean` rule: true, false, 1, 0, "1", "0" — not "true"/"false" strings. */
function asBoolean(v: unknown): boolean | undefined {
  if (v === true || v === 1 || v === '1') return true;
  if (v === false || v === 0 || v === '0') return false;
  return undefined;
}

const PERSON = /^\d{8,15}$/;
const GROUP = /^\d[\d-]{5,}(@g\.us)?$/;

export function handleSend(state: OmnichatState, body: Record<string, unknown>): Reply {
  if (!present(body.api_key)) return refuse('api_key wajib diisi');
  if (body.api_key !== state.apiKey) return refuse('API key tidak valid');
  const deviceKey = typeof body.device_key === 'string' && body.device_key !== '' ? body.device_key : null;
  if (present(body.device_key) && (!deviceKey || !state.devices.has(deviceKey))) return refuse('Device tidak ditemukan');
  const method = body.method;
  if (method !== 'text' && method !== 'template') return refuse('method harus berupa text atau template');
  if (!present(body.phone)) return refuse('phone wajib diisi');
  const phone = String(body.phone);
  if (method === 'text' && !present(body.is_group)) return refuse('is_group wajib diisi');
  let isGroup = present(body.is_group) ? asBoolean(body.is_group) : phone.endsWith('@g.us');
  if (isGroup === undefined) return refuse('is_group harus bernilai true atau false');
  isGroup = isGroup === true;

  if (!deviceKey && isGroup) return refuse('device_key wajib diisi untuk mengirim ke grup');
  if (!deviceKey && (method === 'template' || state.requireDeviceKey)) return refuse('device_key wajib diisi');
  const device = deviceKey ? state.devices.get(deviceKey) : [...state.devices.values()].find((d) => d.connected);
  if (!device) return refuse('Tidak ada device yang terhubung');
  if (!device.connected) return refuse('Device tidak terhubung, silakan scan ulang QR di dashboard');
  if (isGroup ? !GROUP.test(phone) : !PERSON.test(phone)) return refuse(isGroup ? 'ID grup tidak valid' : 'Nomor tujuan tidak valid');

  let text: string;
  let template: string | undefined;
  if (method === 'text') {
    if (typeof body.text !== 'string' || body.text.trim() === '') return refuse('text wajib diisi');
    text = body.text;
  } else {
    if (!present(body.template)) return refuse('template wajib diisi');
    const found = state.templates.get(String(body.template));
    if (!found) return refuse('Template tidak ditemukan');
    const rendered = renderTemplate(found.body, body.variables);
    if ('error' in rendered) return refuse(rendered.error);
    text = rendered.text;
    template = found.id;
  }
  state.sent.push({ deviceKey: device.deviceKey, phone, isGroup, method, text, ...(template ? { template } : {}), at: Date.now() });
  return { status: 200, json: { status: true, message: SUCCESS_MESSAGE } };
}

/** Every `{placeholder}` of the body must be a key (braces included) of `variables`. */
export function renderTemplate(body: string, variables: unknown): { text: string } | { error: string } {
  if (!variables || typeof variables !== 'object' || Array.isArray(variables)) return { error: 'variables wajib diisi' };
  const vars = variables as Record<string, unknown>;
  const needed = [...new Set([...body.matchAll(/\{[^{}\s]+\}/g)].map((m) => m[0]))];
  for (const key of needed) {
    const value = vars[key];
    if (!present(value)) return { error: `Variabel ${key} wajib diisi` };
    if (typeof value !== 'string' && typeof value !== 'number') return { error: `Variabel ${key} harus berupa teks` };
  }
  return { text: needed.reduce((t, key) => t.split(key).join(String(vars[key])), body) };
}

export const CALLBACK_FIELDS = ['from', 'message_id', 'message', 'from_name', 'type'] as const;

export interface CallbackOutcome {
  reply: Reply;
  /** The device that "received" the message, when it exists (for the webhook forward). */
  device?: Device;
  body?: Record<string, string>;
}

export function handleCallback(state: OmnichatState, deviceKey: string, body: Record<string, unknown>): CallbackOutcome {
  const device = state.devices.get(deviceKey);
  if (!device) return { reply: refuse('Device tidak ditemukan') };
  for (const name of CALLBACK_FIELDS) if (!present(body[name])) return { reply: refuse(`${name} wajib diisi`) };
  const from = String(body.from);
  if (!/^\d[\d-]*@(s\.whatsapp\.net|g\.us)$/.test(from)) return { reply: refuse('from tidak valid') };
  const fields = Object.fromEntries(CALLBACK_FIELDS.map((k) => [k, String(body[k])])) as Record<string, string>;
  const session = `device_${device.deviceKey}`;
  if (device.autoReply === null) {
    return { device, body: fields, reply: { status: 200, json: { message: null, receiver: from, session_id: session, autoread: false, reply: false } } };
  }
  state.sent.push({ deviceKey: device.deviceKey, phone: from.replace(/@.*$/, ''), isGroup: from.endsWith('@g.us'), method: 'auto-reply', text: device.autoReply, at: Date.now() });
  return {
    device,
    body: fields,
    reply: { status: 200, json: { message: { text: device.autoReply }, receiver: from, session_id: session, autoread: false, reply: true } },
  };
}

export function newDevice(opts: Partial<Device> = {}): Device {
  return { deviceKey: opts.deviceKey ?? randomUUID(), webhookUrl: opts.webhookUrl ?? null, autoReply: opts.autoReply ?? null, connected: opts.connected ?? true };
}
