// The one interface the rest of the app uses to talk to any provider. Each provider folder
// implements it with the same parts: client.ts (outbound, undici), inbound.ts (webhook payload →
// normalised events, zod-validated), capabilities.ts (ProviderInfo: capabilities + form fields),
// index.ts (assembles the ProviderAdapter). Optional parts exist only where the provider has them,
// and `info.capabilities` says so to the UI.
import type { ConnectionTest, MessageKind, ProviderInfo, Wording } from '../../../shared/model';

export interface AccountContext {
  /** Non-secret account settings (base URL, company, chosen channel, ...). */
  config: Record<string, string>;
  /** Secret fields from the keychain (tokens, keys, passwords). */
  secrets: Record<string, string>;
  /** Saves secrets the provider issued (e.g. OAuth tokens) to the keychain; merges into `secrets` too. */
  saveSecrets?(patch: Record<string, string>): Promise<void>;
  /**
   * This account's webhook URL under the public address (tunnel or the user's), or null/absent
   * when there is only the local one. Providers that take a per-message callback URL (Infobip
   * `notifyUrl`) send it only when it exists, since a 127.0.0.1 address is useless to them.
   */
  publicWebhookUrl?: string | null;
}

/** The instance a request is made for, with its keychain-held access token. */
export interface InstanceRef {
  providerId: string | null;
  sessionId: string;
  accessToken: string;
}

export interface SendTarget {
  /** Phone number as international digits (6281234567890), or the provider's group/chat id. */
  peerId: string;
  isGroup: boolean;
  /** The customer's name where the provider wants one (Qontak `to_name`). */
  name?: string | null;
  instance?: InstanceRef;
  /** Switchboard's own id for the message, for providers that accept one (Infobip `messageId`). */
  clientMessageId?: string;
  /**
   * The provider's handle for the conversation the customer opened (Qontak room id) and when the
   * customer last wrote in it, so free replies can go into it; null when there is none.
   */
  conversation?: ConversationRef | null;
}

/** A provider's conversation handle taken from inbound messages (Qontak `room_id`). */
export interface ConversationRef {
  id: string;
  /** When the customer last wrote (epoch ms): WhatsApp allows free replies for 24 hours after. */
  at: number;
}

export type MediaKind = 'image' | 'video' | 'audio' | 'document';

/** How an adapter receives a file: a link the provider fetches, or the bytes to upload. */
export type MediaSource =
  | { type: 'url'; url: string; mimeType?: string | null; fileName?: string | null }
  | { type: 'file'; bytes: Buffer; mimeType: string; fileName: string };

/**
 * A file from this computer as the outbox stores it (JSON, persisted before any request): a
 * reference to the staged copy under dataDir/media, never the bytes. At dispatch it becomes a
 * MediaSource: the bytes for providers that take uploads, a served link for URL-only ones.
 */
export interface StagedFileRef {
  type: 'staged';
  fileId: string;
  /** Relative to dataDir/media. */
  path: string;
  mimeType: string;
  fileName: string;
  size: number;
}

export interface TemplateRef {
  /** Provider's template id (Qontak/Omnichat uuid) or name (Infobip templateName). */
  id: string;
  name: string;
  namespace?: string | null;
  language?: string | null;
  /** Language policy for Infobip: deterministic (default) or fallback. */
  policy?: 'deterministic' | 'fallback' | null;
  /** The template text with its placeholders, when known, so params can be checked before sending. */
  body?: string | null;
  /** The header's kind as the provider lists it (TEXT, IMAGE, VIDEO, DOCUMENT), when known. */
  headerFormat?: string | null;
  /** The template's buttons as the provider lists them, when known. */
  buttons?: TemplateButtonInfo[] | null;
}

/** One button of a template as listed; a URL button whose url has a {{1}} needs a value per send. */
export interface TemplateButtonInfo {
  type: string;
  text: string;
  url: string | null;
}

/** The media a template's IMAGE/VIDEO/DOCUMENT header shows, given per send. */
export interface TemplateHeaderParam {
  format: 'IMAGE' | 'VIDEO' | 'DOCUMENT';
  url: string;
  fileName?: string | null;
}

/** The value of a dynamic button, by the button's position in the template (0-based). */
export interface TemplateButtonParam {
  index: number;
  value: string;
}

/** One filled placeholder. `key` is "1", "2"… for numbered templates, or the name for {named} ones. */
export interface TemplateParam {
  key: string;
  text: string;
  /** Qontak's `value` (the parameter's field name, e.g. "full_name"); defaults to the key. */
  label?: string | null;
}

