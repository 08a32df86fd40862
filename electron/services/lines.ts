// The line an account sends through, picked from the provider: a Qontak channel integration, an
// Infobip OMNI scenario. The choice is saved in the account's config under the provider's key.
import type { Account, Line } from '../../shared/model';
import type { AccountsService } from './accounts';
import { AppFailure } from './errors';
import type { LineInfo, LineOps } from './providers/types';

const toLine = (l: LineInfo): Line => ({ id: l.id, label: l.label, detail: l.detail ?? null, isDefault: l.isDefault ?? false });

export class LinesService {
  constructor(private readonly accounts: AccountsService) {}

  async list(accountId: string): Promise<{ configKey: string; selected: string | null; lines: Line[] }> {
    const { ops, ctx, account } = await this.ops(accountId);
    const lines = (await ops.list(ctx)).map(toLine);
    return { configKey: ops.configKey, selected: account.config[ops.configKey] ?? null, lines };
  }

  async create(accountId: string, input: Record<string, string | boolean>): Promise<Line> {
    const { ops, ctx, name } = await this.ops(accountId);
    if (!ops.create) throw new AppFailure('validation', `${name} lines are created in the provider's dashboard.`).keyed('errors.lines.createdInDashboard', { provider: name });
    return toLine(await ops.create(ctx, input));
  }

  async select(accountId: string, lineId: string): Promise<Account> {
    const { ops } = await this.ops(accountId);
    const { lines } = await this.list(accountId);
    if (!lines.some((l) => l.id === lineId)) throw new AppFailure('validation', 'That line is not on this account any more. Refresh the list and pick again.').keyed('errors.lines.gone');
    return this.accounts.setConfigValue(accountId, ops.configKey, lineId);
  }

  private async ops(accountId: string): Promise<{ ops: LineOps; ctx: Awaited<ReturnType<AccountsService['handle']>>['ctx']; account: Account; name: string }> {
    const { adapter, ctx, account } = await this.accounts.handle(accountId);
    if (!adapter.lines) throw new AppFailure('validation', `${adapter.info.name} accounts have no lines to pick.`).keyed('errors.lines.none', { provider: adapter.info.name });
    return { ops: adapter.lines, ctx, account, name: adapter.info.name };
  }
}
