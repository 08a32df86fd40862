// What must hold before a campaign is made and before it sends: the account sends templates, the
// template exists and every placeholder has a source (no more, no fewer), every admitted
// recipient has every value. Messages name the placeholder, the column and the row.
import { placeholderLabel, type BroadcastChannelInput, type VariableSource } from '../../../shared/broadcast';
import type { Template } from '../../../shared/model';
import { templateBlockedReason, templateStatusWords } from '../../../shared/template-status';
import type { AccountsService } from '../accounts';
import { AppFailure, notFound } from '../errors';
import type { BroadcastsRepo, CampaignRecord } from '../store/broadcasts';
import type { TemplatesRepo } from '../store/templates';
import type { CsvRow } from './csv';
import type { ImportCache } from './imports';
import { innerReason } from '../store/wording';
import { buildRecipients, type BuiltRecipients, type ValueSpec } from './recipients';

export interface PlanDeps {
  accounts: Pick<AccountsService, 'get' | 'adapterOf'>;
  templates: Pick<TemplatesRepo, 'get'>;
  defaultCountry: () => string;
}

type CreateInput = Omit<BroadcastChannelInput<'broadcasts:create'>, 'name'>;

const invalid = (message: string): AppFailure => new AppFailure('validation', message);
const labels = (keys: string[]): string => keys.map(placeholderLabel).join(', ');
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** Which errors.templates.blocked.* words a template's status: the known ones by name, any other with its status. */
function blockedKind(status: string | null): 'pending' | 'rejected' | 'paused' | 'disabled' | 'other' {
  const words = templateStatusWords(status);
  if (words === 'pending approval') return 'pending';
  return words === 'rejected' || words === 'paused' || words === 'disabled' ? words : 'other';
}

/** Why this template may not be sent now (pending, rejected…), worded; null when it may. */
export function templateBlocked(template: Template): AppFailure | null {
  const blocked = templateBlockedReason(template);
  return blocked ? invalid(blocked).keyed(`errors.templates.blocked.${blockedKind(template.status)}`, { name: template.name, status: templateStatusWords(template.status) ?? '' }) : null;
}

/** Why these variables don't fit the template, or null when they do. */
export function variablesProblem(template: Template, keys: string[]): AppFailure | null {
  const extra = keys.filter((k) => !template.placeholders.includes(k));
  const name = template.name;
  if (extra.length) {
    const placeholders = labels(extra);
    return extra.length === 1
      ? invalid(`The template "${name}" has no ${placeholders}. Remove that value.`).keyed('errors.campaign.extraValue', { name, placeholders })
      : invalid(`The template "${name}" has no ${placeholders}. Remove those values.`).keyed('errors.campaign.extraValues', { name, placeholders });
  }
  const missing = template.placeholders.filter((k) => !keys.includes(k));
  if (missing.length) {
    const placeholders = labels(missing);
    return missing.length === 1
      ? invalid(`${placeholders} needs a value: pick a column or type a text for it.`).keyed('errors.campaign.missingValue', { placeholders })
      : invalid(`${placeholders} need values: pick a column or type a text for each.`).keyed('errors.campaign.missingValues', { placeholders });
  }
  return null;
}

/** The template to send with, or why the campaign cannot send now (its template was removed or changed). */
export function sendable(d: Pick<PlanDeps, 'templates'>, c: CampaignRecord): { template: Template } | { problem: AppFailure } {
  const template = d.templates.get(c.templateId);
  if (!template || template.accountId !== c.accountId) {
    return { problem: invalid('The template this campaign uses was removed. Make a new campaign with another template.').keyed('errors.campaign.templateRemovedMakeNew') };
  }
  // A sync may have found it withdrawn or paused since the campaign was made.
  const blocked = templateBlocked(template);
  if (blocked) return { problem: blocked };
  const keys = Object.keys(c.variables);
  const same = keys.length === template.placeholders.length && template.placeholders.every((k) => keys.includes(k));
  if (!same) {
    const n = template.placeholders.length;
    const name = template.name;
    const filled = keys.length;
    const placeholders = labels(template.placeholders);
    return {
      problem:
        n === 0
          ? invalid(`The template "${name}" changed since this campaign was made: it now has no placeholders and the campaign fills ${filled}. Make a new campaign with the updated template.`).keyed(
              'errors.campaign.templateChangedNone',
              { name, filled },
            )
          : invalid(
              `The template "${name}" changed since this campaign was made: it now has ${n} ${plural(n, 'placeholder', 'placeholders')} (${placeholders}) and the campaign fills ${filled}. Make a new campaign with the updated template.`,
            ).keyed('errors.campaign.templateChanged', { name, count: n, placeholders, filled }),
    };
  }
  return { template };
}

/** Everything start, resume and a scheduled start check; null when the campaign may send. */
export function readyProblem(d: Pick<PlanDeps, 'templates'>, repo: BroadcastsRepo, c: CampaignRecord): AppFailure | null {
  const s = sendable(d, c);
  if ('problem' in s) return s.problem;
  for (const key of s.template.placeholders) {
    const { count, firstRow } = repo.missingValue(c.id, key);
    if (count > 0) {
      const placeholder = placeholderLabel(key);
      const row = firstRow ?? 0;
      return invalid(`${placeholder} has no value for ${count} ${plural(count, 'recipient', 'recipients')} (first: row ${row}).`).keyed('errors.campaign.noValueFor', { placeholder, count, row });
    }
  }
  return null;
}

