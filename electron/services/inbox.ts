// Threads and messages: inbound provider events become contacts, threads and messages; operator
// messages are stored before they leave and follow the one delivery lifecycle; status reports
// from any source move them forward.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import type { OutgoingInput, StagedFile } from '../../shared/ipc';
import { templateBlockedReason, templateStatusWords } from '../../shared/template-status';
import type { Message, Thread, Wording } from '../../shared/model';
import { formatPhone } from '../../shared/phone';
import type { AccountsService } from './accounts';
import { AppFailure, notFound } from './errors';
import type { EventBus } from './events';
import { checkSendable } from './media/limits';
import type { MediaService } from './media/service';
import { describeType } from './media/sniff';
import type { Outbox } from './outbox/outbox';
import { prepareOutgoing, type Attachment } from './outgoing';
import type { InboundMessage, InboundStatus } from './providers/types';
import { CANCELLED_BY_YOU, CANCELLED_BY_YOU_WORDING, MARKED_NOT_SENT, MARKED_NOT_SENT_WORDING, NO_SENDER_NUMBER, NO_SENDER_NUMBER_WORDING, type ConversationsRepo } from './store/conversations';
import type { InstancesRepo } from './store/instances';
import type { TemplatesRepo } from './store/templates';
import { defaultGroupTitle } from '../../shared/thread-title';


/** How far apart a provider's id-less re-delivery of one message may arrive (see applyInbound). */
export const IDLESS_REDELIVERY_WINDOW_MS = 2 * 60_000;

/** Which errors.templates.blocked.* words a template's status: the known ones by name, any other with its status. */
function blockedKind(status: string | null): 'pending' | 'rejected' | 'paused' | 'disabled' | 'other' {
  const words = templateStatusWords(status);
  if (words === 'pending approval') return 'pending';
  return words === 'rejected' || words === 'paused' || words === 'disabled' ? words : 'other';
}

const echoKey = (accountId: string, name: string, text: string): string => JSON.stringify([accountId, name.trim(), text.trim()]);

/**
 * Providers that stamp whole seconds (mconnect) make threads of one second tie; the milliseconds
 * since that second at arrival keep the later arrival on top without changing the shown time.
 */
export function arrivalOrdered(at: number, now = Date.now()): number {
  return at % 1000 === 0 && now >= at ? at + Math.min(999, now - at) : at;
}

export class InboxService {
  constructor(
    private readonly repo: ConversationsRepo,
    private readonly instances: InstancesRepo,
    private readonly templates: TemplatesRepo,
    private readonly accounts: AccountsService,
    private readonly bus: EventBus,
    private readonly defaultCountry: () => string,
    private readonly outbox: Outbox,
    /** Files in and out; without it, files from this computer cannot be sent and received ones stay links. */
    private readonly media?: Pick<MediaService, 'staged' | 'attach' | 'hasPublicAddress' | 'inboundArrived'>,
  ) {}

  threads(search?: string): Thread[] {
    return this.repo.listThreads(search);
  }

  messages(threadId: string): Message[] {
    this.thread(threadId);
    return this.repo.listMessages(threadId);
  }

  rename(threadId: string, title: string): Thread {
    this.thread(threadId);
    const t = this.repo.rename(threadId, title.trim() || null)!;
    this.bus.emit('threads:changed', t);
    return t;
  }

  markRead(threadId: string): Thread {
    this.thread(threadId);
    const t = this.repo.markRead(threadId)!;
    this.bus.emit('threads:changed', t);
    return t;
  }

