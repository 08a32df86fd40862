// Quitting while delivery reports are being fetched: the provider's late answer must not reach the
// store, which is closed right after (seen in CI as "The database connection is not open").
import { describe, expect, it } from 'vitest';
import type { AccountsService } from '../../electron/services/accounts';
import type { EventBus } from '../../electron/services/events';
import type { InboxService } from '../../electron/services/inbox';
import { silentLogger } from '../../electron/services/log';
import { ReportsService } from '../../electron/services/reports';
import type { ConversationsRepo } from '../../electron/services/store/conversations';
import type { OutboxRepo } from '../../electron/services/store/outbox';

describe('delivery reports when the app stops', () => {
  it('drops an answer that comes after stop() instead of writing to the closed store', async () => {
    let answer!: (statuses: unknown[]) => void;
    const closed: string[] = [];
    const touch = (what: string) => () => {
      closed.push(what);
      throw new TypeError('The database connection is not open');
    };
    const adapter = { reports: { poll: () => new Promise<unknown[]>((resolve) => (answer = resolve)) } };
    const accounts = {
      list: () => [{ id: 'a1' }],
      adapterOf: () => adapter,
      handle: async () => ({ adapter, ctx: {} }),
      noteSuccess: touch('account status'),
      noteFailure: touch('account status'),
    } as unknown as AccountsService;
    const inbox = { applyStatus: touch('message status') } as unknown as InboxService;
    const reports = new ReportsService(accounts, inbox, {} as ConversationsRepo, {} as OutboxRepo, { emit: () => undefined } as unknown as EventBus, silentLogger);

    reports.start(60_000);
    const polling = reports.refreshAll();
    await new Promise((r) => setTimeout(r, 10));
    reports.stop();
    answer([{ providerMessageId: 'm1', status: 'delivered', at: Date.now() }]);
    await expect(polling).resolves.toBeUndefined();
    expect(closed).toEqual([]);
  });
});
