// Builds every service from its collaborators. Electron's main process and the browser shell
// both call this; neither adds behaviour of its own.
import { join } from 'node:path';
import type { Channel, ChannelOutput } from '../../shared/ipc';
import type { channels } from '../../shared/ipc';
import type { z } from 'zod';
import { AccountsService } from './accounts';
import { EventBus } from './events';
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE, tighten, tightenTree } from './private-files';
import { InboxService } from './inbox';
import { InstancesService } from './instances';
import { LinesService } from './lines';
import { MediaRepo } from './media/repo';
import { fileServer } from './media/serve';
import { MediaService, type MediaConfig } from './media/service';
import { broadcastHandlers, createBroadcastService, type BroadcastService } from './broadcast';
import { ReportsService } from './reports';
import { DesktopPrefsService } from './desktop/prefs';
import { desktopHandlers, type OsNotifier } from './desktop/handlers';
import { TemplatesService } from './templates';
import { TemplatesRepo } from './store/templates';
import { OutboxRepo } from './store/outbox';
import { Outbox } from './outbox/outbox';
import { Pacer, type PacingRule } from './outbox/pacing';
import { PacingSettings } from './outbox/pacing-settings';
import type { ProviderId } from '../../shared/model';
import { AppFailure } from './errors';
import { consoleLogger, type Logger } from './log';
import { providerInfos } from './providers/registry';
import { SettingsService, type KeyValueStore } from './settings';
import { AccountsRepo } from './store/accounts';
import { InboxPages } from './store/inbox-pages';
import { SearchService } from './search';
import { ConversationsRepo } from './store/conversations';
import { openDatabase, type Db } from './store/db';
import { InstancesRepo } from './store/instances';
import { RawEventsRepo } from './store/raw-events';
import { Vault, osKeyring, type KeyringBackend } from './vault';
import { WebhooksService } from './webhooks/service';
import { ngrokConnector, type TunnelConnector } from './webhooks/tunnel';
import type { RateLimit } from './webhooks/listener';

export type Handlers = { [C in Channel]: (input: z.output<(typeof channels)[C]['input']>) => Promise<ChannelOutput<C>> | ChannelOutput<C> };

export interface AppOptions {
  dataDir: string;
  settingsStore: KeyValueStore;
  keyring?: KeyringBackend;
  /** How the public tunnel is opened (ngrok); tests use a fake. */
  tunnelConnector?: TunnelConnector;
  /** Webhook requests per source; null turns the limit off (the ingest benchmark). */
  webhookRateLimit?: RateLimit | null;
  /** Provider pacing defaults; tests turn pacing off with their own. */
  defaultPacing?: (provider: ProviderId) => PacingRule;
  /** Keychain service name; tests use their own so they never touch a user's entries. */
  keychainService?: string;
  /** Media limits (download cap, cache budget, link lifetime); tests shrink them. */
  media?: Partial<MediaConfig>;
  version: string;
  shell: boolean;
  /** Tests only: a local proxy may stand in for the public URL (see SettingsOptions). */
  allowLocalPublicUrl?: boolean;
  /** Shows an OS notification (Electron's main process); the browser shell has none. */
  notify?: OsNotifier;
  /** The OS language (Electron's app.getLocale()); the browser shell leaves it to the browser. */
  locale?: string;
  log?: Logger;
}