  /**
   * Opens (or finds) a conversation with a phone number, read in the default country when it has no
   * +code. A broadcast's thread that is new stays out of the conversation list until the customer
   * answers; the operator opening one makes it a conversation.
   */
  startThread(accountId: string, phone: string, name?: string, opts: { broadcast?: boolean } = {}): Thread {
    const account = this.accounts.get(accountId);
    const parsed = parsePhoneNumberFromString(phone, this.defaultCountry() as CountryCode);
    if (!parsed?.isValid()) {
      throw new AppFailure('validation', `"${phone}" is not a valid phone number. Include the country code (for example +62 812 3456 7890) or set the default country in Settings.`).keyed('errors.send.invalidPhone', { phone });
    }
    const digits = parsed.number.slice(1);
    const instances = this.accounts.adapterOf(account).instances ? this.instances.list(accountId) : [];
    const instance = instances.find((i) => i.state === 'connected') ?? instances[0];
    if (this.accounts.adapterOf(account).instances && !instance) throw new AppFailure('validation', 'Link a phone under Instances first: this account sends through a WhatsApp instance.').keyed('errors.inbox.linkPhoneFirst');
    const key = { accountId, instanceId: instance?.id ?? null, peerId: digits };
    const existing = this.repo.threadByKey(key);
    let thread = this.repo.upsertThread(key, { title: name?.trim() || existing?.title || formatPhone(digits), phone: digits, isGroup: false, at: existing?.lastAt ?? Date.now() });
    this.repo.upsertContact(accountId, digits, digits, name?.trim() || null);
    if (opts.broadcast) thread = this.repo.markBroadcastOnly(thread.id, !existing) ?? thread;
    else if (thread.broadcastOnly) {
      this.repo.clearBroadcastOnly(thread.id);
      thread = this.repo.thread(thread.id) ?? thread;
    }
    this.bus.emit('threads:changed', thread);
    return thread;
  }

  /** Messages an auto-reply test will make the provider post back to us, until when (see testAutoReply). */
  private readonly testEchoes = new Map<string, number>();

  /**
   * Replays a customer message at the provider to see its auto-reply (Omnichat). The number is
   * read like any other (a local 0812… in the default country), and the provider posting the test
   * message back to our webhook does not become a conversation.
   */
  async testAutoReply(accountId: string, input: { from: string; fromName: string; message: string }): Promise<{ reply: string | null; receiver: string | null }> {
    const { adapter, ctx } = await this.accounts.handle(accountId);
    if (!adapter.autoReply) throw new AppFailure('validation', `${adapter.info.name} has no auto-reply test.`).keyed('errors.inbox.noAutoReplyTest', { provider: adapter.info.name });
    const parsed = parsePhoneNumberFromString(input.from, this.defaultCountry() as CountryCode);
    if (!parsed?.isValid()) throw new AppFailure('validation', `"${input.from}" is not a valid phone number. Include the country code (for example +62 812 3456 7890) or set the default country in Settings.`).keyed('errors.send.invalidPhone', { phone: input.from });
    const now = Date.now();
    for (const [k, until] of this.testEchoes) if (until < now) this.testEchoes.delete(k);
    this.testEchoes.set(echoKey(accountId, input.fromName, input.message), now + IDLESS_REDELIVERY_WINDOW_MS);
    return adapter.autoReply.test(ctx, { ...input, from: parsed.number.slice(1) });
  }

  private isTestEcho(accountId: string, m: InboundMessage): boolean {
    if (m.fromMe || this.testEchoes.size === 0) return false;
    const until = this.testEchoes.get(echoKey(accountId, m.senderName ?? '', m.text ?? ''));
    return until !== undefined && until >= Date.now();
  }

