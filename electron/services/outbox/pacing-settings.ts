// Per-account pacing chosen by the operator, over the provider's default.
import type { PacingRule, ProviderId } from '../../../shared/model';
import { PacingRule as PacingRuleSchema } from '../../../shared/model';
import type { KeyValueStore } from '../settings';
import { defaultPacing } from './pacing';

const KEY = 'pacing';

export class PacingSettings {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly defaults: (provider: ProviderId) => PacingRule = (p) => defaultPacing[p],
  ) {}

  private all(): Record<string, PacingRule> {
    const v = this.kv.get(KEY);
    return v && typeof v === 'object' ? (v as Record<string, PacingRule>) : {};
  }

  get(accountId: string, provider: ProviderId): { rule: PacingRule; defaultRule: PacingRule; custom: boolean } {
    const defaultRule = this.defaults(provider);
    const parsed = PacingRuleSchema.safeParse(this.all()[accountId]);
    return parsed.success ? { rule: parsed.data, defaultRule, custom: true } : { rule: defaultRule, defaultRule, custom: false };
  }

  /** A rule for this account, or null to go back to the provider's default. */
  set(accountId: string, rule: PacingRule | null): void {
    const all = { ...this.all() };
    if (rule) all[accountId] = rule;
    else delete all[accountId];
    this.kv.set(KEY, all);
  }
}
