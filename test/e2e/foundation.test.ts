// The first complete path through the real UI in Chromium, via the browser shell: add a bot API
// account, link a phone by QR, receive a customer message, reply.
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { launchChromium, navigate } from '../helpers/browser';
import { filesContaining } from '../helpers/secret-tool';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

const shots = 'test-results/e2e';
const keychainService = `SwitchboardE2E-${randomUUID()}`;
let sim: BotApiSimulator;
let shell: ShellProcess;
let browser: BrowserContext;
let page: Page;

const shot = (name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
const nav = (name: string) => navigate(page, name, false);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  sim = await BotApiSimulator.start({ qrTtlMs: 60_000 });
  shell = await startShellProcess({ SWITCHBOARD_KEYCHAIN_SERVICE: keychainService });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(shell.openUrl);
});

afterAll(async () => {
  await browser?.close();
  await shell?.stop();
  await sim?.close();
});

describe('foundation, end to end in the browser shell', () => {
  it('starts on an empty app that says what to do first', async () => {
    await expect.poll(() => page.getByText('Add your first account').first().isVisible()).toBe(true);
    expect(page.url()).not.toMatch(/token=|code=/);
    await shot('01-empty');
  });

  it('adds a bot API account: the token goes to the keychain and nowhere in the data folder', async () => {
    await nav('Accounts');
    await page.getByRole('button', { name: 'Add account' }).first().click();
    await page.getByLabel('Provider').selectOption('bot-api');
    await page.getByLabel('Name', { exact: true }).fill('Lagos shop');
    await page.getByLabel('API base URL').fill(sim.url);
    await page.getByLabel('Bearer token').fill(sim.bearerToken);
    await shot('02-account-form');
    await page.getByRole('button', { name: 'Save' }).click();
    const card = page.getByRole('listitem', { name: 'Lagos shop' });
    await card.waitFor();

    const stored = execFileSync('secret-tool', ['search', '--all', 'service', keychainService], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(stored).toContain(`"bearerToken":"${sim.bearerToken}"`);
    expect(filesContaining(shell.dataDir, sim.bearerToken)).toEqual([]);

    await card.getByRole('button', { name: 'Test connection' }).click();
    await card.getByText(/Connected\. The gateway lists/).waitFor();
    await shot('03-accounts');
  });

  it('creates an instance, shows its QR, and notices when the phone scans it', async () => {
    await nav('Instances');
    await page.getByRole('button', { name: 'New instance' }).first().click();
    const qr = page.getByRole('img', { name: 'WhatsApp QR code' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await shot('04-instance-qr');

    const sessionId = sim.requestsTo('/whatsapp/init').at(-1)!.query.session_id!;
    sim.scan(sessionId, '2348000000001', 'Lagos Shop Phone');
    await page.getByText('Lagos Shop Phone').first().waitFor({ timeout: 15_000 });
    await expect.poll(() => qr.count()).toBe(0);
    await shot('05-instance-connected');
  });

  it('shows a customer message live in the inbox, and sends the reply the gateway expects', async () => {
    await nav('Inbox');
    const sessionId = sim.requestsTo('/whatsapp/init').at(-1)!.query.session_id!;
    await expect.poll(() => sim.instance(sessionId)!.webhookUrl).toMatch(/\/hooks\//);
    expect(await sim.sendCustomerMessage({ sessionId, from: '2348011112222', pushName: 'Chidi Okafor', text: 'Hello, is the blue dress still available?' })).toBe(200);

    const row = page.getByRole('option', { name: /Chidi Okafor/ });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Hello, is the blue dress still available?');
    await shot('06-inbox-thread');

    await row.click();
    await page.getByText('Hello, is the blue dress still available?').last().waitFor();
    await page.getByLabel('Type a message').fill('Yes! Size M and L are in stock.');
    await page.getByRole('button', { name: 'Send' }).click();
    const bubble = page.locator('.bubble[data-direction="out"]').filter({ hasText: 'Yes! Size M and L are in stock.' });
    await expect.poll(() => bubble.getAttribute('data-status')).toBe('sent');
    await shot('07-reply-sent');

    const inst = sim.instance(sessionId)!;
    const sent = sim.requestsTo('/whatsapp/message');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      query: { session_id: sessionId, access_token: inst.accessToken },
      json: { session_id: sessionId, access_token: inst.accessToken, chatId: '2348011112222', message: 'Yes! Size M and L are in stock.' },
    });
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${sim.bearerToken}`);
  });

  it('shows the webhook listener and the registration in Settings', async () => {
    await nav('Settings');
    await page.getByText('Registered', { exact: false }).first().waitFor();
    await shot('08-settings');
  });

  it('logs the phone out and deletes the instance, each after a confirmation', async () => {
    await nav('Instances');
    const sessionId = sim.requestsTo('/whatsapp/init').at(-1)!.query.session_id!;
    await page.getByRole('button', { name: 'Log out' }).click();
    const confirmLogout = page.getByRole('dialog');
    await confirmLogout.getByText(/unlinks/).waitFor();
    await shot('09-confirm-logout');
    const instanceId = sim.instance(sessionId)!.id;
    await confirmLogout.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => sim.requestsTo(`/whatsapp/instance/logout/${instanceId}`).length).toBe(1);
    // Logged out, the card offers a fresh QR to link a phone again.
    await page.getByRole('img', { name: 'WhatsApp QR code' }).waitFor({ timeout: 15_000 });
    expect(sim.instance(sessionId)!.phone).toBeNull();

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => sim.instance(sessionId)).toBeUndefined();
    await expect.poll(() => page.getByRole('img', { name: 'WhatsApp QR code' }).count()).toBe(0);
    expect(sim.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('explains rejected credentials, and removing the account clears its keychain item', async () => {
    await nav('Accounts');
    await page.getByRole('button', { name: 'Add account' }).first().click();
    await page.getByLabel('Provider').selectOption('bot-api');
    await page.getByLabel('Name', { exact: true }).fill('Old gateway');
    await page.getByLabel('API base URL').fill(sim.url);
    await page.getByLabel('Bearer token').fill('expired-token-123');
    await page.getByRole('button', { name: 'Save' }).click();
    const card = page.getByRole('listitem', { name: 'Old gateway' });
    await card.getByRole('button', { name: 'Test connection' }).click();
    await card.getByText(/rejected the credentials/).waitFor();
    await shot('10-credentials-rejected');
    const keychain = () => execFileSync('secret-tool', ['search', '--all', 'service', keychainService], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(keychain()).toContain('expired-token-123');

    await card.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => card.count()).toBe(0);
    expect(keychain()).not.toContain('expired-token-123');
    expect(keychain()).toContain(sim.bearerToken);
  });

  it('turns away a page opened with a stale or forged link', async () => {
    const other = await browser.newPage();
    await other.goto(shell.openUrl.replace(/code=.*/, 'code=forged-code'));
    await other.getByText("This access link isn't accepted").waitFor();
    await other.screenshot({ path: `${shots}/11-refused-link.png` });
    await other.close();
  });

  it('never puts a secret in the process output (logs)', () => {
    expect(shell.output()).not.toContain(sim.bearerToken);
  });
});