export interface ButtonSpec {
  type: 'replyButton' | 'urlButton' | 'callButton';
  title: string;
  payload?: string;
}

export interface ListSection {
  title: string;
  rows: { title: string; description?: string; rowId: string }[];
}

/** Everything an operator can send; each adapter supports the kinds its capabilities list. */
export type OutgoingMessage =
  | { kind: 'text'; text: string; location?: { name: string; lat: number; lng: number } | null; attachmentIds?: string[]; contactId?: string | null; smsFallbackText?: string | null }
  | { kind: 'media'; mediaKind: MediaKind; source: MediaSource; caption?: string | null; fileName?: string | null }
  | {
      kind: 'template';
      template: TemplateRef;
      params: TemplateParam[];
      smsFallbackText?: string | null;
      header?: TemplateHeaderParam | null;
      buttons?: TemplateButtonParam[] | null;
    }
  | { kind: 'location'; name: string; lat: number; lng: number }
  | { kind: 'contact'; fullName: string; displayName?: string | null; organization?: string | null; phone: string }
  | { kind: 'buttons'; text: string; footer?: string | null; buttons: ButtonSpec[]; media?: { url: string; mediaType: MediaKind; mimeType: string } | null }
  | { kind: 'list'; title: string; text: string; description?: string | null; buttonText: string; sections: ListSection[] };

/** What the outbox stores and later dispatches: any OutgoingMessage, or a media message with a staged file. */
export type QueuedMessage = OutgoingMessage | (Omit<Extract<OutgoingMessage, { kind: 'media' }>, 'source'> & { source: StagedFileRef });

export interface Price {
  amount: number;
  currency: string;
}

export interface SendResult {
  providerMessageId: string | null;
  /** A later state the provider already reported in its answer; otherwise the message is `sent`. */
  status?: 'sent' | 'delivered' | 'read';
  /** Qontak: the broadcast id its answer returns (not a message id); used to read the status back. */
  broadcastId?: string | null;
  /** The channel that carried it where the provider has several (Infobip WHATSAPP / SMS). */
  channel?: string | null;
  price?: Price | null;
}

export interface InboundMedia {
  kind: MediaKind;
  url: string;
  mimeType?: string | null;
  fileName?: string | null;
  /** WhatsApp's media key (base64) when `url` is WhatsApp's encrypted CDN copy (Baileys-based gateways). */
  mediaKey?: string | null;
  /** SHA-256 (base64) of the decrypted file, to check it. */
  fileSha256?: string | null;
  /** The size the provider announced, in bytes. */
  size?: number | null;
}

export interface InboundMessage {
  type: 'message';
  /** The provider's instance/session the message arrived on, when it has instances. */
  sessionId: string | null;
  /** Phone digits for a person, or the provider's group id; null when the provider did not say. */
  peerId: string;
  isGroup: boolean;
  groupName: string | null;
  groupIconUrl?: string | null;
  /** Sender's phone (digits) for a person; for a group, the participant's. */
  senderPhone: string | null;
  senderName: string | null;
  senderAvatarUrl?: string | null;
  fromMe: boolean;
  /** Null when the provider sends no id; the event is then stored once per webhook request. */
  providerMessageId: string | null;
  at: number;
  kind: MessageKind;
  text: string | null;
  media?: InboundMedia | null;
  /** False when the provider gives no way to answer (e.g. no sender number). */
  replyable?: boolean;
  /** The conversation this arrived in, kept on the thread for free replies (Qontak room). */
  conversation?: ConversationRef | null;
}

export interface InboundStatus {
  type: 'status';
  providerMessageId: string;
  /** Set when the provider's reference is a broadcast id (Qontak), not a message id. */
  broadcastId?: string | null;
  /**
   * The recipient's phone digits, for reports that name no id we stored (Qontak's status
   * webhooks carry WhatsApp’s message id, never the broadcast id its send answered): the oldest
   * outgoing message to this number still without a provider id then takes `providerMessageId`.
   */
  recipient?: string | null;
  /** With `recipient`: only a template (true) or only a non-template message (false) may take the id. */
  recipientTemplate?: boolean | null;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** Why it failed, in English (the fallback), and `errorWording`: how the renderer words it. */
  error?: string | null;
  errorWording?: Wording | null;
  permanent?: boolean | null;
  channel?: string | null;
  price?: Price | null;
  at: number;
}

export type InboundEvent = InboundMessage | InboundStatus | { type: 'ignored'; reason: string };

