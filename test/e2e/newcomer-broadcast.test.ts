// What a newcomer tripped over in Broadcasts, Settings and the Outbox (issue 12), in the browser
// shell: a binary "CSV" refused with its reason and never left behind an earlier file, a template
// pending approval not sendable, "Retry failed" asked first, the default country picked by name, a
// local address refused as the public one, unreadable webhook events worded for a person, and no
// "Nothing to set up" beside Qontak's registration. Screenshots go to test-results/e2e.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../shared/model';
import { launchChromium, navigate } from '../helpers/browser';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';
import { InfobipSimulator } from '../simulators/infobip/server';
import { QontakSimulator } from '../simulators/qontak/server';
import { postWebhook } from '../simulators/webhooks';

const shots = 'test-results/e2e';
// This shell refuses local public addresses, as a real one does.
const env = { SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardNewcomerE2E-${randomUUID()}`, SWITCHBOARD_ALLOW_LOCAL_PUBLIC_URL: '0' };
/** The first bytes of a PNG, then some of its binary body: what a picture renamed .csv holds. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(200, 0x07), Buffer.from('phone,name\n')]);

let qontak: QontakSimulator;
let ib: InfobipSimulator;
let shell: ShellProcess;
let client: ShellClient;
let browser: BrowserContext;
let page: Page;
let qontakAccount: string;
let ibAccount: string;
let ibTemplate: Template;

const shot = (name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
const nav = (name: string) => navigate(page, name);
const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();

async function broadcastsList(): Promise<void> {
  await nav('Broadcasts');
  await page.locator('#campaign-title, #broadcasts-title').first().waitFor();
  if (await page.locator('#campaign-title').isVisible()) await page.getByRole('button', { name: '‹ All broadcasts' }).click();
  await page.locator('#broadcasts-title').waitFor();
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  qontak = await QontakSimulator.start({ password: 'q-pw', clientId: 'q-cid', clientSecret: 'q-cs' });
  ib = await InfobipSimulator.start({ apiKey: 'ib-key' });
  shell = await startShellProcess(env);
  client = await ShellClient.connect(shell.openUrl);
  await client.call('settings:update', { defaultCountry: 'ID' });
  qontakAccount = (
    await client.call('accounts:create', { provider: 'qontak', name: 'Toko Qontak', config: { baseUrl: qontak.url, username: qontak.username }, secrets: { password: 'q-pw', clientId: 'q-cid', clientSecret: 'q-cs' } })
  ).id;
  const { lines } = await client.call('lines:list', { accountId: qontakAccount });
  await client.call('lines:select', { accountId: qontakAccount, lineId: lines[0]!.id });
  await client.call('templates:sync', { accountId: qontakAccount });
  ibAccount = (await client.call('accounts:create', { provider: 'infobip', name: 'Infobip shop', config: { baseUrl: ib.url }, secrets: { apiKey: 'ib-key' } })).id;
  const line = await client.call('lines:create', { accountId: ibAccount, input: { name: 'WhatsApp only', whatsAppSender: '447860099299' } });
  await client.call('lines:select', { accountId: ibAccount, lineId: line.id });
  ibTemplate = await client.call('templates:save', { accountId: ibAccount, providerTemplateId: 'hello', name: 'Hello', namespace: 'ns', language: 'en', body: 'Hello {{1}}' });
  browser = await launchChromium();
  page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(shell.openUrl);
});

afterAll(async () => {
  client?.close();
  await browser?.close();
  await shell?.stop();
  await Promise.all([qontak?.close(), ib?.close()]);
});

describe('the broadcast wizard', () => {
  it('does not go on with a template pending approval, and says why', async () => {
    await broadcastsList();
    await page.getByRole('button', { name: 'New broadcast' }).first().click();
    await page.getByLabel('Account', { exact: true }).selectOption(qontakAccount);
    const option = page.locator('#bc-template option', { hasText: 'promo_draft' });
    await option.waitFor({ state: 'attached' });
    expect(await option.textContent()).toBe('promo_draft (id) — pending approval');
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'promo_draft (id) — pending approval' });
    await page.locator('.field-error', { hasText: 'is pending approval at the provider, and WhatsApp delivers only approved templates' }).waitFor();
    await shot('60-wizard-template-pending');
    await next();
    // Still on the first step.
    await expect.poll(() => page.getByLabel('Template', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Import a CSV file' }).count()).toBe(0);
  });

  it('refuses a picture renamed .csv with the reason, and forgets the file imported before it', async () => {
    await page.getByLabel('Account', { exact: true }).selectOption(ibAccount);
    await page.locator(`#bc-template option[value="${ibTemplate.id}"]`).waitFor({ state: 'attached' });
    await page.getByLabel('Template', { exact: true }).selectOption(ibTemplate.id);
    await next();
    await page.getByRole('radio', { name: 'Import a CSV file' }).click();
    const input = page.getByLabel('CSV file', { exact: true });
    await input.setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from('phone,name\n0812 0000 0001,Ani\n') });
    await page.locator('.csv-summary', { hasText: '1 row' }).waitFor();
    await input.setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: PNG });
    await page.getByText('“photo.csv” is not a CSV text file').waitFor();
    expect(await page.locator('.csv-summary').count()).toBe(0);
    await shot('61-wizard-csv-binary-refused');
    await next();
    await page.getByText('Import the CSV file with your customers first.').waitFor();
    // Main refuses it too, whoever asks.
    await expect(client.call('broadcasts:importCsv', { csvText: PNG.toString('utf8') })).rejects.toThrow(/is not a CSV text file/);
  });
});

