// The one IPC contract between renderer and main. Each channel maps to an input and an output
// schema; both transports (Electron IPC and the browser shell's WebSocket) carry exactly this.
import { z } from 'zod';
import {
  Account,
  AppError,
  ConnectionTest,
  Instance,
  Line,
  PacingRule,
  MediaKind,
  Message,
  ProviderId,
  ProviderInfo,
  QrCode,
  Settings,
  Template,
  Thread,
  UnparsedEvent,
  WebhookStatus,
} from './model';
import { broadcastChannels, broadcastEvents } from './broadcast';
import { inboxChannels } from './inbox';
import { desktopChannels, desktopEvents } from './desktop';

const id = z.string().min(1, 'An id is required');
const none = z.object({}).strict();
const values = z.record(z.string(), z.string());
const text = (max: number, what: string) => z.string().trim().min(1, `${what} is required`).max(max, `${what} can be at most ${max} characters`);
const webUrl = z
  .string()
  .trim()
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), 'Use a full web address starting with https://');

/** A staged file's id (`media:stage`): random, never derived from the file's name. */
const fileId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'This attachment is not known; attach the file again');

/** What the operator composes; main checks it against the provider's capabilities. */
export const OutgoingInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().trim().min(1, 'Type a message first').max(4096, 'A message can be at most 4096 characters') }).strict(),
  z
    .object({
      kind: z.literal('template'),
      templateId: id,
      params: z.array(z.object({ key: z.string().min(1), text: z.string().max(1024), label: z.string().max(100).optional() }).strict()).max(50),
      smsFallbackText: z.string().max(1600).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('media'),
      mediaKind: MediaKind,
      /** A file already on the web, which the provider fetches… */
      url: webUrl.optional(),
      /** …or a file from this computer, staged first with `media:stage`. */
      fileId: fileId.optional(),
      caption: z.string().max(1024).optional(),
      fileName: z.string().max(255).optional(),
      mimeType: z.string().max(127).optional(),
    })
    .strict()
    .refine((m) => (m.url === undefined) !== (m.fileId === undefined), 'Attach a file or give its web address (one of the two, not both)'),
  z.object({ kind: z.literal('location'), name: text(200, 'A place name'), lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict(),
  z
    .object({
      kind: z.literal('contact'),
      fullName: text(100, 'The full name'),
      displayName: z.string().max(100).optional(),
      organization: z.string().max(100).optional(),
      phone: z.string().trim().regex(/^\+?[\d\s().-]{6,20}$/, 'Enter the phone number with its country code'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('buttons'),
      text: text(1024, 'The message text'),
      footer: z.string().max(60).optional(),
      buttons: z
        .array(z.object({ type: z.enum(['replyButton', 'urlButton', 'callButton']), title: text(20, 'A button title'), payload: z.string().max(2000).optional() }).strict())
        .min(1, 'Add at least one button')
        .max(3, 'WhatsApp allows at most 3 buttons'),
      media: z.object({ url: webUrl, mediaType: MediaKind, mimeType: z.string().max(127) }).strict().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('list'),
      title: text(60, 'The title'),
      text: text(1024, 'The message text'),
      description: z.string().max(60).optional(),
      buttonText: text(20, 'The button text'),
      sections: z
        .array(z.object({ title: text(24, 'A section title'), rows: z.array(z.object({ title: text(24, 'A row title'), description: z.string().max(72).optional(), rowId: text(200, 'A row id') }).strict()).min(1).max(10) }).strict())
        .min(1)
        .max(10),
    })
    .strict(),
]);
export type OutgoingInput = z.output<typeof OutgoingInput>;

const botSection = z.enum(['general', 'actions', 'activeDays', 'activeHours']);

/** 100 MB (WhatsApp's largest document) as base64, with room for a data: URL prefix. */
const MAX_STAGE_BASE64 = Math.ceil((100 * 1024 * 1024) / 3) * 4 + 256;

export const StagedFile = z.object({
  fileId: z.string(),
  /** How WhatsApp will show it; pass it as mediaKind when sending. */
  kind: MediaKind,
  /** Read from the content (magic bytes), not from the name. */
  mimeType: z.string(),
  size: z.number(),
  /** The name as it will be sent: cleaned, and ending in the extension its content calls for. */
  fileName: z.string(),
});
export type StagedFile = z.infer<typeof StagedFile>;

export const MediaContent = z.object({ dataUrl: z.string(), mimeType: z.string(), fileName: z.string(), size: z.number() });
export type MediaContent = z.infer<typeof MediaContent>;

export const channels = {
  'app:info': { input: none, output: z.object({ version: z.string(), shell: z.boolean(), dataDir: z.string(), locale: z.string().nullable() }) },

  'providers:list': { input: none, output: z.array(ProviderInfo) },

  'accounts:list': { input: none, output: z.array(Account) },
  'accounts:create': {
    input: z.object({ provider: ProviderId, name: z.string().trim().min(1, 'Give the account a name'), config: values, secrets: values }).strict(),
    output: Account,
  },
  'accounts:update': {
    // A secret left out (or empty) keeps the saved value.
    input: z.object({ id, name: z.string().trim().min(1).optional(), config: values.optional(), secrets: values.optional() }).strict(),
    output: Account,
  },
  'accounts:remove': { input: z.object({ id }).strict(), output: z.object({ removed: z.boolean() }) },
  'accounts:testConnection': { input: z.object({ id }).strict(), output: ConnectionTest },

  'instances:list': { input: z.object({ accountId: id.optional() }).strict(), output: z.array(Instance) },
  'instances:create': { input: z.object({ accountId: id }).strict(), output: Instance },
  'instances:qr': { input: z.object({ id }).strict(), output: QrCode },
  'instances:refresh': { input: z.object({ id }).strict(), output: Instance },
  'instances:logout': { input: z.object({ id }).strict(), output: Instance },
  'instances:delete': { input: z.object({ id }).strict(), output: z.object({ removed: z.boolean() }) },

  'webhooks:status': { input: none, output: WebhookStatus },
  'webhooks:register': { input: z.object({ accountId: id }).strict(), output: WebhookStatus },
  /** Turns the ngrok tunnel on or off; a given authtoken is saved to the keychain first. */
  'webhooks:tunnel': { input: z.object({ enabled: z.boolean(), authtoken: z.string().trim().max(200).optional() }).strict(), output: WebhookStatus },
  'webhooks:unparsed': { input: none, output: z.array(UnparsedEvent) },
  /** Parses stored events again (one, or all that failed), e.g. after an update fixed a parser. */
  'webhooks:replay': { input: z.object({ id: z.number().int().positive().optional() }).strict(), output: z.object({ parsed: z.number(), stillUnparsed: z.number() }) },
  /** Posts a test event to the account's own public URL and waits for the listener to store it. */
  'webhooks:testEvent': {
    input: z.object({ accountId: id }).strict(),
    output: z.object({
      ok: z.boolean(),
      url: z.string(),
      ms: z.number(),
      /** English wording: shown as is when the renderer has no translation for `key`. */
      message: z.string(),
      /** A message key the renderer words in the operator's language, as on ConnectionTest. */
      key: z.string().optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  },

  'threads:list': { input: z.object({ search: z.string().max(200).optional() }).strict(), output: z.array(Thread) },
  'threads:messages': { input: z.object({ threadId: id }).strict(), output: z.array(Message) },
  'threads:markRead': { input: z.object({ threadId: id }).strict(), output: Thread },
  /** A name on this computer only; an empty one goes back to the provider's name. */
  'threads:rename': { input: z.object({ threadId: id, title: z.string().trim().max(100, 'Keep the name under 100 characters') }).strict(), output: Thread },

  'threads:start': {
    input: z.object({ accountId: id, phone: z.string().trim().min(3, 'Enter a phone number').max(30), name: z.string().trim().max(100).optional() }).strict(),
    output: Thread,
  },

  'messages:sendText': {
    input: z.object({ threadId: id, text: z.string().trim().min(1, 'Type a message first').max(4096, 'A message can be at most 4096 characters') }).strict(),
    output: Message,
  },
  'messages:send': { input: z.object({ threadId: id, message: OutgoingInput }).strict(), output: Message },
  'messages:retry': { input: z.object({ id }).strict(), output: Message },
  'messages:cancel': { input: z.object({ id }).strict(), output: Message },
  'messages:settle': { input: z.object({ id, outcome: z.enum(['markSent', 'markFailed']) }).strict(), output: Message },
  /** Everything not yet settled: queued, sending, in doubt, and failures of the last week. */
  'outbox:list': { input: none, output: z.array(Message) },

  /**
   * A file from this computer (file picker, drop or paste), read in the page and sent as base64
   * (a data: URL prefix is accepted). Its type is read from its content, never its name; unknown
   * and unsafe types are refused. With `threadId`, that conversation's provider limits are checked
   * now too. The answer's fileId goes into messages:send as {kind:'media', mediaKind: kind, fileId}.
   */
  'media:stage': {
    input: z
      .object({
        fileName: z.string().trim().min(1, 'The file has no name').max(255),
        dataBase64: z.string().min(1, 'The file is empty').max(MAX_STAGE_BASE64, 'A file can be at most 100 MB'),
        threadId: id.optional(),
      })
      .strict(),
    output: StagedFile,
  },
  /** Forgets a staged file that was not sent (the operator removed it from the composer). */
  'media:discard': { input: z.object({ fileId }).strict(), output: z.object({ removed: z.boolean() }) },
  /** The local copy of a message's file (sent from here, or received and downloaded), as a data: URL. */
  'media:read': { input: z.object({ messageId: id }).strict(), output: MediaContent },
  /** Downloads a received file again after a failure (or after it was removed to save space). */
  'media:retryDownload': { input: z.object({ messageId: id }).strict(), output: Message },

  'pacing:get': { input: z.object({ accountId: id }).strict(), output: z.object({ rule: PacingRule, defaultRule: PacingRule, custom: z.boolean() }) },
  'pacing:set': { input: z.object({ accountId: id, rule: PacingRule.nullable() }).strict(), output: z.object({ rule: PacingRule, defaultRule: PacingRule, custom: z.boolean() }) },

  'templates:list': { input: z.object({ accountId: id }).strict(), output: z.array(Template) },
  'templates:sync': { input: z.object({ accountId: id }).strict(), output: z.array(Template) },
  'templates:save': {
    input: z
      .object({
        accountId: id,
        id: id.optional(),
        providerTemplateId: text(200, 'The template id or name'),
        name: text(200, 'A name'),
        language: z.string().trim().max(20).optional(),
        namespace: z.string().trim().max(200).optional(),
        body: text(4096, 'The template text'),
      })
      .strict(),
    output: Template,
  },
  'templates:remove': { input: z.object({ id }).strict(), output: z.object({ removed: z.boolean() }) },

  'lines:list': { input: z.object({ accountId: id }).strict(), output: z.object({ configKey: z.string(), selected: z.string().nullable(), lines: z.array(Line) }) },
  'lines:create': {
    input: z.object({ accountId: id, input: z.record(z.string(), z.union([z.string().max(200), z.boolean()])) }).strict(),
    output: Line,
  },
  'lines:select': { input: z.object({ accountId: id, lineId: id }).strict(), output: Account },

  'botSettings:get': { input: z.object({ instanceId: id }).strict(), output: z.record(z.string(), z.unknown()) },
  'botSettings:update': {
    input: z.object({ instanceId: id, section: botSection, values: z.record(z.string(), z.union([z.string().max(500), z.boolean()])) }).strict(),
    output: z.record(z.string(), z.unknown()),
  },

  'autoReply:test': {
    input: z.object({ accountId: id, from: z.string().trim().min(6, 'Enter the sender number').max(20), fromName: text(100, 'The sender name'), message: text(1000, 'The message') }).strict(),
    output: z.object({ reply: z.string().nullable(), receiver: z.string().nullable() }),
  },

  'reports:refresh': { input: z.object({ accountId: id }).strict(), output: z.object({ updated: z.number() }) },

  ...broadcastChannels,
  ...inboxChannels,
  ...desktopChannels,

  'settings:get': { input: none, output: Settings },
  'settings:update': { input: Settings.partial().strict(), output: Settings },
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<(typeof channels)[C]['output']>;
export const channelNames = Object.keys(channels) as Channel[];

/** Main → renderer pushes. */
export const events = {
  'accounts:changed': Account.array(),
  'instances:changed': Instance,
  'instances:removed': z.object({ id }),
  'threads:changed': Thread,
  'messages:changed': Message,
  'webhooks:changed': WebhookStatus,
  ...broadcastEvents,
  ...desktopEvents,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export const eventNames = Object.keys(events) as EventName[];

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** What the renderer sees as `window.switchboard`, on either transport. */
export interface SwitchboardApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Browser-shell wire frames (over the loopback WebSocket). */
export type ShellRequest = { kind: 'invoke'; id: number; channel: string; input: unknown };
export type ShellFrame =
  | { kind: 'result'; id: number; result: Result<unknown> }
  /** Events gathered over a short window (see subscribeCoalesced): each thing's latest state once, in order. */
  | { kind: 'events'; events: [string, unknown][] };
