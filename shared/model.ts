// Domain model shared by main and renderer. Schemas are the single source of truth: every type
// below is inferred from a zod schema, so the IPC contract can validate exactly what it declares.
// This folder must stay platform-free (no node:*, electron or DOM imports).
import { z } from 'zod';

/**
 * How the renderer words a reason main keeps or sends as English text (a failed send, why a message
 * waits, why a conversation cannot be answered, a rejected CSV row…): a message key under "errors."
 * (or another namespace of the renderer's language files) and its values. The English text stays
 * beside it as the fallback, so an older stored reason without wording still reads.
 */
export const Wording = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Wording = z.infer<typeof Wording>;

export const providerIds = ['bot-api', 'mconnect', 'omnichat', 'infobip', 'qontak'] as const;
export const ProviderId = z.enum(providerIds);
export type ProviderId = z.infer<typeof ProviderId>;

/** What a provider can do; the UI offers only these. */
export const Capability = z.enum([
  'qrInstances',
  'text',
  'mediaUpload',
  'mediaUrl',
  'templates',
  'interactive',
  'contacts',
  'location',
  'groups',
  'deliveryReports',
  'smsFailover',
  'botSettings',
  'webhookRegistration',
  /** Templates are listed by the provider's API (otherwise entered by the operator). */
  'templateSync',
  /** The account sends through a line picked from the provider (Qontak channel, Infobip scenario). */
  'lines',
  /** The provider can replay an inbound message to test its auto-reply (Omnichat callback). */
  'autoReplyTest',
]);
export type Capability = z.infer<typeof Capability>;

/** One input on an account form. Secret fields go to the OS keychain and never come back. */
export const FieldSpec = z.object({
  key: z.string(),
  label: z.string(),
  secret: z.boolean(),
  required: z.boolean(),
  kind: z.enum(['text', 'url']),
  placeholder: z.string().optional(),
  /** Pre-filled value for a new account (e.g. the provider's public API address). */
  default: z.string().optional(),
  help: z.string().optional(),
});
export type FieldSpec = z.infer<typeof FieldSpec>;

export const ProviderInfo = z.object({
  id: ProviderId,
  name: z.string(),
  capabilities: z.array(Capability),
  fields: z.array(FieldSpec),
});
export type ProviderInfo = z.infer<typeof ProviderInfo>;

export const AccountStatus = z.enum(['unknown', 'connected', 'needs_qr', 'credentials_rejected', 'unreachable']);
export type AccountStatus = z.infer<typeof AccountStatus>;

export const Account = z.object({
  id: z.string(),
  provider: ProviderId,
  name: z.string(),
  /** Non-secret settings (base URL, company, ...). */
  config: z.record(z.string(), z.string()),
  /** Which secret fields have a value in the keychain; never the values. */
  savedSecrets: z.array(z.string()),
  status: AccountStatus,
  statusDetail: z.string().nullable(),
  /** `statusDetail` worded for the renderer, when main knows its key. */
  statusDetailWording: Wording.nullable().optional(),
  createdAt: z.number(),
});
export type Account = z.infer<typeof Account>;

export const InstanceState = z.enum(['created', 'waiting_qr', 'connected', 'logged_out', 'error']);
export type InstanceState = z.infer<typeof InstanceState>;

export const Instance = z.object({
  id: z.string(),
  accountId: z.string(),
  /** The provider's own id for the instance (bot API `_id`). */
  providerId: z.string().nullable(),
  sessionId: z.string(),
  state: InstanceState,
  phone: z.string().nullable(),
  displayName: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorWording: Wording.nullable().optional(),
  updatedAt: z.number(),
});
export type Instance = z.infer<typeof Instance>;

export const QrCode = z.discriminatedUnion('kind', [
  /** A PNG/SVG data URL ready for an <img>; `expiresAt` drives the countdown. */
  z.object({ kind: z.literal('qr'), dataUrl: z.string(), expiresAt: z.number() }),
  z.object({ kind: z.literal('connected'), phone: z.string().nullable(), displayName: z.string().nullable() }),
]);
export type QrCode = z.infer<typeof QrCode>;

/**
 * queued → sending → sent → delivered → read, or failed. `in_doubt`: the app stopped while the
 * message was being handed over, so whether the provider got it is unknown until a report or
 * the operator settles it. `received`: an incoming message. `cancelled`: withdrawn while still
 * queued (by the operator or with its campaign); it never left, and is never sent again.
 */
