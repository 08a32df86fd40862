// The simulator's engine side: which webhooks an instance's engine posts, and when.
// - open-wa (note §A): a customer's message goes once per subscribed message event (onMessage,
//   onAnyMessage); a message the instance sends is echoed under onAnyMessage when subscribed; its
//   receipts go under onAck when subscribed. *The app's own sends are acked only on request
//   (`ack(id, level)`), so tests decide when "delivered" and "read" happen.
// - Baileys (note §B): a customer's message goes once as type `message`; linking and logging out
//   post `connection` open/close; Baileys' webhook has no receipt event, so `ack` refuses.
// - *A logged-out or never-linked instance receives nothing; sending needs a webhook URL.
import { randomBytes } from 'node:crypto';
import { deliverWebhook } from '../webhooks';
import { encryptWhatsAppMedia, type MediaHost } from '../media';
import { type InstanceRecord, webMessageId } from './model';
import { baileysConnection, baileysIncoming } from './webhook-baileys';
import { openWaAck, openWaIncoming, openWaOutgoing, toOpenWaJid } from './webhook-openwa';
import { type CustomerMessage, MESSAGE_EVENTS, type SentMessage, type WebhookDelivery, type WebhookSource } from './webhook';

export class EngineWebhooks {
  readonly deliveries: WebhookDelivery[] = [];
  readonly sent: SentMessage[] = [];

  constructor(
    private readonly media: MediaHost,
    private readonly baseUrl: () => string,
    /** Baileys' WEBHOOK_BASE64: media messages carry the file as base64 `msgContent`. */
    private readonly base64Media: boolean,
  ) {}

  /** Posts a customer message as the instance's engine would; resolves with the app's last HTTP status. */
  async customerMessage(inst: InstanceRecord, msg: CustomerMessage): Promise<number> {
    let plain: Buffer | null = null;
    if (msg.media?.bytes) {
      const { bytes, ...media } = msg.media;
      plain = bytes;
      const e = encryptWhatsAppMedia(bytes, media.kind);
      const path = `/mms/v/t62.7118-24/${randomBytes(12).toString('hex')}.enc`;
      this.media.add(path, e.enc, 'application/octet-stream');
      msg = { ...msg, media: { ...media, url: `${this.baseUrl()}${path}`, mediaKey: e.mediaKey, fileSha256: e.fileSha256, fileEncSha256: e.fileEncSha256, fileLength: String(bytes.length) } };
    }
    const url = this.deliverable(inst);
    if (inst.engine === 'baileys') return this.post(url, baileysIncoming(source(inst), msg, this.base64Media ? { base64: plain } : {}));
    const events = MESSAGE_EVENTS.filter((e) => inst.webhookEvents.includes(e)) as ('onMessage' | 'onAnyMessage')[];
    if (events.length === 0) throw new Error(`Instance ${inst.sessionId} is not subscribed to onMessage or onAnyMessage (events: ${inst.webhookEvents.join(', ') || 'none'})`);
    const same = { ...msg, at: msg.at ?? Date.now(), id: msg.id ?? webMessageId() };
    let status = 0;
    // The same message under each event it matches, with the same id, as open-wa's listeners do.
    for (const event of events) status = await this.post(url, openWaIncoming(source(inst), same, event));
    return status;
  }

  /** A message the instance sent (through the API or typed on the phone); echoed under onAnyMessage. */
  async recordSend(inst: InstanceRecord, sent: Omit<SentMessage, 'sessionId' | 'ack' | 'at'> & { at?: number }): Promise<SentMessage> {
    const record: SentMessage = { ...sent, jid: toOpenWaJid(sent.jid), sessionId: inst.sessionId, ack: 1, at: sent.at ?? Date.now() };
    this.sent.push(record);
    if (inst.engine === 'open-wa' && inst.webhookUrl && inst.webhookEvents.includes('onAnyMessage')) {
      await this.post(inst.webhookUrl, openWaOutgoing(source(inst), record, 'onAnyMessage'), false);
    }
    return record;
  }

  /** Posts onAck for a sent message: 1 server, 2 device (delivered), 3 read, 4 played, -1 error. */
  async ack(inst: InstanceRecord, id: string, level: -1 | 0 | 1 | 2 | 3 | 4): Promise<number> {
    const sent = this.sent.find((s) => s.id === id && s.sessionId === inst.sessionId);
    if (!sent) throw new Error(`Instance ${inst.sessionId} sent no message with id ${id}`);
    if (inst.engine !== 'open-wa') throw new Error('The Baileys engine posts no receipts (reference note §B lists no such webhook type)');
    if (!inst.webhookUrl || !inst.webhookEvents.includes('onAck')) throw new Error(`Instance ${inst.sessionId} is not subscribed to onAck (events: ${inst.webhookEvents.join(', ') || 'none'})`);
    sent.ack = level;
    return this.post(inst.webhookUrl, openWaAck(source(inst), sent));
  }

  /** Baileys posts connection open/close when the phone links or logs out; never fails the caller. */
  connection(inst: InstanceRecord, state: 'open' | 'close'): void {
    if (inst.engine !== 'baileys' || !inst.webhookUrl) return;
    void this.post(inst.webhookUrl, baileysConnection(source(inst), state), false);
  }

  private deliverable(inst: InstanceRecord): string {
    if (!inst.webhookUrl) throw new Error(`Instance ${inst.sessionId} has no webhook URL (set one with setWebhook or init config.setWebhook)`);
    if (inst.settings.status !== 'CONNECTED') throw new Error(`Instance ${inst.sessionId} is not connected (status ${inst.settings.status})`);
    return inst.webhookUrl;
  }

  private post(url: string, body: unknown, rethrow = true): Promise<number> {
    return deliverWebhook(this.deliveries, url, body, { rethrow });
  }
}

function source(inst: InstanceRecord): WebhookSource {
  return { sessionId: inst.sessionId, phone: inst.phone ?? '', webhookId: inst.webhookId ?? '' };
}