  /** Applies one parsed inbound message; a repeat of a stored provider message id changes nothing. */
  applyInbound(accountId: string, m: InboundMessage, rawEventId: number): void {
    if (this.isTestEcho(accountId, m)) return;
    const at = arrivalOrdered(m.at);
    const instanceId = m.sessionId ? (this.instances.bySession(accountId, m.sessionId)?.id ?? null) : null;
    const key = { accountId, instanceId, peerId: m.peerId };
    const existing = this.repo.threadByKey(key);
    const personName = m.fromMe ? null : m.senderName;
    const title = m.isGroup ? (m.groupName ?? existing?.title ?? defaultGroupTitle(m.peerId)) : (personName ?? existing?.title ?? formatPhone(m.peerId));
    if (!m.isGroup && (m.senderPhone || /^\d+$/.test(m.peerId))) this.repo.upsertContact(accountId, m.peerId, m.senderPhone ?? m.peerId, personName);
    else if (m.senderPhone && !m.fromMe) this.repo.upsertContact(accountId, m.senderPhone, m.senderPhone, m.senderName);
    const thread = this.repo.upsertThread(key, {
      title,
      phone: m.isGroup ? null : (m.senderPhone ?? (/^\d+$/.test(m.peerId) ? m.peerId : null)),
      isGroup: m.isGroup,
      at,
      avatarUrl: m.isGroup ? (m.groupIconUrl ?? null) : (m.senderAvatarUrl ?? null),
      notReplyableReason: m.replyable === false ? NO_SENDER_NUMBER : null,
      notReplyableWording: m.replyable === false ? NO_SENDER_NUMBER_WORDING : null,
    });
    // Free replies go into the provider's conversation (Qontak room), so the latest one is kept.
    if (m.conversation && !m.fromMe) this.repo.setConversationRef(thread.id, m.conversation);
    const message = {
      accountId,
      threadId: thread.id,
      direction: m.fromMe ? ('out' as const) : ('in' as const),
      kind: m.kind,
      text: m.text,
      author: m.isGroup && !m.fromMe ? (m.senderName ?? (m.senderPhone ? formatPhone(m.senderPhone) : null)) : null,
      // Without a provider id, the webhook request itself is the identity: stored once per request.
      providerMessageId: m.providerMessageId ?? `raw:${rawEventId}`,
      status: m.fromMe ? ('sent' as const) : ('received' as const),
      at,
      media: m.media
        ? { kind: m.media.kind, url: m.media.url, mimeType: m.media.mimeType ?? null, fileName: m.media.fileName ?? null, state: this.media ? ('pending' as const) : ('none' as const), size: m.media.size ?? null, error: null }
        : null,
    };
    // A provider that sends no id (Omnichat's webhook_text) re-delivers the same message as a new
    // request: the same content from the same sender within the window is taken as that re-delivery.
    // The cost, written down: a customer who sends the very same words twice within the window
    // through such a provider shows once.
    if (!m.providerMessageId && this.repo.idlessTwin(message, IDLESS_REDELIVERY_WINDOW_MS)) return;
    const stored = this.repo.insertMessage(message);
    if (!stored) return;
    if (m.media && this.media) this.media.inboundArrived(stored.message.id, m.media);
    this.bus.emit('messages:changed', m.media && this.media ? (this.repo.message(stored.message.id) ?? stored.message) : stored.message);
    this.bus.emit('threads:changed', stored.thread);
  }

  /** A delivery report from a webhook, a poll or a lookup; unknown ids and backward moves change nothing. */
  applyStatus(accountId: string, s: InboundStatus): boolean {
    let m = this.repo.messageByProviderRef(accountId, s.providerMessageId);
    // A report naming no id we stored, only the recipient (Qontak webhooks): see InboundStatus.recipient.
    if (!m && s.recipient) m = this.repo.adoptProviderId(accountId, s.recipient, s.providerMessageId, { template: s.recipientTemplate ?? null, at: s.at });
    if (!m || m.direction !== 'out') return false;
    const next = this.repo.setStatus(m.id, s.status, { error: s.error ?? null, errorWording: s.errorWording ?? null, permanent: s.permanent ?? null, channel: s.channel ?? null, price: s.price ?? null });
    this.publish(next);
    return next !== undefined;
  }

  sendText(threadId: string, text: string): Message {
    return this.send(threadId, { kind: 'text', text });
  }

  /** What the operator sends. Writing to a broadcast recipient makes them a conversation. */
  reply(threadId: string, input: OutgoingInput): Message {
    const message = this.send(threadId, input);
    if (this.repo.thread(threadId)?.broadcastOnly) {
      this.repo.clearBroadcastOnly(threadId);
      this.bus.emit('threads:changed', this.repo.thread(threadId)!);
    }
    return message;
  }

