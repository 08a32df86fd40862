// The inbox at scale, at the store: every conversation and message reachable by paging while new
// ones arrive, search that finds messages and stays in step with every change, and an existing
// database upgraded to the search index without losing anything.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARK_END, MARK_START } from '../../shared/inbox';
import { ConversationsRepo } from '../../electron/services/store/conversations';
import { openDatabase, type Db } from '../../electron/services/store/db';
import { InboxPages } from '../../electron/services/store/inbox-pages';
import { migrations } from '../../electron/services/store/migrations';
import { SearchIndex } from '../../electron/services/store/search';

let dir: string;
let db: Db;
let repo: ConversationsRepo;
let pages: InboxPages;
let search: SearchIndex;

function addAccount(d: Db | Database.Database, id: string): void {
  d.prepare("INSERT INTO accounts (id, provider, name, webhook_secret_hash, created_at) VALUES (?, 'bot-api', ?, 'x', 0)").run(id, id);
}

function addThread(r: ConversationsRepo, accountId: string, peer: string, title: string, at: number, phone: string | null = peer) {
  return r.upsertThread({ accountId, instanceId: null, peerId: peer }, { title, phone, isGroup: false, at });
}

function addMessage(r: ConversationsRepo, threadId: string, text: string | null, at: number, direction: 'in' | 'out' = 'in', fileName?: string) {
  return r.insertMessage({
    accountId: 'acc-a',
    threadId,
    direction,
    kind: fileName ? 'document' : 'text',
    text,
    status: direction === 'in' ? 'received' : 'sent',
    at,
    media: fileName ? { kind: 'document', url: `https://files.example/${fileName}`, mimeType: 'application/pdf', fileName, state: 'none', size: null, error: null } : null,
  })!.message;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-scale-'));
  db = openDatabase(join(dir, 'switchboard.db'));
  addAccount(db, 'acc-a');
  addAccount(db, 'acc-b');
  repo = new ConversationsRepo(db);
  pages = new InboxPages(db);
  search = new SearchIndex(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('conversation pages', () => {
  it('reach every conversation exactly once while new messages and conversations keep arriving', () => {
    const ids: string[] = [];
    for (let i = 0; i < 730; i++) ids.push(addThread(repo, i % 3 === 0 ? 'acc-b' : 'acc-a', `62812000${1000 + i}`, `Customer ${i}`, 1_000_000 + (i % 200) * 10).id);
    const seen: string[] = [];
    const bumped = new Set<string>();
    let cursor: string | undefined;
    let n = 0;
    do {
      const page = pages.threads({ cursor, limit: 50 });
      seen.push(...page.threads.map((t) => t.id));
      // Between pages, customers write: an old conversation jumps to the top, a new one appears.
      const old = ids[(n * 97) % ids.length]!;
      addMessage(repo, old, `New message ${n}`, 9_000_000 + n);
      bumped.add(old);
      addThread(repo, 'acc-a', `62899${n}`, `Newcomer ${n}`, 9_500_000 + n);
      cursor = page.next ?? undefined;
      n++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) if (!bumped.has(id)) expect(seen).toContain(id);
    // The first page shows the newest activity: the conversations that just moved up.
    expect(pages.threads({ limit: 5 }).threads.map((t) => t.title)).toEqual(['Newcomer 14', 'Newcomer 13', 'Newcomer 12', 'Newcomer 11', 'Newcomer 10']);
  });

  it('filters by account and puts unread ones first in SQL, with the counts', () => {
    const t1 = addThread(repo, 'acc-a', '1', 'A old unread', 100);
    addThread(repo, 'acc-a', '2', 'A newest read', 300);
    addThread(repo, 'acc-b', '3', 'B newer', 200);
    addMessage(repo, t1.id, 'hello', 50);
    const a = pages.threads({ accountId: 'acc-a', unreadFirst: true });
    expect(a.threads.map((t) => t.title)).toEqual(['A old unread', 'A newest read']);
    expect(a).toMatchObject({ total: 2, unread: 1, next: null });
    const all = pages.threads({ unreadFirst: true, limit: 1 });
    expect(all.threads.map((t) => t.title)).toEqual(['A old unread']);
    const rest = pages.threads({ unreadFirst: true, limit: 5, cursor: all.next! });
    expect(rest.threads.map((t) => t.title)).toEqual(['A newest read', 'B newer']);
    expect(rest).toMatchObject({ total: null, unread: null });
    expect(all).toMatchObject({ total: 3, unread: 1 });
  });

  it('refuses a cursor it did not hand out, in words', () => {
    expect(() => pages.threads({ cursor: 'bm9wZQ' })).toThrow(/not valid any more/);
  });
});

describe('message pages', () => {
  it('reach every message of a long conversation by loading earlier ones, in order, and jump to one', () => {
    const t = addThread(repo, 'acc-a', '62811', 'Long talk', 1);
    const made: string[] = [];
    // Many share a timestamp: the cursor must still not skip or repeat any.
    for (let i = 0; i < 1234; i++) made.push(addMessage(repo, t.id, `line ${i}`, 1000 + Math.floor(i / 7)).id);
    let page = pages.messages(t.id, {});
    expect(page.later).toBeNull();
    const got = [...page.messages.map((m) => m.id)];
    while (page.earlier) {
      page = pages.messages(t.id, { before: page.earlier });
      got.unshift(...page.messages.map((m) => m.id));
    }
    expect(got).toEqual(made);

    const around = pages.around(made[600]!, 40);
    expect(around.messages.map((m) => m.id)).toEqual(made.slice(580, 620));
    expect(around.earlier).not.toBeNull();
    expect(around.later).not.toBeNull();
    const after = pages.messages(t.id, { after: around.later!, limit: 10 });
    expect(after.messages.map((m) => m.id)).toEqual(made.slice(620, 630));
    expect(after.earlier).not.toBeNull();
  });
});

const plain = (s: string) => s.replaceAll(MARK_START, '[').replaceAll(MARK_END, ']');

describe('search', () => {
  it('finds messages, not only conversations, with highlights, grouped by conversation, newest first', () => {
    const siti = addThread(repo, 'acc-a', '6281234567890', 'Siti Ñurhaliza', 10);
    const budi = addThread(repo, 'acc-a', '6285711112222', 'Budi', 20);
    addMessage(repo, siti.id, 'Apakah kopi susu masih ada?', 100);
    addMessage(repo, budi.id, 'Saya mau kopi hitam', 200);
    addMessage(repo, siti.id, 'Terima kasih', 300);
    addMessage(repo, budi.id, null, 400, 'in', 'invoice-mei.pdf');

    const r = search.search('kop');
    expect(r.groups.map((g) => g.thread.title)).toEqual(['Budi', 'Siti Ñurhaliza']);
    expect(plain(r.groups[1]!.hits[0]!.snippet)).toBe('Apakah [kopi] susu masih ada?');
    expect(plain(search.search('nurhaliza').groups[0]!.titleSnippet!)).toBe('Siti [Ñurhaliza]');
    expect(search.search('invoice').groups[0]!.hits).toHaveLength(1);
    expect(search.search('0812 3456').groups.map((g) => g.thread.title)).toEqual(['Siti Ñurhaliza']);
    expect(search.search('kopi', { threadId: siti.id }).groups.flatMap((g) => g.hits.map((h) => plain(h.snippet)))).toEqual(['Apakah [kopi] susu masih ada?']);
    // Query syntax typed by a user is just text.
    expect(search.search('"kopi" OR NEAR(').groups).toEqual([]);
    expect(search.search('***').groups).toEqual([]);
  });

  it('stays in step when messages are edited, deleted or their conversation goes', () => {
    const t = addThread(repo, 'acc-a', '628111', 'Rina', 10);
    const m = addMessage(repo, t.id, 'pesanan nomor satu', 100);
    expect(search.search('satu').groups).toHaveLength(1);
    db.prepare('UPDATE messages SET text = ? WHERE id = ?').run('pesanan nomor dua', m.id);
    expect(search.search('satu').groups).toHaveLength(0);
    expect(search.search('dua').groups).toHaveLength(1);
    db.prepare('UPDATE threads SET title = ? WHERE id = ?').run('Rina Wijaya', t.id);
    expect(search.search('wijaya').groups.map((g) => g.thread.id)).toEqual([t.id]);
    db.prepare('DELETE FROM threads WHERE id = ?').run(t.id);
    expect(search.search('dua').groups).toHaveLength(0);
    expect(search.search('wijaya').groups).toHaveLength(0);
    db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)").run();
    db.prepare("INSERT INTO threads_fts (threads_fts, rank) VALUES ('integrity-check', 1)").run();
  });
});

describe('upgrading a database from before search', () => {
  it('indexes stored messages in the background, newest first, with progress, and stays consistent meanwhile', () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.pragma('synchronous = OFF');
    for (const m of migrations.filter((x) => x.version <= 7)) old.exec(m.sql);
    old.pragma('user_version = 7');
    addAccount(old, 'acc-a');
    // Rows as schema 7 wrote them (today's repositories know columns it did not have).
    const t = { id: 'thread-dewi' };
    old.prepare("INSERT INTO threads (id, account_id, peer_id, title, phone, last_at) VALUES (?, 'acc-a', '628222', 'Dewi', '628222', 1)").run(t.id);
    const insert = old.prepare("INSERT INTO messages (id, account_id, thread_id, direction, kind, text, status, at, created_at) VALUES (?, 'acc-a', ?, 'in', 'text', ?, 'received', ?, ?)");
    const ids: string[] = [];
    old.transaction(() => {
      for (let i = 0; i < 5000; i++) {
        ids.push(`m${i}`);
        insert.run(`m${i}`, t.id, i === 10 ? 'the oldest batik order' : i === 4990 ? 'the newest batik order' : `message ${i}`, 1000 + i, 1000 + i);
      }
    })();
    old.close();

    const up = openDatabase(file);
    try {
      const s = new SearchIndex(up);
      const r = new ConversationsRepo(up);
      expect(s.progress()).toEqual({ done: 0, total: 5000 });
      expect(s.search('batik').groups).toEqual([]);
      expect(s.search('batik').indexing).toEqual({ done: 0, total: 5000 });
      expect(s.backfillStep(1000)).toBe(true);
      // Newest first: the recent message is searchable before the old one.
      expect(s.search('batik').groups[0]!.hits.map((h) => plain(h.snippet))).toEqual(['the newest [batik] order']);
      expect(s.progress()).toEqual({ done: 1000, total: 5000 });
      // Meanwhile the operator's inbox changes, indexed or not yet.
      up.prepare('UPDATE messages SET text = ? WHERE id = ?').run('edited batik order', ids[20]);
      up.prepare('DELETE FROM messages WHERE id = ?').run(ids[30]);
      up.prepare('UPDATE messages SET text = ? WHERE id = ?').run('newest songket order', ids[4990]);
      addMessage(r, t.id, 'a fresh batik order', 9000);
      while (s.backfillStep(1000));
      expect(s.progress()).toBeNull();
      expect(s.search('batik').groups[0]!.hits.map((h) => plain(h.snippet))).toEqual(['a fresh [batik] order', 'edited [batik] order', 'the oldest [batik] order']);
      expect(s.search('songket').groups[0]!.hits).toHaveLength(1);
      up.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)").run();
      expect(new InboxPages(up).messages(t.id, { limit: 2 }).messages.map((m) => m.text)).toEqual(['message 4999', 'a fresh batik order']);
    } finally {
      up.close();
    }
  });
});
