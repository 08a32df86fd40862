// Threads and messages: inbound provider events become contacts, threads and messages; operator
// replies are stored before they leave and follow the one delivery lifecycle.
import type { Message, Thread } from '../../shared/model';
import { formatPhone } from '../../shared/phone';
import type { AccountsService } from './accounts';
import { AppFailure, notFound } from './errors';
import type { EventBus } from './events';
import type { InboundMessage } from './providers/types';
import type { ConversationsRepo } from './store/conversations';
import type { InstancesRepo } from './store/instances';

export class InboxService {
  constructor(
    private readonly repo: ConversationsRepo,
    private readonly instances: InstancesRepo,
    private readonly accounts: AccountsService,
    private readonly bus: EventBus,
  ) {}

  threads(search?: string): Thread[] {
    return this.repo.listThreads(search);
  }

  messages(threadId: string): Message[] {
    this.thread(threadId);
    return this.repo.listMessages(threadId);
  }

  markRead(threadId: string): Thread {
    this.thread(threadId);
    const t = this.repo.markRead(threadId)!;
    this.bus.emit('threads:changed', t);
    return t;
  }

  /** Applies one parsed inbound message; a repeat of a stored provider message id changes nothing. */
  applyInbound(accountId: string, m: InboundMessage): void {
    const instanceId = m.sessionId ? (this.instances.bySession(accountId, m.sessionId)?.id ?? null) : null;
    const key = { accountId, instanceId, peerId: m.peerId };
    const existing = this.repo.threadByKey(key);
    const personName = m.fromMe ? null : m.senderName;
    const title = m.isGroup
      ? (m.groupName ?? existing?.title ?? `Group ${m.peerId.split('@')[0]}`)
      : (personName ?? existing?.title ?? formatPhone(m.peerId));
    if (!m.isGroup) this.repo.upsertContact(accountId, m.peerId, m.senderPhone ?? m.peerId, personName);
    else if (m.senderPhone && !m.fromMe) this.repo.upsertContact(accountId, `${m.senderPhone}`, m.senderPhone, m.senderName);
    const thread = this.repo.upsertThread(key, { title, phone: m.isGroup ? null : m.peerId, isGroup: m.isGroup, at: m.at });
    const stored = this.repo.insertMessage({
      accountId,
      threadId: thread.id,
      direction: m.fromMe ? 'out' : 'in',
      kind: m.kind,
      text: m.text,
      author: m.isGroup && !m.fromMe ? (m.senderName ?? (m.senderPhone ? formatPhone(m.senderPhone) : null)) : null,
      providerMessageId: m.providerMessageId,
      status: m.fromMe ? 'sent' : 'received',
      at: m.at,
    });
    if (!stored) return;
    this.bus.emit('messages:changed', stored.message);
    this.bus.emit('threads:changed', stored.thread);
  }

  /** Stores the reply as queued, then sends it; the returned message carries the outcome. */
  async sendText(threadId: string, text: string): Promise<Message> {
    const thread = this.thread(threadId);
    const { adapter, ctx } = await this.accounts.handle(thread.accountId);
    if (!adapter.info.capabilities.includes('text')) throw new AppFailure('validation', 'This account cannot send text messages.');
    const instRow = thread.instanceId ? this.instances.get(thread.instanceId) : undefined;
    if (adapter.instances && !instRow) throw new AppFailure('validation', 'The WhatsApp instance this conversation came through no longer exists, so the reply cannot be sent.');
    const instance = instRow ? await this.accounts.instanceRef(thread.accountId, instRow) : undefined;

    const stored = this.repo.insertMessage({ accountId: thread.accountId, threadId, direction: 'out', kind: 'text', text, status: 'queued', at: Date.now() })!;
    this.bus.emit('threads:changed', stored.thread);
    this.publish(stored.message);
    this.publish(this.repo.setStatus(stored.message.id, 'sending'));
    try {
      const { providerMessageId } = await adapter.send(ctx, { peerId: thread.peerId, isGroup: thread.isGroup, instance }, { kind: 'text', text });
      this.publish(this.repo.setStatus(stored.message.id, 'sent', { providerMessageId }));
    } catch (err) {
      const failure = err instanceof AppFailure ? err : new AppFailure('internal', String(err));
      const reason = failure.detail ? `${failure.message} (${failure.detail})` : failure.message;
      this.publish(this.repo.setStatus(stored.message.id, 'failed', { error: reason, permanent: failure.code !== 'unreachable' }));
    }
    return this.repo.message(stored.message.id)!;
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
