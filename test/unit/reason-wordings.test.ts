// Reasons main keeps as English text and words again in the renderer (a failed download, why a send
// failed or is in doubt, a template that cannot be sent): the English wording must read exactly as
// the text main keeps, and Bahasa Indonesia must have every one of them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { templateBlockedReason, templateStatusWords } from '../../shared/template-status';
import { AppFailure } from '../../electron/services/errors';
import { classify, MAX_SERVER_ATTEMPTS } from '../../electron/services/outbox/retry';
import { noPublicAddress, shortName } from '../../electron/services/media/limits';
import { providerInfos } from '../../electron/services/providers/registry';
import { AccountsRepo } from '../../electron/services/store/accounts';
import { openDatabase } from '../../electron/services/store/db';
import { InstancesRepo } from '../../electron/services/store/instances';
import en from '../../renderer/src/i18n/en.json';
import id from '../../renderer/src/i18n/id.json';
import { i18n, reasonText, t } from '../../renderer/src/i18n';

type Tree = { [k: string]: string | Tree };
const root = join(import.meta.dirname, '../..');
const providers = providerInfos();
const lookup = (tree: Tree, key: string): string | Tree | undefined =>
  key.split('.').reduce<string | Tree | undefined>((node, part) => (node && typeof node !== 'string' ? node[part] : undefined), tree);

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('a failed download', () => {
  /** `new DownloadError(message, …).keyed(key, params)` in the media downloader. */
  function sites(file: string): { where: string; message: ts.Expression; key: string; params: ts.Expression | undefined }[] {
    const sf = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const found: ReturnType<typeof sites> = [];
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'keyed') {
        const receiver = node.expression.expression;
        const key = node.arguments[0];
        if (ts.isNewExpression(receiver) && receiver.expression.getText(sf) === 'DownloadError' && key && ts.isStringLiteral(key)) {
          found.push({ where: `${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`, message: receiver.arguments![0]!, key: key.text, params: node.arguments[1] });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return found;
  }

  const all = [...sites('electron/services/media/fetch.ts'), ...sites('electron/services/media/cache.ts')];

  it('is keyed wherever it is said', () => {
    expect(all.length).toBeGreaterThanOrEqual(15);
  });

  it('reads in English exactly as the text kept, with its values in place', () => {
    const differing: string[] = [];
    for (const s of all) {
      const text = lookup(en as Tree, s.key);
      if (typeof text !== 'string') {
        differing.push(`${s.where}: ${s.key} missing in en.json`);
        continue;
      }
      // The message's ${…} parts stand where the text has its {{…}} placeholders.
      const m = s.message;
      const pattern = ts.isTemplateExpression(m)
        ? m.head.text + m.templateSpans.map((span) => '‹value›' + span.literal.text).join('')
        : ts.isStringLiteral(m) || ts.isNoSubstitutionTemplateLiteral(m)
          ? m.text
          : null;
      if (pattern !== text.replace(/\{\{\w+\}\}/g, '‹value›')) differing.push(`${s.where}: ${s.key}\n  main: ${m.getText()}\n  en:   ${text}`);
      const given = s.params && ts.isObjectLiteralExpression(s.params) ? s.params.properties.map((p) => p.name!.getText()).sort() : [];
      for (const [lang, tree] of [['en', en], ['id', id]] as const) {
        const worded = lookup(tree as Tree, s.key);
        const used = typeof worded === 'string' ? [...new Set([...worded.matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]!))].sort() : null;
        if (used === null) differing.push(`${s.where}: ${s.key} missing in ${lang}.json`);
        else if (used.join() !== given.join()) differing.push(`${s.where}: ${s.key} (${lang}) uses ${used.join()}, given ${given.join()}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('words why an encrypted file did not open, each reason by name', () => {
    const source = readFileSync(join(root, 'electron/services/media/whatsapp-crypto.ts'), 'utf8');
    const reasons = [...source.matchAll(/new MediaKeyError\('(\w+)', '([^']+)'\)/g)];
    expect(reasons).toHaveLength(4);
    for (const [, why, message] of reasons) {
      expect(t(`errors.media.download.notOpened.${why}`)).toBe(`The file arrived but could not be opened: ${message}.`);
      expect(lookup(id as Tree, `errors.media.download.notOpened.${why}`)).toEqual(expect.any(String));
    }
  });
});

describe('a send that failed, waits or is in doubt', () => {
  const keyed = new AppFailure('unreachable', 'Qontak Hub had a problem (HTTP 500). Try again in a moment.', '{"error":"db"}', { kind: 'server', maybeDelivered: true }).keyed('errors.provider.serverError', {
    provider: 'Qontak Hub',
    status: 500,
  });

  it('reads in English as the reason kept, the inner reason and its details included', () => {
    for (const v of [
      classify(keyed, 1),
      classify(keyed, 1, () => 0.5, false),
      classify(new AppFailure('unreachable', 'Qontak Hub had a problem (HTTP 503). Try again in a moment.', undefined, { kind: 'server' }).keyed('errors.provider.serverError', { provider: 'Qontak Hub', status: 503 }), MAX_SERVER_ATTEMPTS),
      classify(new AppFailure('unreachable', 'reset', 'UND_ERR_SOCKET', { kind: 'network', maybeDelivered: true }), 1),
    ]) {
      expect(v.wording).not.toBeNull();
      expect(reasonText(v.reason, v.wording)).toBe(v.reason);
    }
  });

  it('reads whole in Bahasa Indonesia', async () => {
    const doubt = classify(keyed, 1);
    const gaveUp = classify(new AppFailure('unreachable', 'Qontak Hub had a problem (HTTP 503). Try again in a moment.', undefined, { kind: 'server' }).keyed('errors.provider.serverError', { provider: 'Qontak Hub', status: 503 }), MAX_SERVER_ATTEMPTS);
    await i18n.changeLanguage('id');
    expect(reasonText(doubt.reason, doubt.wording)).toBe(
      'Belum diketahui apakah pesan ini terkirim: permintaan sudah sampai ke penyedia, tetapi tidak ada jawaban yang kembali. Switchboard tidak akan mengirimnya lagi dengan sendirinya (Qontak Hub sedang bermasalah (HTTP 500). Coba lagi sebentar lagi. ({"error":"db"})). Tanyakan ke penerima atau periksa dasbor penyedia, lalu tandai sebagai terkirim atau kirim lagi.',
    );
    expect(reasonText(gaveUp.reason, gaveUp.wording)).toBe(`Qontak Hub sedang bermasalah (HTTP 503). Coba lagi sebentar lagi. — dihentikan setelah ${MAX_SERVER_ATTEMPTS} kali mencoba`);
  });

  it('shows the English text when a wording names no key the renderer has', () => {
    expect(reasonText('Kept as is.', { key: 'errors.nothing.here' })).toBe('Kept as is.');
    expect(reasonText('Kept (x)', { key: 'errors.outbox.withDetail', params: { reason: 'Kept', detail: 'x', reasonWording: '{broken' } })).toBe('Kept (x)');
  });
});

describe('a file that needs a public address to go out', () => {
  it('reads in English as main says it', () => {
    for (const info of providers) {
      expect(t('errors.media.noPublicAddress', { provider: shortName(info) })).toBe(noPublicAddress(info));
    }
    expect(lookup(id as Tree, 'errors.media.noPublicAddress')).toEqual(expect.any(String));
  });
});

describe('a template that cannot be sent', () => {
  it('reads in English as main says it, for every status', async () => {
    for (const status of ['PENDING', 'submitted', 'REJECTED', 'paused', 'DISABLED', 'IN_REVIEW']) {
      const words = templateStatusWords(status);
      const kind = words === 'pending approval' ? 'pending' : ['rejected', 'paused', 'disabled'].includes(words!) ? words : 'other';
      const text = t(`errors.templates.blocked.${kind}`, { name: 'promo', status: words });
      expect(text).toBe(templateBlockedReason({ name: 'promo', status }));
      expect(lookup(id as Tree, `errors.templates.blocked.${kind}`)).toEqual(expect.any(String));
    }
    await i18n.changeLanguage('id');
    expect(t('errors.templates.blocked.rejected', { name: 'promo' })).toMatch(/^Template "promo" berstatus ditolak/);
  });
});

describe('an instance’s last error', () => {
  it('keeps its wording until the error changes, and words in Bahasa Indonesia', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-wording-'));
    const db = openDatabase(join(dir, 'switchboard.db'));
    try {
      new AccountsRepo(db).insert({ id: 'a1', provider: 'bot-api', name: 'Shop', config: {}, savedSecrets: [], webhookSecretHash: 'x' });
      const repo = new InstancesRepo(db);
      repo.insert({ id: 'i1', accountId: 'a1', providerId: null, sessionId: 's1', state: 'created' });
      const error = 'The gateway no longer lists this instance. It may have been deleted in its dashboard.';
      const inst = repo.update('i1', { state: 'error', lastError: error, lastErrorWording: { key: 'errors.instances.gone' } })!;
      expect(repo.get('i1')).toMatchObject({ lastError: error, lastErrorWording: { key: 'errors.instances.gone' } });
      expect(reasonText(inst.lastError, inst.lastErrorWording)).toBe(error);
      await i18n.changeLanguage('id');
      expect(reasonText(inst.lastError, inst.lastErrorWording)).toBe('Gateway tidak lagi mencantumkan instans ini. Mungkin sudah dihapus di dasbornya.');
      // A state change that keeps the error keeps its wording; new words without one drop it.
      expect(repo.update('i1', { phone: '628111' })).toMatchObject({ lastErrorWording: { key: 'errors.instances.gone' } });
      expect(repo.update('i1', { lastError: 'Something else' })).toMatchObject({ lastError: 'Something else', lastErrorWording: null });
      expect(repo.update('i1', { state: 'connected', lastError: null })).toMatchObject({ lastError: null, lastErrorWording: null });
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
