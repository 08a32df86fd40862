// Issue 12 in the Inbox and the broadcast wizard, in the browser shell: contacts picked from
// another account keep the name the preview shows; broadcast recipients who never answered stay
// out of the conversation list (search still finds them) until they write; a message cancelled
// before it left reads "Cancelled" in its conversation and is not in the Outbox. Screenshots go to
// test-results/e2e.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Template } from '../../shared/model';
import { launchChromium, navigate } from '../helpers/browser';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';
import { InfobipSimulator } from '../simulators/infobip/server';

const shots = 'test-results/e2e';
const env = { SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardNewcomerInboxE2E-${randomUUID()}` };
const PROMO = ['6281277770001', '6281277770002', '6281277770003'];

let ib: InfobipSimulator;
let shell: ShellProcess;
let client: ShellClient;
let browser: BrowserContext;
let page: Page;
let accountId: string;
let otherId: string;
let template: Template;

const shot = (name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
const nav = (name: string) => navigate(page, name);
const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
const listbox = () => page.getByRole('listbox', { name: 'Conversations' });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  ib = await InfobipSimulator.start({ apiKey: 'ib-key' });
  shell = await startShellProcess(env);
  client = await ShellClient.connect(shell.openUrl);
  await client.call('settings:update', { defaultCountry: 'ID' });
  accountId = (await client.call('accounts:create', { provider: 'infobip', name: 'Infobip shop', config: { baseUrl: ib.url }, secrets: { apiKey: 'ib-key' } })).id;
  const line = await client.call('lines:create', { accountId, input: { name: 'WhatsApp only', whatsAppSender: '447860099299' } });
  await client.call('lines:select', { accountId, lineId: line.id });
  template = await client.call('templates:save', { accountId, providerTemplateId: 'hello', name: 'Hello', namespace: 'ns', language: 'en', body: 'Hello {{1}}' });
  otherId = (await client.call('accounts:create', { provider: 'infobip', name: 'Other shop', config: { baseUrl: 'http://127.0.0.1:9', scenarioKey: 'S2' }, secrets: { apiKey: 'k' } })).id;
  await client.call('threads:start', { accountId: otherId, phone: '+62 812 5555 0001', name: 'Budi Santoso' });
  await client.call('threads:start', { accountId, phone: '+62 812 5555 0009', name: 'Regular customer' });
  ib.inboundUrl = (await client.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)!.url;
  browser = await launchChromium();
  page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(shell.openUrl);
});

afterAll(async () => {
  client?.close();
  await browser?.close();
  await shell?.stop();
  await ib?.close();
});

it('fills {{1}} for a contact picked from another account with the name the preview shows', async () => {
  await nav('Broadcasts');
  await page.getByRole('button', { name: 'New broadcast' }).first().click();
  await page.getByLabel('Account', { exact: true }).selectOption(accountId);
  await page.locator(`#bc-template option[value="${template.id}"]`).waitFor({ state: 'attached' });
  await page.getByLabel('Template', { exact: true }).selectOption(template.id);
  await next();
  await page.getByRole('radio', { name: 'Pick from contacts' }).click();
  await page.getByLabel('Search contacts').fill('budi');
  await page.getByLabel(/Budi Santoso/).check();
  await next();
  await page.getByLabel('Source for {{1}}', { exact: true }).selectOption('column');
  await page.getByLabel('Value for {{1}}', { exact: true }).selectOption('name');
  await page.getByRole('button', { name: 'Create recipients list' }).click();
  const outcome = page.getByRole('region', { name: 'Recipients list' });
  await outcome.getByText('1 recipient will receive it').waitFor();
  await page.locator('.recipient-preview', { hasText: 'Hello Budi Santoso' }).waitFor();
  await shot('65-wizard-picked-contact-other-account');
  expect(await outcome.locator('table tbody tr').count()).toBe(0);
});

it('keeps recipients who never answered out of the conversation list, found by search, listed once they write', async () => {
  const csv = ['phone,name', ...PROMO.map((p, i) => `+${p},Promo ${i + 1}`)].join('\n');
  const { importId } = await client.call('broadcasts:importCsv', { csvText: csv });
  const { campaign } = await client.call('broadcasts:create', { name: 'Promo', accountId, templateId: template.id, recipients: { kind: 'csv', importId, phoneColumn: 'phone', nameColumn: 'name' }, variables: { '1': { column: 'name' } } });
  await client.call('broadcasts:start', { campaignId: campaign.id });
  await expect.poll(async () => (await client.call('broadcasts:get', { campaignId: campaign.id })).status, { timeout: 20_000 }).toBe('completed');
  await page.reload();
  await nav('Inbox');
  await listbox().getByRole('option', { name: /Regular customer/ }).waitFor();
  const titles = await listbox().locator('.thread-title').allInnerTexts();
  expect(titles).toEqual(expect.arrayContaining(['Regular customer', 'Budi Santoso']));
  expect(titles.some((t) => t.startsWith('Promo'))).toBe(false);
  await shot('66-inbox-without-broadcast-recipients');

  await page.getByPlaceholder('Search conversations and messages').fill('Promo 2');
  await page.getByText('Promo 2').first().waitFor();
  await shot('67-inbox-search-finds-recipient');
  await page.getByPlaceholder('Search conversations and messages').fill('');

  await ib.sendInbound({ from: PROMO[0]!, to: '447860099299', name: 'Promo One', messageId: 'wamid.P1', content: { type: 'TEXT', text: 'Is the promo still on?' } });
  await listbox().getByRole('option', { name: /Promo One/ }).waitFor();
  expect((await listbox().locator('.thread-title').allInnerTexts()).filter((t) => t.startsWith('Promo'))).toEqual(['Promo One']);
});

it('shows a message cancelled before it left as Cancelled, not Failed, and keeps it out of the Outbox', async () => {
  const thread = (await client.call('threads:start', { accountId, phone: '+62 812 5555 0009' }))!;
  // One message a minute: the second one waits long enough to be cancelled.
  await client.call('pacing:set', { accountId, rule: { perMinute: 1, burst: 1, gapMs: [0, 0] } });
  await client.call('messages:sendText', { threadId: thread.id, text: 'First, sent at once' });
  const waiting = await client.call('messages:sendText', { threadId: thread.id, text: 'Second, cancelled' });
  await client.call('messages:cancel', { id: waiting.id });
  // The sends move the conversation to the top of the list: click it once it is there, not while
  // the rows are still moving under the pointer (under CI load the click once opened another row).
  const row = listbox().getByRole('option', { name: /Regular customer/ });
  await expect.poll(() => row.textContent()).toContain('Second, cancelled');
  await expect.poll(() => row.getAttribute('aria-posinset')).toBe('1');
  await row.click();
  await page.getByRole('region', { name: /Conversation with Regular customer/ }).waitFor();
  const bubble = page.locator('.bubble-row', { hasText: 'Second, cancelled' });
  await bubble.getByRole('img', { name: 'Cancelled' }).waitFor();
  expect(await bubble.locator('.bubble').getAttribute('data-status')).toBe('cancelled');
  await bubble.getByText('Cancelled by you before it was sent.').waitFor();
  expect(await bubble.getByRole('button', { name: 'Retry' }).count()).toBe(0);
  await shot('68-conversation-cancelled-message');
  await nav('Outbox');
  await page.locator('#outbox-title').waitFor();
  expect(await page.locator(`li.outbox-row[data-message-id="${waiting.id}"]`).count()).toBe(0);
});
