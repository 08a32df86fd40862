// What the app does for inbound events beyond any one provider's parser: a re-delivered webhook
// without an id shows once, and events that failed under older parsers are parsed again once
// after an update, so messages customers sent before it are not lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryKeyValue } from '../../electron/services/settings';
import { PARSERS_GENERATION } from '../../electron/services/webhooks/reparse';
import { memoryKeyring } from '../helpers/keyring';
import { startTestApp, type TestApp } from '../helpers/app';

const DEVICE = 'bc8bae5a-0997-40a2-a827-b95adc714dd3';
const post = (url: string, body: unknown) =>
  request(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }).then(async (r) => (await r.body.text(), r.statusCode));

// Omnichat's documented webhook (omnichat-id.md, "Webhook Sample"): no message id and no time.
const omnichatText = (name: string, message: string) => ({ device_key: DEVICE, name, message, type: 'single' });

describe('id-less re-deliveries', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp();
    const account = await t.call('accounts:create', { provider: 'omnichat', name: 'Omnichat', config: { baseUrl: 'http://127.0.0.1:9', deviceKey: DEVICE }, secrets: { apiKey: 'om-key' } });
    url = (await t.call('webhooks:status', {})).registrations.find((r) => r.accountId === account.id)!.url;
  });
  afterAll(() => t.close());

  const messagesOf = async (title: string) => {
    const thread = (await t.call('threads:list', {})).find((th) => th.title === title)!;
    return t.call('threads:messages', { threadId: thread.id });
  };

  it('shows a webhook delivered twice once, and two different messages twice', async () => {
    expect(await post(url, omnichatText('Bhisma', 'Halo, masih ada stok?'))).toBe(200);
    expect(await post(url, omnichatText('Bhisma', 'Halo, masih ada stok?'))).toBe(200);
    expect(await post(url, omnichatText('Bhisma', 'Yang warna biru'))).toBe(200);
    await expect.poll(async () => (await messagesOf('Bhisma')).map((m) => m.text)).toEqual(['Halo, masih ada stok?', 'Yang warna biru']);
    const thread = (await t.call('threads:list', {})).find((th) => th.title === 'Bhisma')!;
    expect(thread.unread).toBe(2);
  });

  it('keeps the same words from another sender apart', async () => {
    expect(await post(url, omnichatText('Sari', 'Halo, masih ada stok?'))).toBe(200);
    await expect.poll(async () => (await messagesOf('Sari')).map((m) => m.text)).toEqual(['Halo, masih ada stok?']);
  });
});

describe('events that failed under older parsers', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-reparse-'));
  const keyring = memoryKeyring();
  const settings = memoryKeyValue();
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('are parsed again once after an update, and land in the inbox', async () => {
    // An install whose older parsers refused a webhook: stored raw, marked failed.
    let t = await startTestApp({ dataDir, keyring, settings });
    const account = await t.call('accounts:create', { provider: 'omnichat', name: 'Omnichat', config: { baseUrl: 'http://127.0.0.1:9', deviceKey: DEVICE }, secrets: { apiKey: 'om-key' } });
    const insert = t.app.db.prepare('INSERT INTO raw_events (account_id, provider, received_at, content_type, body, parsed_at, parse_error) VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run(account.id, 'omnichat', Date.now(), 'application/json', JSON.stringify(omnichatText('Dewi', 'Pesanan saya sudah dikirim?')), Date.now(), 'Not an Omnichat webhook');
    insert.run(account.id, 'omnichat', Date.now(), 'application/json', '{"nothing":"anyone sends"}', Date.now(), 'Not an Omnichat webhook');
    t.app.db.prepare('DELETE FROM app_meta').run();
    expect((await t.call('webhooks:status', {})).unparsedCount).toBe(2);
    await t.close();

    // The update: the app starts with today's parsers.
    t = await startTestApp({ dataDir, keyring, settings });
    const thread = (await t.call('threads:list', {})).find((th) => th.title === 'Dewi');
    expect(thread).toMatchObject({ lastMessage: 'Pesanan saya sudah dikirim?', unread: 1 });
    expect((await t.call('webhooks:status', {})).unparsedCount).toBe(1);
    expect(t.app.db.prepare('SELECT value FROM app_meta WHERE key = ?').pluck().get('parsers_generation')).toBe(String(PARSERS_GENERATION));
    await t.close();

    // Once: the next start leaves what still fails where the operator can see it, untouched.
    t = await startTestApp({ dataDir, keyring, settings });
    const failed = t.app.db.prepare('SELECT parsed_at FROM raw_events WHERE parse_error IS NOT NULL').pluck().all() as number[];
    expect(failed).toHaveLength(1);
    const before = failed[0];
    await t.close();
    t = await startTestApp({ dataDir, keyring, settings });
    expect(t.app.db.prepare('SELECT parsed_at FROM raw_events WHERE parse_error IS NOT NULL').pluck().get()).toBe(before);
    expect((await t.call('threads:messages', { threadId: thread!.id })).map((m) => m.text)).toEqual(['Pesanan saya sudah dikirim?']);
    await t.close();
  });
});
