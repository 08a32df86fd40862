// A conversation named on this computer: the name shows and is found, the provider's later names
// do not replace it, and clearing it brings the provider's latest name back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/store/db';
import { AccountsRepo } from '../../electron/services/store/accounts';
import { ConversationsRepo } from '../../electron/services/store/conversations';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function repo() {
  const d = mkdtempSync(join(tmpdir(), 'sb-rename-'));
  dirs.push(d);
  const db = openDatabase(join(d, 'switchboard.db'));
  new AccountsRepo(db).insert({ id: 'a1', provider: 'bot-api', name: 'Shop', config: {}, savedSecrets: [], webhookSecretHash: 'x' });
  return new ConversationsRepo(db);
}
const key = { accountId: 'a1', instanceId: null, peerId: '120363025246125486@g.us' };
const group = (title: string) => ({ title, phone: null, isGroup: true, at: 1 });

describe('a conversation renamed locally', () => {
  it('shows the local name, which a later provider name does not replace', () => {
    const conv = repo();
    const t = conv.upsertThread(key, group('Group 120363025246125486'));
    expect(conv.rename(t.id, 'Wholesale buyers')).toMatchObject({ title: 'Wholesale buyers', renamed: true });
    expect(conv.upsertThread(key, group('Buyers WA')).title).toBe('Wholesale buyers');
    // Search finds it by the name the operator gave.
    expect(conv.listThreads('Wholesale').map((x) => x.id)).toEqual([t.id]);
  });

  it('goes back to the provider’s latest name when the local one is cleared', () => {
    const conv = repo();
    const t = conv.upsertThread(key, group('Group 120363025246125486'));
    conv.rename(t.id, 'Wholesale buyers');
    conv.upsertThread(key, group('Buyers WA'));
    // The inbox echoes the shown title back when a message carries no group name.
    conv.upsertThread(key, group('Wholesale buyers'));
    expect(conv.rename(t.id, null)).toMatchObject({ title: 'Buyers WA', renamed: false });
  });

  it('a group not renamed still takes the provider’s new name', () => {
    const conv = repo();
    conv.upsertThread(key, group('Group 120363025246125486'));
    expect(conv.upsertThread(key, group('Buyers WA')).title).toBe('Buyers WA');
  });
});
