// Schema 5 on data from before it: media already on messages gains the new fields (a link only,
// nothing local), so the thread and media:retryDownload understand it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { AccountsRepo } from '../../electron/services/store/accounts';
import { ConversationsRepo } from '../../electron/services/store/conversations';
import { openDatabase } from '../../electron/services/store/db';

const dir = mkdtempSync(join(tmpdir(), 'sb-media-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('gives media stored by schema 4 the state "none"', () => {
  const file = join(dir, 'switchboard.db');
  let db = openDatabase(file);
  new AccountsRepo(db).insert({ id: 'a1', provider: 'mconnect', name: 'Shop', config: {}, savedSecrets: [], webhookSecretHash: 'x' });
  const conv = new ConversationsRepo(db);
  const thread = conv.upsertThread({ accountId: 'a1', instanceId: null, peerId: '628111' }, { title: 'Ana', phone: '628111', isGroup: false, at: 1 });
  const { message } = conv.insertMessage({ accountId: 'a1', threadId: thread.id, direction: 'in', kind: 'image', text: null, status: 'received', at: 1 })!;
  // As schema 4 wrote it, and without schema 5's tables.
  db.prepare('UPDATE messages SET media = ? WHERE id = ?').run(JSON.stringify({ kind: 'image', url: 'https://example.com/1600317556.jpeg', mimeType: null, fileName: null }), message.id);
  db.exec('DROP TABLE served_files; DROP TABLE media_files;');
  db.pragma('user_version = 4');
  db.close();

  db = openDatabase(file);
  expect(new ConversationsRepo(db).message(message.id)!.media).toEqual({ kind: 'image', url: 'https://example.com/1600317556.jpeg', mimeType: null, fileName: null, state: 'none', size: null, error: null });
  expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('media_files', 'served_files')").get()).toEqual({ n: 2 });
  db.close();
});
