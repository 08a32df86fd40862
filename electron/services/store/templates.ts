import { randomUUID } from 'node:crypto';
import type { Template } from '../../../shared/model';
import { placeholdersOf } from '../../../shared/placeholders';
import { extraInputs } from '../../../shared/template-inputs';
import type { Db } from './db';

interface TemplateRow {
  id: string;
  account_id: string;
  provider_template_id: string;
  name: string;
  language: string | null;
  namespace: string | null;
  header: string | null;
  header_format: string | null;
  /** JSON list of { type, text, url }. */
  buttons: string | null;
  body: string;
  footer: string | null;
  status: string | null;
  category: string | null;
  source: 'synced' | 'manual';
  updated_at: number;
}

function buttonsOf(json: string | null): NonNullable<Template['buttons']> {
  try {
    const list = json ? (JSON.parse(json) as unknown) : [];
    return Array.isArray(list) ? (list as NonNullable<Template['buttons']>) : [];
  } catch {
    return [];
  }
}

const toTemplate = (r: TemplateRow): Template => ({
  id: r.id,
  accountId: r.account_id,
  providerTemplateId: r.provider_template_id,
  name: r.name,
  language: r.language,
  namespace: r.namespace,
  header: r.header,
  headerFormat: r.header_format,
  buttons: buttonsOf(r.buttons),
  body: r.body,
  footer: r.footer,
  status: r.status,
  category: r.category,
  source: r.source,
  placeholders: [...placeholdersOf(r.body), ...extraInputs({ headerFormat: r.header_format, buttons: buttonsOf(r.buttons) })],
  updatedAt: r.updated_at,
});

export type TemplateFields = Pick<Template, 'providerTemplateId' | 'name' | 'language' | 'namespace' | 'header' | 'body' | 'footer' | 'status' | 'category'> &
  Partial<Pick<Template, 'headerFormat' | 'buttons'>>;

export class TemplatesRepo {
  constructor(private readonly db: Db) {}

  list(accountId: string): Template[] {
    return (this.db.prepare('SELECT * FROM templates WHERE account_id = ? ORDER BY name, language').all(accountId) as TemplateRow[]).map(toTemplate);
  }

  get(id: string): Template | undefined {
    const r = this.db.prepare('SELECT * FROM templates WHERE id = ?').get(id) as TemplateRow | undefined;
    return r && toTemplate(r);
  }

  /** Replaces the account's synced templates with the provider's current list; manual ones stay. */
  replaceSynced(accountId: string, items: TemplateFields[]): Template[] {
    this.db.transaction(() => {
      const keep = new Set<string>();
      for (const t of items) {
        const existing = this.db
          .prepare('SELECT id FROM templates WHERE account_id = ? AND provider_template_id = ? AND coalesce(language, \'\') = coalesce(?, \'\')')
          .get(accountId, t.providerTemplateId, t.language) as { id: string } | undefined;
        const id = existing?.id ?? randomUUID();
        keep.add(id);
        this.write(id, accountId, t, 'synced');
      }
      for (const row of this.db.prepare("SELECT id FROM templates WHERE account_id = ? AND source = 'synced'").all(accountId) as { id: string }[]) {
        if (!keep.has(row.id)) this.db.prepare('DELETE FROM templates WHERE id = ?').run(row.id);
      }
    })();
    return this.list(accountId);
  }

  saveManual(accountId: string, id: string | undefined, t: TemplateFields): Template {
    const tid = id ?? randomUUID();
    this.write(tid, accountId, t, 'manual');
    return this.get(tid)!;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM templates WHERE id = ?').run(id).changes > 0;
  }

  private write(id: string, accountId: string, t: TemplateFields, source: 'synced' | 'manual'): void {
    this.db
      .prepare(
        `INSERT INTO templates (id, account_id, provider_template_id, name, language, namespace, header, header_format, buttons, body, footer, status, category, source, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET provider_template_id = excluded.provider_template_id, name = excluded.name, language = excluded.language,
           namespace = excluded.namespace, header = excluded.header, header_format = excluded.header_format, buttons = excluded.buttons, body = excluded.body,
           footer = excluded.footer, status = excluded.status, category = excluded.category, updated_at = excluded.updated_at`,
      )
      .run(
        id,
        accountId,
        t.providerTemplateId,
        t.name,
        t.language,
        t.namespace,
        t.header,
        t.headerFormat ?? null,
        t.buttons?.length ? JSON.stringify(t.buttons) : null,
        t.body,
        t.footer,
        t.status,
        t.category,
        source,
        Date.now(),
      );
  }
}