export const MessageStatus = z.enum(['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'in_doubt', 'received', 'cancelled']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const MessageKind = z.enum(['text', 'image', 'video', 'audio', 'document', 'location', 'contact', 'interactive', 'template', 'unsupported']);
export type MessageKind = z.infer<typeof MessageKind>;

export const MediaKind = z.enum(['image', 'video', 'audio', 'document']);
export type MediaKind = z.infer<typeof MediaKind>;

/**
 * Where a message's file is on this computer: 'none' (only a link, e.g. sent by URL), 'pending'
 * (a received file still downloading), 'ready' (a local copy; `media:read` opens it) or 'failed'
 * (the download failed; `error` says why and `media:retryDownload` tries again).
 */
export const MediaState = z.enum(['none', 'pending', 'ready', 'failed']);
export type MediaState = z.infer<typeof MediaState>;

export const MessageMedia = z.object({
  kind: MediaKind,
  url: z.string().nullable(),
  mimeType: z.string().nullable(),
  fileName: z.string().nullable(),
  state: MediaState,
  /** Bytes of the local copy, when there is one. */
  size: z.number().nullable(),
  error: z.string().nullable(),
  errorWording: Wording.nullable().optional(),
});
export type MessageMedia = z.infer<typeof MessageMedia>;

export const Price = z.object({ amount: z.number(), currency: z.string() });
export type Price = z.infer<typeof Price>;

export const Message = z.object({
  id: z.string(),
  threadId: z.string(),
  direction: z.enum(['in', 'out']),
  kind: MessageKind,
  text: z.string().nullable(),
  /** In a group, who wrote it (display name or number). */
  author: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  status: MessageStatus,
  error: z.string().nullable(),
  errorWording: Wording.nullable().optional(),
  errorPermanent: z.boolean().nullable(),
  at: z.number(),
  /** The channel that finally carried it, where a provider has several (Infobip WHATSAPP / SMS). */
  channel: z.string().nullable(),
  price: Price.nullable(),
  media: MessageMedia.nullable(),
  /** Send attempts so far, and while queued after a failed try: when the next one is and why. */
  attempts: z.number(),
  nextAttemptAt: z.number().nullable(),
  waitingReason: z.string().nullable(),
  waitingWording: Wording.nullable().optional(),
});
export type Message = z.infer<typeof Message>;

export const Thread = z.object({
  id: z.string(),
  accountId: z.string(),
  instanceId: z.string().nullable(),
  /** The provider's chat id (e.g. 2348012345678@s.whatsapp.net or a group id). */
  peerId: z.string(),
  title: z.string(),
  phone: z.string().nullable(),
  isGroup: z.boolean(),
  unread: z.number(),
  lastMessage: z.string().nullable(),
  lastAt: z.number(),
  /** False when the provider gave no way to answer (e.g. no sender number); `notReplyableReason` says why. */
  replyable: z.boolean(),
  notReplyableReason: z.string().nullable(),
  notReplyableWording: Wording.nullable().optional(),
  avatarUrl: z.string().nullable(),
  /**
   * Only a broadcast has gone to this person and they have not answered: not a conversation yet, so
   * the conversation list leaves it out (search and the campaign report still open it).
   */
  broadcastOnly: z.boolean().optional(),
  /** The title is a name the operator gave on this computer; the provider's names no longer replace it. */
  renamed: z.boolean().optional(),
});
export type Thread = z.infer<typeof Thread>;

export const RegistrationState = z.object({
  accountId: z.string(),
  /** Where the provider should post events. */
  url: z.string(),
  state: z.enum(['unregistered', 'registering', 'registered', 'failed', 'manual']),
  detail: z.string().nullable(),
  detailWording: Wording.nullable().optional(),
  at: z.number().nullable(),
  /** Set when the account's stored webhook events near or reach their cap (new ones are then refused). */
  storageWarning: z.string().nullable().optional(),
  storageWarningWording: Wording.nullable().optional(),
});
export type RegistrationState = z.infer<typeof RegistrationState>;

export const TunnelStatus = z.object({
  enabled: z.boolean(),
  tokenSaved: z.boolean(),
  state: z.enum(['off', 'connecting', 'connected', 'failed']),
  url: z.string().nullable(),
  error: z.string().nullable(),
  errorWording: Wording.nullable().optional(),
});
export type TunnelStatus = z.infer<typeof TunnelStatus>;

export const WebhookStatus = z.object({
  listening: z.boolean(),
  port: z.number().nullable(),
  localBaseUrl: z.string().nullable(),
  /** The address providers are given: the tunnel's when connected, else the one the user supplied. */
  publicBaseUrl: z.string().nullable(),
  error: z.string().nullable(),
  errorWording: Wording.nullable().optional(),
  tunnel: TunnelStatus,
  /** Stored events no parser understood (kept, and listed under Unparsed events). */
  unparsedCount: z.number(),
  registrations: z.array(RegistrationState),
});

export const UnparsedEvent = z.object({
  id: z.number(),
  accountId: z.string(),
  provider: ProviderId,
  receivedAt: z.number(),
  error: z.string(),
  body: z.string(),
});
export type UnparsedEvent = z.infer<typeof UnparsedEvent>;
export type WebhookStatus = z.infer<typeof WebhookStatus>;

export const Settings = z.object({
  listenerPort: z.number().int().min(0).max(65535),
  publicBaseUrl: z.string().nullable(),
  defaultCountry: z.string().length(2),
  /** Open the ngrok tunnel at start (its authtoken is in the keychain). */
  tunnelEnabled: z.boolean(),
  /** Days a parsed webhook event's raw body is kept (events no parser understood are kept until they parse). */
  rawEventRetentionDays: z.number().int().min(1).max(3650),
  /** The interface language; "system" follows the OS (app.getLocale() in Electron, navigator.language in a browser). */
  language: z.enum(['system', 'en', 'id']),
});
export type Settings = z.infer<typeof Settings>;

/** A failure as the operator sees it: what happened in plain words, with technical detail apart. */
export const AppError = z.object({
  code: z.enum([
    'validation',
    'not_found',
    'credentials_rejected',
    'unreachable',
    'unexpected_response',
    'keychain_unavailable',
    'conflict',
    'internal',
  ]),
  /** English wording: shown as is when the renderer has no translation for `key`. */
  message: z.string(),
  detail: z.string().optional(),
  /** A message key the renderer words in the operator's language (e.g. "errors.validation.required"). */
  key: z.string().optional(),
  /** Values for the key's placeholders; a `field` names a key under "fields." that is worded too. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type AppError = z.infer<typeof AppError>;

export const ConnectionTest = z.object({
  ok: z.boolean(),
  status: AccountStatus,
  /** English wording: shown as is when the renderer has no translation for `key`. */
  message: z.string(),
  /** Technical detail: a provider's own answer as it came, or what Switchboard checked (then worded by `detailWording`). */
  detail: z.string().optional(),
  /** How the renderer words `detail` when Switchboard wrote it; absent for a provider's own answer. */
  detailWording: Wording.optional(),
  /** A message key the renderer words in the operator's language, as on AppError. */
  key: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

export const Template = z.object({
  id: z.string(),
  accountId: z.string(),
  /** The provider's id (Qontak/Omnichat uuid) or name (Infobip templateName). */
  providerTemplateId: z.string(),
  name: z.string(),
  language: z.string().nullable(),
  namespace: z.string().nullable(),
  header: z.string().nullable(),
  /** TEXT, IMAGE, VIDEO or DOCUMENT (Qontak); null or absent when the template has no header. */
  headerFormat: z.string().nullable().optional(),
  /** The template's buttons; a URL button with {{1}} in its url takes a value per send. */
  buttons: z.array(z.object({ type: z.string(), text: z.string(), url: z.string().nullable() })).optional(),
  body: z.string(),
  footer: z.string().nullable(),
  status: z.string().nullable(),
  category: z.string().nullable(),
  source: z.enum(['synced', 'manual']),
  /**
   * Placeholders in order of appearance: "1", "2"… for {{n}}, names for {name}; then the values a
   * media header or dynamic URL button needs ("header:url", "header:filename", "button:<i>", see
   * shared/template-inputs.ts), so every form that fills placeholders asks for them too.
   */
  placeholders: z.array(z.string()),
  updatedAt: z.number(),
});
export type Template = z.infer<typeof Template>;

export const Line = z.object({
  id: z.string(),
  label: z.string(),
  detail: z.string().nullable(),
  isDefault: z.boolean(),
});
export type Line = z.infer<typeof Line>;

export const PacingRule = z.object({
  /** Messages per minute; 0 turns pacing off. */
  perMinute: z.number().int().min(0).max(60_000),
  burst: z.number().int().min(1).max(1000),
  /** Random extra gap between messages in ms, [min, max]; [0, 0] for none. */
  gapMs: z.tuple([z.number().int().min(0).max(600_000), z.number().int().min(0).max(600_000)]).refine(([a, b]) => a <= b, 'The shortest gap must not exceed the longest'),
});
export type PacingRule = z.infer<typeof PacingRule>;
