// The bot API's instance and settings endpoints: create, init, QR, info, list, delete, logout,
// webhook and the four settings updates.
// QR (reference note, Endpoints: "QR (page / base64 text)"): without `format` an HTML page around
// the QR image (the engine's /instance/qr page), with `format=base64text` the data URL as text.
import { randomUUID } from 'node:crypto';
import { type Ctx, type Handler, type Reply, type ScopedHandler, fail, notConnected, field, isHttpUrl, isRecord, noContent, ok, requireFields, stringField } from './context';
import { createdDocument, disconnect, instanceInfo, type InstanceRecord, listedDocument, newInstance, setStatus } from './model';
import { qrDataUrl, RotatingQr } from './qr';

export interface BotState {
  /** By session_id, in creation order. */
  readonly instances: Map<string, InstanceRecord>;
  readonly userId: string;
  readonly qrTtlMs: number;
}

const SETTINGS_UPDATED = 'Whatsapp settings updated successfully!';

export function createInstance(state: BotState): Handler {
  return () => {
    const inst = newInstance(state.userId, new Date().toISOString());
    state.instances.set(inst.sessionId, inst);
    return ok({ status: true, message: 'Whatsapp created successfully!', data: createdDocument(inst) });
  };
}

export function listInstances(state: BotState): Handler {
  return () => ok({ status: true, message: 'Whatsapp fetched successfully!', data: [...state.instances.values()].map(listedDocument) });
}

function byId(state: BotState, id: string): InstanceRecord | undefined {
  return [...state.instances.values()].find((inst) => inst.id === id);
}

export function deleteInstance(state: BotState): Handler {
  return (ctx) => {
    const inst = byId(state, ctx.params.id ?? '');
    if (!inst) return fail(404, 'Whatsapp not found');
    state.instances.delete(inst.sessionId);
    return noContent();
  };
}

/** Starts (or restarts after logout) pairing; a connected instance stays connected. */
export function initInstance(state: BotState): ScopedHandler {
  return (ctx, inst) => {
    const config = field(ctx, 'config');
    const webhook = webhookFromConfig(config);
    if (webhook && 'status' in webhook) return webhook;
    if (webhook) {
      inst.webhookUrl = webhook.url;
      inst.webhookEvents = ['onMessage'];
      inst.webhookId = randomUUID();
    }
    if (inst.settings.status !== 'CONNECTED') {
      inst.qr = new RotatingQr(inst.sessionId, state.qrTtlMs);
      setStatus(inst, 'INITIALIZED');
    }
    return noContent();
  };
}

function webhookFromConfig(config: unknown): Reply | { url: string } | null {
  if (!isRecord(config) || (config.setWebhook !== true && config.setWebhook !== 'true')) return null;
  const url = typeof config.webhookUrl === 'string' ? config.webhookUrl : '';
  if (!url) return fail(400, 'config.webhookUrl is required');
  return isHttpUrl(url) ? { url } : fail(400, 'config.webhookUrl must be a valid URL');
}

export const scanQr: ScopedHandler = async (ctx, inst) => {
  if (inst.settings.status === 'CONNECTED') return noContent();
  if (inst.settings.status !== 'INITIALIZED' || !inst.qr) return fail(400, 'Instance not initialized');
  const content = inst.qr.current();
  const dataUrl = await qrDataUrl(content);
  if (ctx.query.format === 'base64text') return { status: 200, contentType: 'text/plain; charset=utf-8', bytes: dataUrl };
  return { status: 200, contentType: 'text/html; charset=utf-8', bytes: qrPage(dataUrl) };
};

const qrPage = (dataUrl: string): string =>
  `<!doctype html><html><head><title>QR</title></head><body><img alt="Scan this QR code with WhatsApp" src="${dataUrl}"></body></html>`;

export const getInstance: ScopedHandler = (_ctx, inst) => ok({ status: true, message: 'Status checked successfully', data: instanceInfo(inst) });

/** GET /whatsapp/instance/logout/:id — the id must be the credentials' own instance. */
export const logoutInstance: ScopedHandler = (ctx, inst) => {
  if (ctx.params.id !== inst.id) return fail(404, 'Whatsapp not found');
  if (inst.settings.status !== 'CONNECTED' && inst.settings.status !== 'INITIALIZED') return notConnected();
  disconnect(inst);
  return noContent();
};

export const setWebhook: ScopedHandler = (ctx, inst) => {
  const missing = requireFields(ctx, ['webhook_url']);
  if (missing) return missing;
  const url = stringField(ctx, 'webhook_url');
  if (!isHttpUrl(url)) return fail(400, 'webhook_url must be a valid URL');
  const events = field(ctx, 'events');
  if (events !== undefined && !(Array.isArray(events) && events.every((e) => typeof e === 'string'))) {
    return fail(400, 'events must be an array of event names');
  }
  inst.webhookUrl = url!;
  inst.webhookEvents = events === undefined ? ['onMessage'] : [...(events as string[])];
  inst.webhookId = randomUUID();
  inst.updatedAt = new Date().toISOString();
  return noContent();
};

type SettingsSection = 'general' | 'actions' | 'active_days' | 'active_hours';

const SECTION_KEYS: Record<SettingsSection, readonly string[]> = {
  general: ['bot_name', 'bot_timezone', 'bot_lang', 'default_msg'],
  actions: ['send_default_msg', 'reply_group_msgs', 'reply_unread_msgs', 'reply_msgs', 'multi_device', 'send_webhook'],
  active_days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  active_hours: ['from', 'to'],
};

/** PUT /whatsapp/update*: copies the section's known keys, answers a Mongo updateOne result. */
export function updateSettings(section: SettingsSection): ScopedHandler {
  return (ctx: Ctx, inst: InstanceRecord) => {
    const target: Record<string, unknown> = section === 'general' ? (inst.settings as unknown as Record<string, unknown>) : inst.settings[section];
    let modified = false;
    for (const key of SECTION_KEYS[section]) {
      if (!(key in ctx.body)) continue;
      const value = ctx.body[key];
      if (JSON.stringify(target[key]) !== JSON.stringify(value)) modified = true;
      target[key] = value;
      if (section === 'general' && key === 'bot_name') inst.defaultBotName = false;
    }
    if (modified) inst.updatedAt = new Date().toISOString();
    return ok({
      status: true,
      message: SETTINGS_UPDATED,
      data: { acknowledged: true, modifiedCount: modified ? 1 : 0, upsertedId: null, upsertedCount: 0, matchedCount: 1 },
    });
  };
}