  /**
   * Checks the message against the provider, stores it as queued with its content and hands it
   * to the outbox. Returns at once; the outbox reports progress as messages:changed events.
   */
  send(threadId: string, input: OutgoingInput): Message {
    const thread = this.thread(threadId);
    if (!thread.replyable) {
      // Worded like the banner: by the reason's own wording; an older reason without one as it is.
      const wording = thread.notReplyableWording;
      throw thread.notReplyableReason && !wording
        ? new AppFailure('validation', thread.notReplyableReason)
        : new AppFailure('validation', thread.notReplyableReason ?? 'This conversation cannot be answered from Switchboard.').keyed(wording?.key ?? 'errors.inbox.notReplyable', wording?.params);
    }
    const account = this.accounts.get(thread.accountId);
    const adapter = this.accounts.adapterOf(account);
    const template = input.kind === 'template' ? (this.templates.get(input.templateId) ?? null) : null;
    if (template && template.accountId !== thread.accountId) throw new AppFailure('validation', 'That template belongs to another account.').keyed('errors.send.templateOtherAccount');
    const blocked = template && templateBlockedReason(template);
    if (blocked) throw new AppFailure('validation', blocked).keyed(`errors.templates.blocked.${blockedKind(template.status)}`, { name: template.name, status: templateStatusWords(template.status) ?? '' });
    const fileId = input.kind === 'media' ? input.fileId : undefined;
    const attachment: Attachment | undefined = fileId ? { staged: this.stagedOrNull(fileId), publicAddress: this.media?.hasPublicAddress() ?? false } : undefined;
    const prepared = prepareOutgoing(adapter.info, input, template, attachment);
    if (adapter.instances && !(thread.instanceId && this.instances.get(thread.instanceId))) {
      throw new AppFailure('validation', 'The WhatsApp instance this conversation came through no longer exists, so the message cannot be sent.').keyed('errors.inbox.instanceGone');
    }
    // The message, its file and what to send in one transaction: a crash in between would leave a
    // queued message without a payload, which the outbox could never send.
    const stored = this.repo.atomically(() => {
      const s = this.repo.insertMessage({ accountId: thread.accountId, threadId, direction: 'out', kind: prepared.kind, text: prepared.text, media: prepared.media, status: 'queued', at: Date.now() })!;
      const message = fileId && prepared.message.kind === 'media' ? { ...prepared.message, source: this.media!.attach(fileId, s.message.id) } : prepared.message;
      this.outbox.store(s.message.id, message);
      return s;
    });
    this.outbox.kick();
    this.bus.emit('threads:changed', stored.thread);
    const queued = this.repo.message(stored.message.id)!;
    this.publish(queued);
    return queued;
  }

  /** A just-staged file against the conversation's provider, so the operator hears of a problem on attaching. */
  checkAttachment(threadId: string, file: StagedFile): void {
    const thread = this.thread(threadId);
    const info = this.accounts.adapterOf(this.accounts.get(thread.accountId)).info;
    checkSendable(info, file.kind, { mimeType: file.mimeType, size: file.size, label: describeType(file.mimeType) }, { publicAddress: this.media?.hasPublicAddress() ?? false });
  }

  private stagedOrNull(fileId: string): Attachment['staged'] {
    try {
      return this.media?.staged(fileId) ?? null;
    } catch {
      return null;
    }
  }

  /** queued → failed at the operator's request; a message on the wire cannot be called back. */
  cancel(messageId: string, reason = CANCELLED_BY_YOU, wording: Wording | null = reason === CANCELLED_BY_YOU ? CANCELLED_BY_YOU_WORDING : null): Message {
    const m = this.outgoing(messageId);
    if (m.status === 'sending') throw new AppFailure('conflict', 'This message is being handed to the provider right now and can no longer be stopped.').keyed('errors.inbox.alreadySending');
    if (m.status !== 'queued') throw new AppFailure('conflict', 'Only a message that is still waiting to be sent can be cancelled.').keyed('errors.inbox.onlyQueuedCancel');
    const next = this.repo.setStatus(messageId, 'cancelled', { error: reason, errorWording: wording });
    if (!next) throw new AppFailure('conflict', 'The message changed meanwhile; look at it again.').keyed('errors.inbox.messageChanged');
    this.publish(next);
    return next;
  }

  /** The operator settles a message in doubt: it did arrive (markSent) or it did not (markFailed). */
  settle(messageId: string, outcome: 'markSent' | 'markFailed'): Message {
    const m = this.outgoing(messageId);
    if (m.status !== 'in_doubt') throw new AppFailure('conflict', 'Only a message in doubt can be settled by hand.').keyed('errors.inbox.onlyInDoubt');
    const next =
      outcome === 'markSent'
        ? this.repo.setStatus(messageId, 'sent')
        : this.repo.setStatus(messageId, 'failed', { error: MARKED_NOT_SENT, errorWording: MARKED_NOT_SENT_WORDING, permanent: true });
    this.publish(next);
    return this.repo.message(messageId)!;
  }

  private outgoing(id: string): Message {
    const m = this.repo.message(id);
    if (!m || m.direction !== 'out') throw notFound('This message');
    return m;
  }

  private publish(m: Message | undefined): void {
    if (m) this.bus.emit('messages:changed', m);
  }

  private thread(id: string): Thread {
    const t = this.repo.thread(id);
    if (!t) throw notFound('This conversation');
    return t;
  }
}