describe('a campaign with failures', () => {
  it('asks before sending the failed ones again', async () => {
    ib.failNext(1, { status: 400, body: { requestError: { serviceException: { messageId: 'BAD_REQUEST', text: 'Destination not reachable' } } } }, '/omni/1/advanced');
    const { importId } = await client.call('broadcasts:importCsv', { csvText: 'phone,name\n+6281299990001,Ani\n+6281299990002,Budi\n' });
    const { campaign } = await client.call('broadcasts:create', { name: 'Retry me', accountId: ibAccount, templateId: ibTemplate.id, recipients: { kind: 'csv', importId, phoneColumn: 'phone', nameColumn: 'name' }, variables: { '1': { column: 'name' } } });
    await client.call('broadcasts:start', { campaignId: campaign.id });
    await expect.poll(async () => (await client.call('broadcasts:get', { campaignId: campaign.id })).totals, { timeout: 20_000 }).toMatchObject({ failed: 1, pending: 0, queued: 0 });
    await page.reload();
    await broadcastsList();
    await page.locator('ul.campaign-list button.campaign-row', { hasText: 'Retry me' }).click();
    await page.getByRole('button', { name: 'Retry failed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retry failed messages' });
    await dialog.getByText('whose message failed').waitFor();
    await shot('62-campaign-retry-confirm');
    await dialog.getByRole('button', { name: 'Not now' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await client.call('broadcasts:get', { campaignId: campaign.id })).totals.failed).toBe(1);
    await page.getByRole('button', { name: 'Retry failed' }).click();
    await page.getByRole('button', { name: 'Send again to 1 recipient' }).click();
    await expect.poll(async () => (await client.call('broadcasts:get', { campaignId: campaign.id })).totals, { timeout: 20_000 }).toMatchObject({ failed: 0, sent: 2 });
  });
});

describe('the composer', () => {
  it('shows a template pending approval with its status and does not send it', async () => {
    await client.call('threads:start', { accountId: qontakAccount, phone: '+62 812 3000 0001', name: 'Qontak customer' });
    await page.reload();
    await nav('Inbox');
    await page.getByRole('listbox', { name: 'Conversations' }).getByRole('option', { name: /Qontak customer/ }).click();
    await page.getByRole('button', { name: 'Template', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Send a template' });
    await dialog.getByLabel('Template', { exact: true }).selectOption({ label: 'promo_draft (id) — pending approval' });
    await dialog.getByText('is pending approval at the provider, and WhatsApp delivers only approved templates').waitFor();
    expect(await dialog.getByRole('button', { name: 'Send template' }).isDisabled()).toBe(true);
    await shot('69-composer-template-pending');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('Settings', () => {
  it('offers real countries by name, and refuses this computer as the public address', async () => {
    await nav('Settings');
    const country = page.getByLabel('Default country');
    expect(await country.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await country.locator('option:checked').textContent()).toBe('Indonesia (ID)');
    expect(await country.locator('option[value="XX"]').count()).toBe(0);
    await country.selectOption({ label: 'Nigeria (NG)' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Settings saved.').waitFor();
    expect((await client.call('settings:get', {})).defaultCountry).toBe('NG');

    await page.getByLabel('Public base URL').fill('http://127.0.0.1:8080');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText("127.0.0.1:8080 is an address on this computer or your local network, so providers on the internet can't reach it.").waitFor();
    expect((await client.call('settings:get', {})).publicBaseUrl).toBeNull();
    await shot('63-settings-country-and-local-url');
  });

  it('words an event no reader understood for a person, with the technical detail behind a disclosure', async () => {
    const hook = (await client.call('webhooks:status', {})).registrations.find((r) => r.accountId === ibAccount)!.url;
    expect(await postWebhook(hook, { results: 'not what Infobip sends' })).toBeLessThan(300);
    await expect.poll(async () => (await client.call('webhooks:unparsed', {})).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const [event] = await client.call('webhooks:unparsed', {});
    await page.reload();
    await nav('Settings');
    const row = page.locator('.unparsed-row').first();
    await row.getByText('Switchboard couldn’t read this event for Infobip shop: the provider sent a message or update Switchboard doesn’t understand yet. It is kept exactly as it arrived').waitFor();
    expect(await row.getByText(event!.error, { exact: true }).isVisible()).toBe(false);
    await row.getByText('Technical details').click();
    expect(await row.getByText(event!.error, { exact: true }).isVisible()).toBe(true);
    await row.scrollIntoViewIfNeeded();
    await shot('64-settings-unparsed-event');
  });

  it('shows Qontak registered through its API, never "Nothing to set up"', async () => {
    const qontakRow = page.getByRole('group', { name: 'Toko Qontak' });
    await qontakRow.waitFor();
    expect(await qontakRow.getByText('Set up manually').count()).toBe(0);
    expect(await qontakRow.getByText('Nothing to set up').count()).toBe(0);
    expect(await qontakRow.getByRole('button', { name: 'Register now' }).count()).toBe(1);
  });
});
