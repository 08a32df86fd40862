// Message templates: synced from providers that list them (Qontak), entered by the operator for
// providers that take them by id or name (Omnichat, Infobip).
import type { Template } from '../../shared/model';
import type { AccountsService } from './accounts';
import { AppFailure, notFound } from './errors';
import type { TemplatesRepo, TemplateFields } from './store/templates';

export class TemplatesService {
  constructor(
    private readonly repo: TemplatesRepo,
    private readonly accounts: AccountsService,
  ) {}

  list(accountId: string): Template[] {
    this.accounts.get(accountId);
    return this.repo.list(accountId);
  }

  get(id: string): Template {
    const t = this.repo.get(id);
    if (!t) throw notFound('This template');
    return t;
  }

  async sync(accountId: string): Promise<Template[]> {
    const { adapter, ctx } = await this.accounts.handle(accountId);
    if (!adapter.templates) throw new AppFailure('validation', `${adapter.info.name} does not list templates through its API. Add them by hand with their id or name.`).keyed('errors.templates.noList', { provider: adapter.info.name });
    const items = await adapter.templates.list(ctx);
    return this.repo.replaceSynced(
      accountId,
      items.map((t) => ({
        providerTemplateId: t.id,
        name: t.name,
        language: t.language,
        namespace: t.namespace ?? null,
        header: t.header ?? null,
        headerFormat: t.headerFormat ?? null,
        buttons: t.buttons ?? [],
        body: t.body,
        footer: t.footer ?? null,
        status: t.status ?? null,
        category: t.category ?? null,
      })),
    );
  }

  save(input: { accountId: string; id?: string; providerTemplateId: string; name: string; language?: string | null; namespace?: string | null; body: string }): Template {
    const account = this.accounts.get(input.accountId);
    const adapter = this.accounts.adapterOf(account);
    if (!adapter.info.capabilities.includes('templates')) throw new AppFailure('validation', `${adapter.info.name} accounts do not send templates.`).keyed('errors.templates.notSupported', { provider: adapter.info.name });
    if (input.id) {
      const cur = this.get(input.id);
      if (cur.accountId !== input.accountId) throw notFound('This template');
      if (cur.source === 'synced') throw new AppFailure('validation', 'This template comes from the provider; change it there and press "Sync now".').keyed('errors.templates.synced');
    }
    const fields: TemplateFields = {
      providerTemplateId: input.providerTemplateId.trim(),
      name: input.name.trim(),
      language: input.language?.trim() || null,
      namespace: input.namespace?.trim() || null,
      header: null,
      body: input.body,
      footer: null,
      status: null,
      category: null,
    };
    if (account.provider === 'infobip' && (!fields.namespace || !fields.language)) {
      throw new AppFailure('validation', 'Infobip templates need their namespace and language (for example en or en_US), exactly as registered.').keyed('errors.templates.infobipNamespace');
    }
    return this.repo.saveManual(input.accountId, input.id, fields);
  }

  remove(id: string): boolean {
    this.get(id);
    return this.repo.remove(id);
  }
}
