// The one IPC contract between renderer and main. Each channel maps to an input and an output
// schema; both transports (Electron IPC and the browser shell's WebSocket) carry exactly this.
import { z } from 'zod';
import {
  Account,
  AppError,
  ConnectionTest,
  Instance,
  Message,
  ProviderId,
  ProviderInfo,
  QrCode,
  Settings,
  Thread,
  WebhookStatus,
} from './model';

const id = z.string().min(1, 'An id is required');
const none = z.object({}).strict();
const values = z.record(z.string(), z.string());

export const channels = {
  'app:info': { input: none, output: z.object({ version: z.string(), shell: z.boolean(), dataDir: z.string() }) },

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

  'threads:list': { input: z.object({ search: z.string().max(200).optional() }).strict(), output: z.array(Thread) },
  'threads:messages': { input: z.object({ threadId: id }).strict(), output: z.array(Message) },
  'threads:markRead': { input: z.object({ threadId: id }).strict(), output: Thread },

  'messages:sendText': {
    input: z.object({ threadId: id, text: z.string().trim().min(1, 'Type a message first').max(4096, 'A message can be at most 4096 characters') }).strict(),
    output: Message,
  },

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
  | { kind: 'event'; event: string; payload: unknown };