export interface QrResult {
  kind: 'qr' | 'connected';
  dataUrl?: string;
  ttlMs?: number;
}

export interface InstanceInfo {
  connected: boolean;
  phone: string | null;
  name: string | null;
}

export interface RemoteInstance {
  providerId: string;
  sessionId: string;
  accessToken: string | null;
  status: string;
  phone: string | null;
  settings: Record<string, unknown>;
}

export interface InstanceOps {
  create(ctx: AccountContext): Promise<InstanceRef>;
  init(ctx: AccountContext, inst: InstanceRef, webhookUrl: string | null): Promise<void>;
  qr(ctx: AccountContext, inst: InstanceRef): Promise<QrResult>;
  info(ctx: AccountContext, inst: InstanceRef): Promise<InstanceInfo>;
  logout(ctx: AccountContext, inst: InstanceRef): Promise<void>;
  remove(ctx: AccountContext, inst: InstanceRef): Promise<void>;
  /** Every instance the account has at the provider, with its settings. */
  list?(ctx: AccountContext): Promise<RemoteInstance[]>;
}

export type BotSettingsSection = 'general' | 'actions' | 'activeDays' | 'activeHours';

export interface BotSettingsOps {
  update(ctx: AccountContext, inst: InstanceRef, section: BotSettingsSection, values: Record<string, string | boolean>): Promise<void>;
}

export interface TemplateInfo {
  id: string;
  name: string;
  language: string | null;
  namespace?: string | null;
  header?: string | null;
  /** TEXT, IMAGE, VIDEO or DOCUMENT as the provider lists it; null when there is no header. */
  headerFormat?: string | null;
  buttons?: TemplateButtonInfo[];
  body: string;
  footer?: string | null;
  status?: string | null;
  category?: string | null;
}

/** A sending line the operator picks for the account: a Qontak channel integration, an Infobip scenario. */
export interface LineInfo {
  id: string;
  label: string;
  detail?: string | null;
  isDefault?: boolean;
}

export interface LineOps {
  /** The account config key the chosen line is saved under (e.g. channelIntegrationId, scenarioKey). */
  configKey: string;
  list(ctx: AccountContext): Promise<LineInfo[]>;
  create?(ctx: AccountContext, input: Record<string, string | boolean>): Promise<LineInfo>;
}

export interface ReportOps {
  /** Pulls delivery reports the provider holds (Infobip GET /omni/1/reports). */
  poll?(ctx: AccountContext): Promise<InboundStatus[]>;
  /** Reads back one sent message's status (Qontak broadcast log). */
  lookup?(ctx: AccountContext, sent: { providerMessageId: string | null; broadcastId: string | null; to: string; sentAfter?: number }): Promise<InboundStatus | null>;
}

export interface AutoReplyOps {
  /** Replays an inbound message at the provider to see what its auto-reply answers (Omnichat callback). */
  test(ctx: AccountContext, input: { from: string; fromName: string; message: string }): Promise<{ reply: string | null; receiver: string | null }>;
}

/** A problem with an account form beyond each field's own checks: English (the fallback) and its wording. */
export type FormProblem = Wording & { message: string };

export interface ProviderAdapter {
  info: ProviderInfo;
  /** Cross-field checks beyond each field's own (e.g. "an API key, or a username and password"), each problem in English with its wording. */
  formProblems?(config: Record<string, string>, secrets: Record<string, string>, savedSecrets: string[]): FormProblem[];
  testConnection(ctx: AccountContext): Promise<ConnectionTest>;
  /** Sends one message; throws AppFailure (validation for an unsupported kind) on failure. */
  send(ctx: AccountContext, target: SendTarget, message: OutgoingMessage): Promise<SendResult>;
  /** Parses one webhook body; throws with a readable reason when it isn't a payload this provider sends. */
  parseInbound(body: unknown): InboundEvent[];
  /**
   * Headers a received file's link needs (Infobip serves inbound media behind the account's auth).
   * Asked only for links on the provider's own host; null when the link needs none.
   */
  mediaHeaders?(ctx: AccountContext, link: string): Record<string, string> | null;
  /** Present for providers whose webhook URL is set through their API. */
  registerWebhook?(ctx: AccountContext, url: string, instance?: InstanceRef): Promise<void>;
  instances?: InstanceOps;
  botSettings?: BotSettingsOps;
  templates?: { list(ctx: AccountContext): Promise<TemplateInfo[]> };
  lines?: LineOps;
  reports?: ReportOps;
  autoReply?: AutoReplyOps;
}