export interface App {
  bus: EventBus;
  handlers: Handlers;
  db: Db;
  webhooks: WebhooksService;
  outbox: Outbox;
  media: MediaService;
  broadcasts: BroadcastService;
  desktop: DesktopPrefsService;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createApp(opts: AppOptions): App {
  // Owner-only on POSIX (see private-files.ts): the folder, the database (its -wal and -shm files
  // take its mode), the settings file and everything under media/, tightened if left looser.
  ensurePrivateDir(opts.dataDir);
  const log = opts.log ?? consoleLogger('switchboard');
  const dbFile = join(opts.dataDir, 'switchboard.db');
  ensurePrivateFile(dbFile);
  const db = openDatabase(dbFile);
  for (const f of [`${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`, join(opts.dataDir, 'config.json')]) tighten(f, PRIVATE_FILE_MODE);
  tightenTree(join(opts.dataDir, 'media'));
  const bus = new EventBus();
  const settings = new SettingsService(opts.settingsStore, { allowLocalPublicUrl: opts.allowLocalPublicUrl ?? process.env.SWITCHBOARD_ALLOW_LOCAL_PUBLIC_URL === '1' });
  const vault = new Vault(opts.keyring ?? osKeyring, opts.keychainService ?? 'Switchboard');
  const accountsRepo = new AccountsRepo(db);
  const instancesRepo = new InstancesRepo(db);
  const conversations = new ConversationsRepo(db);
  const pages = new InboxPages(db);
  const search = new SearchService(db, log);
  const raw = new RawEventsRepo(db);
  const templatesRepo = new TemplatesRepo(db);
  // The public address belongs to the webhooks service, built below; asked per provider call.
  const accounts = new AccountsService(accountsRepo, instancesRepo, vault, bus, (): string | null => webhooks.publicBaseUrl());
  const pacing = new PacingSettings(opts.settingsStore, opts.defaultPacing);
  const pacer = new Pacer((accountId) => {
    const a = accountsRepo.get(accountId);
    return a ? pacing.get(accountId, a.provider).rule : { perMinute: 0, burst: 1, gapMs: [0, 0] };
  });
  const outboxRepo = new OutboxRepo(db);
  const mediaRepo = new MediaRepo(db);
  // The public address belongs to the webhooks service, built below; asked only when a file is sent.
  const media = new MediaService({
    repo: mediaRepo,
    conversations,
    bus,
    log,
    dataDir: opts.dataDir,
    publicBaseUrl: (): string | null => webhooks.publicBaseUrl(),
    config: opts.media,
    mediaHeaders: async (accountId, link) => {
      const { adapter, ctx } = await accounts.handle(accountId);
      return adapter.mediaHeaders?.(ctx, link) ?? null;
    },
  });
  const outbox = new Outbox({ repo: outboxRepo, conversations, instances: instancesRepo, accounts, pacer, bus, log, media });
  const inbox = new InboxService(conversations, instancesRepo, templatesRepo, accounts, bus, () => settings.get().defaultCountry, outbox, media);
  const templates = new TemplatesService(templatesRepo, accounts);
  const lines = new LinesService(accounts);
  const reports = new ReportsService(accounts, inbox, conversations, outboxRepo, bus, log);
  const broadcasts = createBroadcastService({
    db,
    bus,
    inbox,
    outbox,
    templates: templatesRepo,
    accounts,
    defaultCountry: () => settings.get().defaultCountry,
    pacingRule: (accountId) => pacing.get(accountId, accounts.get(accountId).provider).rule,
    publish: (campaign) => bus.emit('broadcasts:changed', campaign),
    log,
  });
  const webhooks = new WebhooksService({
    accountsRepo,
    accounts,
    instances: instancesRepo,
    raw,
    inbox,
    settings,
    vault,
    bus,
    log,
    tunnelConnector: opts.tunnelConnector ?? ngrokConnector,
    rateLimit: opts.webhookRateLimit,
    db,
    files: fileServer(mediaRepo, media.root),
  });
  const instances = new InstancesService(instancesRepo, accounts, webhooks, bus);
  const desktop = new DesktopPrefsService(opts.settingsStore, (prefs) => bus.emit('desktop:changed', prefs));

  const handlers: Handlers = {
    'app:info': () => ({ version: opts.version, shell: opts.shell, dataDir: opts.dataDir, locale: opts.locale ?? null }),
    'providers:list': () => providerInfos(),
    'accounts:list': () => accounts.list(),
    'accounts:create': async (input) => {
      const account = await accounts.create(input);
      void webhooks.register(account.id).catch(() => undefined);
      return account;
    },
    'accounts:update': async (input) => {
      const account = await accounts.update(input);
      void webhooks.register(account.id).catch(() => undefined);
      return account;
    },
    'accounts:remove': async ({ id }) => ({ removed: await accounts.remove(id) }),
    'accounts:testConnection': ({ id }) => accounts.testConnection(id),
    'instances:list': ({ accountId }) => instances.list(accountId),
    'instances:create': ({ accountId }) => instances.create(accountId),
    'instances:qr': ({ id }) => instances.qr(id),
    'instances:refresh': ({ id }) => instances.refresh(id),
    'instances:logout': ({ id }) => instances.logout(id),
    'instances:delete': async ({ id }) => ({ removed: await instances.remove(id) }),
    'webhooks:status': () => webhooks.status(),
    'webhooks:register': async ({ accountId }) => {
      await webhooks.register(accountId);
      return webhooks.status();
    },
    'webhooks:tunnel': ({ enabled, authtoken }) => webhooks.configureTunnel(enabled, authtoken),
    'webhooks:unparsed': () => webhooks.unparsed(),
    'webhooks:replay': ({ id }) => webhooks.replay(id),
    'webhooks:testEvent': ({ accountId }) => webhooks.sendTestEvent(accountId),
    'threads:list': ({ search }) => inbox.threads(search),
    'threads:messages': ({ threadId }) => inbox.messages(threadId),
    'threads:page': (input) => pages.threads(input),
    'threads:get': ({ ids }) => pages.byIds(ids),
    'threads:counts': () => ({ unreadByAccount: pages.unreadByAccount() }),
    'messages:page': ({ threadId, ...opts }) => {
      if (!conversations.thread(threadId)) throw new AppFailure('not_found', 'That conversation no longer exists.').keyed('errors.notFound.thatConversation');
      return pages.messages(threadId, opts);
    },
    'messages:around': ({ messageId, limit }) => pages.around(messageId, limit),
    'search:messages': ({ query, threadId, limit }) => search.search(query, { threadId, limit }, (id) => conversations.thread(id) !== undefined),
    'threads:markRead': ({ threadId }) => inbox.markRead(threadId),
    'threads:rename': ({ threadId, title }) => inbox.rename(threadId, title),
    'threads:start': ({ accountId, phone, name }) => inbox.startThread(accountId, phone, name),
    'messages:sendText': ({ threadId, text }) => inbox.reply(threadId, { kind: 'text', text }),
    'messages:send': ({ threadId, message }) => inbox.reply(threadId, message),
    'messages:retry': ({ id }) => outbox.retry(id),
    'messages:cancel': ({ id }) => inbox.cancel(id),
    'messages:settle': ({ id, outcome }) => inbox.settle(id, outcome),
    'media:stage': ({ fileName, dataBase64, threadId }) => media.stage(fileName, dataBase64, threadId ? (file) => inbox.checkAttachment(threadId, file) : undefined),
    'media:discard': async ({ fileId }) => ({ removed: await media.discard(fileId) }),
    'media:read': ({ messageId }) => media.read(messageId),
    'media:retryDownload': ({ messageId }) => media.retryDownload(messageId),
    'outbox:list': () => outboxRepo.unsettled().map((id) => conversations.message(id)!),
    'pacing:get': ({ accountId }) => pacing.get(accountId, accounts.get(accountId).provider),
    'pacing:set': ({ accountId, rule }) => {
      const provider = accounts.get(accountId).provider;
      pacing.set(accountId, rule);
      pacer.reset(accountId);
      return pacing.get(accountId, provider);
    },
    'templates:list': ({ accountId }) => templates.list(accountId),
    'templates:sync': ({ accountId }) => templates.sync(accountId),
    'templates:save': (input) => templates.save(input),
    'templates:remove': async ({ id }) => ({ removed: templates.remove(id) }),
    'lines:list': ({ accountId }) => lines.list(accountId),
    'lines:create': ({ accountId, input }) => lines.create(accountId, input),
    'lines:select': ({ accountId, lineId }) => lines.select(accountId, lineId),
    'botSettings:get': ({ instanceId }) => instances.botSettings(instanceId),
    'botSettings:update': ({ instanceId, section, values }) => instances.updateBotSettings(instanceId, section, values),
    'autoReply:test': (input) => inbox.testAutoReply(input.accountId, input),
    'reports:refresh': async ({ accountId }) => ({ updated: await reports.refresh(accountId) }),
    ...broadcastHandlers(broadcasts),
    ...desktopHandlers(desktop, opts.notify),
    'settings:get': () => settings.get(),
    'settings:update': async (patch) => {
      const before = settings.get();
      const next = settings.update(patch);
      if (next.listenerPort !== before.listenerPort || next.publicBaseUrl !== before.publicBaseUrl || next.tunnelEnabled !== before.tunnelEnabled) await webhooks.restart();
      return next;
    },
  };

  return {
    bus,
    handlers,
    db,
    webhooks,
    outbox,
    media,
    broadcasts,
    desktop,
    start: async () => {
      await media.start();
      await webhooks.start();
      outbox.start();
      broadcasts.start();
      reports.start();
      instances.start();
      search.start();
    },
    stop: async () => {
      search.stop();
      broadcasts.stop();
      await outbox.stop();
      reports.stop();
      instances.stop();
      await webhooks.stop();
      await media.stop();
      db.close();
    },
  };
}
