// QR-linked instances: create at the provider, show the QR until the phone scans it, notice the
// connection, log out or delete.
import { randomUUID } from 'node:crypto';
import type { Instance, QrCode } from '../../shared/model';
import type { AccountsService } from './accounts';
import { AppFailure, notFound } from './errors';
import type { EventBus } from './events';
import type { BotSettingsSection, InstanceOps } from './providers/types';
import type { InstancesRepo } from './store/instances';

export interface WebhookUrls {
  urlFor(accountId: string): Promise<string | null>;
  registerInstance(accountId: string, instance: Instance): Promise<void>;
}

export class InstancesService {
  /** The code last shown per instance and when it stops being valid (see qrExpiry). */
  private readonly shownQr = new Map<string, { dataUrl: string; expiresAt: number }>();
  private checkTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: InstancesRepo,
    private readonly accounts: AccountsService,
    private readonly webhooks: WebhookUrls,
    private readonly bus: EventBus,
  ) {}

  list(accountId?: string): Instance[] {
    return this.repo.list(accountId);
  }

  async create(accountId: string): Promise<Instance> {
    const { ops, ctx } = await this.opsFor(accountId);
    const ref = await ops.create(ctx);
    await this.accounts.saveInstanceToken(accountId, ref.sessionId, ref.accessToken);
    const inst = this.repo.insert({ id: randomUUID(), accountId, providerId: ref.providerId, sessionId: ref.sessionId, state: 'created' });
    this.publish(inst);
    return this.initialise(inst);
  }

  async qr(id: string): Promise<QrCode> {
    let inst = this.get(id);
    if (inst.state === 'created' || inst.state === 'logged_out') inst = await this.initialise(inst);
    const { ops, ctx } = await this.opsFor(inst.accountId);
    const ref = await this.accounts.instanceRef(inst.accountId, inst);
    const qr = await this.outcome(inst.accountId, ops.qr(ctx, ref));
    if (qr.kind === 'connected') {
      this.shownQr.delete(id);
      const done = await this.refresh(id);
      if (done.state === 'connected') return { kind: 'connected', phone: done.phone, displayName: done.displayName };
      throw new AppFailure('unexpected_response', 'The gateway has no QR code to show but does not report the phone as connected either. Try again in a few seconds.').keyed('errors.instances.noQr');
    }
    if (inst.state !== 'waiting_qr') this.publish(this.repo.update(id, { state: 'waiting_qr', lastError: null }));
    return { kind: 'qr', dataUrl: qr.dataUrl!, expiresAt: this.qrExpiry(id, qr.dataUrl!, qr.ttlMs ?? 20_000) };
  }

  /**
   * The screen polls every few seconds and gets the same code until the provider rotates it, so
   * a code's lifetime runs from when it first appeared, not from each poll (else the countdown
   * would restart on every poll).
   */
  private qrExpiry(id: string, dataUrl: string, ttlMs: number): number {
    const now = Date.now();
    const shown = this.shownQr.get(id);
    if (shown && shown.dataUrl === dataUrl && shown.expiresAt > now) return shown.expiresAt;
    const expiresAt = now + ttlMs;
    this.shownQr.set(id, { dataUrl, expiresAt });
    return expiresAt;
  }

  /** Checks every linked phone now and then, so a phone logged out from WhatsApp shows on the account's dot. */
  start(intervalMs = 120_000): void {
    this.stop();
    this.checkTimer = setInterval(() => void this.checkConnected(), intervalMs);
    this.checkTimer.unref();
  }

  stop(): void {
    if (this.checkTimer) clearInterval(this.checkTimer);
    this.checkTimer = null;
  }

  async checkConnected(): Promise<void> {
    for (const inst of this.repo.list()) {
      if (inst.state === 'connected') await this.refresh(inst.id).catch(() => undefined);
    }
  }

  async refresh(id: string): Promise<Instance> {
    const inst = this.get(id);
    const { ops, ctx } = await this.opsFor(inst.accountId);
    const info = await this.outcome(inst.accountId, ops.info(ctx, await this.accounts.instanceRef(inst.accountId, inst)));
    const wasConnected = inst.state === 'connected';
    const state = info.connected ? 'connected' : inst.state === 'connected' ? 'logged_out' : inst.state;
    const next = this.repo.update(id, { state, phone: info.phone ?? (info.connected ? inst.phone : null), displayName: info.name ?? (info.connected ? inst.displayName : null), lastError: null })!;
    this.publish(next);
    // The provider answered: whatever the dot said before (unreachable, rejected) is now stale.
    this.updateAccountStatus(inst.accountId);
    if (info.connected && !wasConnected) await this.webhooks.registerInstance(inst.accountId, next).catch(() => undefined);
    return next;
  }

  async logout(id: string): Promise<Instance> {
    const inst = this.get(id);
    const { ops, ctx } = await this.opsFor(inst.accountId);
    await ops.logout(ctx, await this.accounts.instanceRef(inst.accountId, inst));
    const next = this.repo.update(id, { state: 'logged_out', phone: null, displayName: null, lastError: null })!;
    this.publish(next);
    this.updateAccountStatus(inst.accountId);
    return next;
  }

  async remove(id: string): Promise<boolean> {
    const inst = this.get(id);
    const { ops, ctx } = await this.opsFor(inst.accountId);
    await ops.remove(ctx, await this.accounts.instanceRef(inst.accountId, inst));
    const removed = this.repo.remove(id);
    this.shownQr.delete(id);
    this.bus.emit('instances:removed', { id });
    this.updateAccountStatus(inst.accountId);
    return removed;
  }

  /** The instance's bot settings as the provider holds them (from its instance list). */
  async botSettings(id: string): Promise<Record<string, unknown>> {
    const inst = this.get(id);
    const { ops, ctx } = await this.opsFor(inst.accountId);
    if (!ops.list) throw new AppFailure('validation', 'This provider does not report instance settings.').keyed('errors.instances.noSettings');
    const remote = (await ops.list(ctx)).find((r) => r.sessionId === inst.sessionId);
    if (!remote) throw new AppFailure('not_found', 'The gateway no longer lists this instance. It may have been deleted in its dashboard.').keyed('errors.instances.gone');
    return remote.settings;
  }

  async updateBotSettings(id: string, section: BotSettingsSection, values: Record<string, string | boolean>): Promise<Record<string, unknown>> {
    const inst = this.get(id);
    const { adapter, ctx } = await this.accounts.handle(inst.accountId);
    if (!adapter.botSettings) throw new AppFailure('validation', `${adapter.info.name} accounts have no bot settings.`).keyed('errors.instances.noBotSettings', { provider: adapter.info.name });
    await adapter.botSettings.update(ctx, await this.accounts.instanceRef(inst.accountId, inst), section, values);
    return this.botSettings(id);
  }

  /** Starts the instance at the provider with our webhook URL, so it can show a QR. */
  private async initialise(inst: Instance): Promise<Instance> {
    const { ops, ctx } = await this.opsFor(inst.accountId);
    const ref = await this.accounts.instanceRef(inst.accountId, inst);
    await ops.init(ctx, ref, await this.webhooks.urlFor(inst.accountId));
    const next = this.repo.update(inst.id, { state: 'waiting_qr', lastError: null })!;
    this.publish(next);
    this.updateAccountStatus(inst.accountId);
    await this.webhooks.registerInstance(inst.accountId, next).catch(() => undefined);
    return next;
  }

  private updateAccountStatus(accountId: string): void {
    this.accounts.noteSuccess(accountId);
  }

  /** A provider call whose failure (unreachable, credentials rejected) is shown on the account's dot. */
  private async outcome<T>(accountId: string, call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (err) {
      this.accounts.noteFailure(accountId, err);
      throw err;
    }
  }

  private async opsFor(accountId: string): Promise<{ ops: InstanceOps; ctx: Awaited<ReturnType<AccountsService['handle']>>['ctx'] }> {
    const { adapter, ctx } = await this.accounts.handle(accountId);
    if (!adapter.instances) throw new AppFailure('validation', `${adapter.info.name} accounts do not use QR instances.`).keyed('errors.instances.noQrInstances', { provider: adapter.info.name });
    return { ops: adapter.instances, ctx };
  }

  private get(id: string): Instance {
    const i = this.repo.get(id);
    if (!i) throw notFound('This instance');
    return i;
  }

  private publish(i: Instance | undefined): void {
    if (i) this.bus.emit('instances:changed', i);
  }
}