/** What a column is picked for: the phone numbers, the names, or a placeholder's values. */
type ColumnFor = 'phone' | 'name' | { placeholder: string };

function columnIndex(columns: string[], wanted: string, what: ColumnFor): number {
  let i = columns.indexOf(wanted);
  if (i < 0) i = columns.findIndex((c) => c.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (i >= 0) return i;
  const column = wanted;
  const list = columns.join(', ');
  if (what === 'phone') throw invalid(`There is no column '${column}' for the phone numbers. The columns are: ${list}.`).keyed('errors.campaign.noPhoneColumn', { column, columns: list });
  if (what === 'name') throw invalid(`There is no column '${column}' for the names. The columns are: ${list}.`).keyed('errors.campaign.noNameColumn', { column, columns: list });
  const placeholder = what.placeholder;
  throw invalid(`There is no column '${column}' for ${placeholder}. The columns are: ${list}.`).keyed('errors.campaign.noColumnFor', { column, placeholder, columns: list });
}

interface SourceRows {
  columns: string[];
  rows: readonly CsvRow[];
  phoneIndex: number;
  nameIndex: number | null;
}

function sourceRows(input: CreateInput, imports: ImportCache, repo: BroadcastsRepo): SourceRows {
  const src = input.recipients;
  if (src.kind === 'csv') {
    const csv = imports.get(src.importId);
    if (!csv) throw invalid('The imported file is no longer available (imports are kept for an hour, and only the last few). Import it again.').keyed('errors.campaign.importGone');
    const phoneIndex = columnIndex(csv.columns, src.phoneColumn, 'phone');
    const nameIndex = src.nameColumn ? columnIndex(csv.columns, src.nameColumn, 'name') : null;
    return { columns: csv.columns, rows: csv.rows, phoneIndex, nameIndex };
  }
  // Picked contacts read like a two-column file, so a placeholder can use their name too.
  const rows = src.phones.map((p, i) => {
    const digits = p.replace(/\D/g, '');
    // contacts:list gives bare E.164 digits; a + makes sure they are not read as national numbers.
    const phone = /^\d+$/.test(p) ? `+${p}` : p;
    // The picker lists every account's contacts, so the name it showed wins; then this account's
    // name for the number, then any account's.
    const name = src.names?.[p]?.trim() || repo.contactName(input.accountId, digits) || '';
    return { row: i + 1, cells: [phone, name] };
  });
  return { columns: ['phone', 'name'], rows, phoneIndex: 0, nameIndex: 1 };
}

/** Checks the request and builds the recipients; throws a validation failure in words when it can't. */
export async function planRecipients(d: PlanDeps, imports: ImportCache, repo: BroadcastsRepo, input: CreateInput): Promise<{ template: Template; built: BuiltRecipients }> {
  const account = d.accounts.get(input.accountId);
  const adapter = d.accounts.adapterOf(account);
  if (!adapter.info.capabilities.includes('templates')) throw invalid(`${adapter.info.name} accounts cannot send templates, so they cannot run a broadcast.`).keyed('errors.campaign.noTemplates', { provider: adapter.info.name });
  const template = d.templates.get(input.templateId);
  if (!template) throw notFound('This template');
  if (template.accountId !== account.id) throw invalid('That template belongs to another account. Pick one of this account’s templates.').keyed('errors.campaign.templateOtherAccount');
  const blocked = templateBlocked(template);
  if (blocked) throw blocked;
  const problem = variablesProblem(template, Object.keys(input.variables));
  if (problem) throw problem;
  const src = sourceRows(input, imports, repo);
  const values: ValueSpec[] = template.placeholders.map((key) => {
    const v: VariableSource = input.variables[key]!;
    if ('text' in v) return { key, text: v.text };
    const index = columnIndex(src.columns, v.column, { placeholder: placeholderLabel(key) });
    return { key, column: { index, name: src.columns[index]! } };
  });
  const built = await buildRecipients(src.rows, { phoneIndex: src.phoneIndex, nameIndex: src.nameIndex, values, country: d.defaultCountry() });
  if (built.recipients.length === 0) {
    const count = built.rejectedCount + built.duplicateCount;
    const first = built.rejected[0];
    if (count === 0) throw invalid('The file has no rows to send to.').keyed('errors.campaign.noRows');
    const left = `${count} ${plural(count, 'row was', 'rows were')}`;
    if (!first) throw invalid(`Nobody is left to send to: all ${left} left out.`).keyed('errors.campaign.nobodyLeft', { count });
    // The first row's own reason inside, worded in the renderer too (see reasons.ts).
    throw invalid(`Nobody is left to send to: all ${left} left out. First: ${first.reason}`).keyed('errors.campaign.nobodyLeftFirst', { count, ...innerReason({ text: first.reason, wording: first.reasonWording ?? null }) });
  }
  return { template, built };
}
