// Schema 5 on data from before it: media already on messages gains the new fields (a link only,
// nothing local), so the thread and media:retryDownload understand it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { AccountsRepo } from '../../electron/services/store/accounts';
import { ConversationsRepo } from '../../electron/services/store/conversations';
import { openDatabase, type Db } from '../../electron/services/store/db';
import { migrations } from '../../electron/services/store/migrations';

const dir = mkdtempSync(join(tmpdir(), 'sb-media-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('gives media stored by schema 4 the state "none"', () => {
  const file = join(dir, 'switchboard.db');
  // A database exactly as schema 4 left it.
  const old = new Database(file);
  for (const m of migrations.filter((x) => x.version <= 4)) old.exec(m.sql);
  old.pragma('user_version = 4');
  new AccountsRepo(old as unknown as Db).insert({ id: 'a1', provider: 'mconnect', name: 'Shop', config: {}, savedSecrets: [], webhookSecretHash: 'x' });
  old.prepare("INSERT INTO threads (id, account_id, peer_id, title, phone, last_at) VALUES ('t1', 'a1', '628111', 'Ana', '628111', 1)").run();
  old
    .prepare("INSERT INTO messages (id, account_id, thread_id, direction, kind, text, status, at, created_at, media) VALUES ('m1', 'a1', 't1', 'in', 'image', NULL, 'received', 1, 1, ?)")
    .run(JSON.stringify({ kind: 'image', url: 'https://example.com/1600317556.jpeg', mimeType: null, fileName: null }));
  old.close();

  const db = openDatabase(file);
  expect(new ConversationsRepo(db).message('m1')!.media).toEqual({ kind: 'image', url: 'https://example.com/1600317556.jpeg', mimeType: null, fileName: null, state: 'none', size: null, error: null });
  expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('media_files', 'served_files')").get()).toEqual({ n: 2 });
  db.close();
});
