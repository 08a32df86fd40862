// Issue 12 as a newcomer meets it, in the browser shell: one "Add your first account", no
// Instances without a QR account, which account each conversation is on (and a filter for it),
// a name-only Omnichat contact without a fake number, file previews in words, the new
// conversation dialog keeping focus after a refused number, and the account form testing what it saves.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { MconnectSimulator } from '../simulators/mconnect/server';
import { OmnichatSimulator } from '../simulators/omnichat/server';
import { launchChromium } from '../helpers/browser';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

const shots = 'test-results/e2e';
const A = '6281100000001';
const B = '6281100000002';
const DEVICE = 'bc8bae5a-0997-40a2-a827-b95adc714dd3';
const BUDI = '6281234567890';
let mc: MconnectSimulator;
let om: OmnichatSimulator;
let bot: BotApiSimulator;
let shell: ShellProcess;
let client: ShellClient;
let browser: BrowserContext;
let page: Page;

const shot = (name: string) => page.screenshot({ path: `${shots}/${name}.png` });
const navItem = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });
const rows = () => page.getByRole('listbox', { name: 'Conversations' }).getByRole('option');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  mc = await MconnectSimulator.start({ acceptedCompany: 'acme', acceptedUsername: 'acme-user', wpNums: [A, B] });
  om = await OmnichatSimulator.start({ apiKey: 'om-key', devices: [{ deviceKey: DEVICE }] });
  bot = await BotApiSimulator.start({ qrTtlMs: 60_000 });
  shell = await startShellProcess({ SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardE2E-${randomUUID()}` });
  client = await ShellClient.connect(shell.openUrl);
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(shell.openUrl);
});

afterAll(async () => {
  await page?.screenshot({ path: `${shots}/newcomer-zz-last.png` }).catch(() => undefined);
  client?.close();
  await browser?.close();
  await shell?.stop();
  await Promise.all([mc?.close(), om?.close(), bot?.close()]);
});

describe('a newcomer, end to end', () => {
  it('first launch offers one "Add your first account" and no Instances', async () => {
    await page.getByRole('button', { name: 'Add your first account' }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Add your first account' }).count()).toBe(1);
    expect(await navItem('Instances').count()).toBe(0);
    await shot('newcomer-01-first-launch');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('newcomer-01-first-launch-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('tags each conversation with its account, and filters by account from the list', async () => {
    const hook = async (accountId: string) => (await client.call('webhooks:status', {})).registrations.find((r) => r.accountId === accountId)!.url;
    for (const [name, wpNum] of [['Toko Bandung', A], ['Toko Surabaya', B]] as const) {
      const { id } = await client.call('accounts:create', { provider: 'mconnect', name, config: { endpointUrl: mc.endpointUrl, wpNum, company: 'acme' }, secrets: { username: 'acme-user' } });
      await client.call('webhooks:register', { accountId: id });
      expect(await hook(id)).toMatch(/\/hooks\//);
    }
    const omni = await client.call('accounts:create', { provider: 'omnichat', name: 'Omni Jakarta', config: { baseUrl: om.url, deviceKey: DEVICE }, secrets: { apiKey: 'om-key' } });
    om.setDeviceWebhook(DEVICE, await hook(omni.id));
    // Instances only matter once an account links phones by QR.
    await navItem('Inbox').waitFor();
    expect(await navItem('Instances').count()).toBe(0);

    await mc.sendCustomerMessage({ from: BUDI, to: A, text: 'Ada stok batik?', senderName: 'Budi Santoso', messageId: '3EB0AAAA0001' });
    await mc.sendCustomerMessage({ from: BUDI, to: B, image: 'https://example.com/1600317960.jpeg', senderName: 'Budi Santoso', messageId: '3EB0AAAA0002' });
    await om.sendCustomerMessage({ deviceKey: DEVICE, name: 'Agus Wijaya', message: 'Halo' });

    const budi = rows().filter({ hasText: 'Budi Santoso' });
    await expect.poll(() => budi.count()).toBe(2);
    await expect.poll(() => budi.filter({ hasText: 'Toko Bandung' }).count()).toBe(1);
    expect(await budi.filter({ hasText: 'Toko Surabaya' }).count()).toBe(1);
    // A photo without a caption reads "Photo", not "[image]".
    expect(await budi.filter({ hasText: 'Toko Surabaya' }).textContent()).toContain('Photo');
    expect(await rows().filter({ hasText: '[image]' }).count()).toBe(0);
    await shot('newcomer-02-inbox-accounts');

    await page.getByLabel('Show conversations of').selectOption({ label: 'Toko Surabaya' });
    await expect.poll(() => rows().count()).toBe(1);
    await rows().first().click();
    const head = page.locator('.conversation-head');
    await expect.poll(() => head.textContent()).toContain('Toko Surabaya');
    await shot('newcomer-03-filtered');
    await page.getByLabel('Show conversations of').selectOption({ label: 'All accounts' });
    await expect.poll(() => rows().count()).toBe(3);
  });

  it('a name-only Omnichat contact shows no "name:" where the phone belongs', async () => {
    await rows().filter({ hasText: 'Agus Wijaya' }).click();
    const head = page.locator('.conversation-head');
    await expect.poll(() => head.textContent()).toContain('Agus Wijaya');
    expect(await head.textContent()).not.toContain('name:');
    await shot('newcomer-04-name-only');
  });

  it('new conversation: after a refused number, focus is on the number and Escape still closes', async () => {
    await page.getByRole('button', { name: 'New conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New conversation' });
    await page.getByLabel('Phone number').fill('12345');
    await dialog.getByRole('button', { name: 'Start conversation' }).click();
    await dialog.getByText(/not a valid phone number/).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('new-phone');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('newcomer-05-dialog-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('the account form tests what it saves, says so when it fails, and a fixed token saves green', async () => {
    await navItem('Accounts').click();
    await page.getByRole('button', { name: 'Add account' }).first().click();
    await page.getByLabel('Provider').selectOption('bot-api');
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-required')).toBe('true');
    await page.getByLabel('Name', { exact: true }).fill('Lagos shop');
    await page.getByLabel('API base URL').fill(bot.url);
    await page.getByLabel('Bearer token').fill('wrong-token');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Saved, but the connection test failed/).waitFor();
    await shot('newcomer-06-form-test-failed');
    await page.getByLabel('Bearer token').fill(bot.bearerToken);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Saved Lagos shop and tested it/).waitFor();
    const card = page.getByRole('listitem', { name: 'Lagos shop' });
    expect(await card.textContent()).not.toMatch(/rejected/i);
    expect((await client.call('accounts:list', {})).filter((a) => a.name === 'Lagos shop')).toHaveLength(1);
    // Now there is a QR account, Instances is offered.
    await navItem('Instances').waitFor();
    await shot('newcomer-07-accounts');
    await page.setViewportSize({ width: 1024, height: 700 });
    await navItem('Inbox').click();
    await shot('newcomer-08-inbox-1024');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('newcomer-08-inbox-1024-dark');
  });
});
