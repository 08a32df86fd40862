import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/store/db';
import { latestVersion } from '../../electron/services/store/migrations';
import { AccountsRepo } from '../../electron/services/store/accounts';
import { ConversationsRepo, canMoveStatus } from '../../electron/services/store/conversations';

const dirs: string[] = [];
const tempDb = () => {
  const d = mkdtempSync(join(tmpdir(), 'sb-store-'));
  dirs.push(d);
  return join(d, 'switchboard.db');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function seed(file: string) {
  const db = openDatabase(file);
  new AccountsRepo(db).insert({ id: 'a1', provider: 'bot-api', name: 'Shop', config: {}, savedSecrets: [], webhookSecretHash: 'x' });
  const conv = new ConversationsRepo(db);
  const thread = conv.upsertThread({ accountId: 'a1', instanceId: null, peerId: '628111' }, { title: 'Ana', phone: '628111', isGroup: false, at: 1 });
  return { db, conv, thread };
}

describe('store', () => {
  it('creates every table through numbered migrations in WAL mode', () => {
    const db = openDatabase(tempDb());
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'instances', 'contacts', 'threads', 'messages', 'raw_events']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    db.close();
  });

  it('reopens an existing database without re-running migrations', () => {
    const file = tempDb();
    const { db } = seed(file);
    db.close();
    const again = openDatabase(file);
    expect(new AccountsRepo(again).list().map((a) => a.name)).toEqual(['Shop']);
    again.close();
  });

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const file = tempDb();
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${latestVersion + 5}`);
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/newer version of Switchboard.*Install the latest/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('stores a provider message once however often it is delivered', () => {
    const { db, conv, thread } = seed(tempDb());
    const m = { accountId: 'a1', threadId: thread.id, direction: 'in' as const, kind: 'text' as const, text: 'hi', providerMessageId: 'ABC', status: 'received' as const, at: 5 };
    expect(conv.insertMessage(m)).toBeDefined();
    expect(conv.insertMessage(m)).toBeUndefined();
    expect(conv.listMessages(thread.id)).toHaveLength(1);
    expect(conv.thread(thread.id)!.unread).toBe(1);
    db.close();
  });

  it('never moves a status backwards', () => {
    const { db, conv, thread } = seed(tempDb());
    const { message } = conv.insertMessage({ accountId: 'a1', threadId: thread.id, direction: 'out', kind: 'text', text: 'x', status: 'queued', at: 1 })!;
    expect(conv.setStatus(message.id, 'sent')?.status).toBe('sent');
    expect(conv.setStatus(message.id, 'read')?.status).toBe('read');
    expect(conv.setStatus(message.id, 'delivered')).toBeUndefined();
    expect(conv.setStatus(message.id, 'failed')).toBeUndefined();
    expect(conv.message(message.id)!.status).toBe('read');
    db.close();
  });

  it('follows the lifecycle rules', () => {
    expect(canMoveStatus('queued', 'sending')).toBe(true);
    expect(canMoveStatus('sending', 'failed')).toBe(true);
    expect(canMoveStatus('delivered', 'failed')).toBe(false);
    expect(canMoveStatus('failed', 'queued')).toBe(true);
    expect(canMoveStatus('received', 'read')).toBe(false);
  });

  it('removes an account with its threads and messages', () => {
    const { db, conv, thread } = seed(tempDb());
    conv.insertMessage({ accountId: 'a1', threadId: thread.id, direction: 'in', kind: 'text', text: 'hi', status: 'received', at: 1 });
    new AccountsRepo(db).remove('a1');
    expect(conv.listThreads()).toEqual([]);
    expect(db.prepare('SELECT count(*) n FROM messages').get()).toEqual({ n: 0 });
    db.close();
  });

  it('searches threads by name, number and message text, treating % and _ literally', () => {
    const { db, conv, thread } = seed(tempDb());
    conv.insertMessage({ accountId: 'a1', threadId: thread.id, direction: 'in', kind: 'text', text: 'invoice 100% paid', status: 'received', at: 1 });
    expect(conv.listThreads('ana')).toHaveLength(1);
    expect(conv.listThreads('628')).toHaveLength(1);
    expect(conv.listThreads('100%')).toHaveLength(1);
    expect(conv.listThreads('_')).toHaveLength(0);
    expect(conv.listThreads('nobody')).toHaveLength(0);
    db.close();
  });
});
