// The delivery lifecycle as the operator sees it: a refused message shows the provider's reason
// and can be retried, a waiting one shows why and when, the Outbox lists what is unsettled, and a
// message caught mid-send by a crash is shown in doubt and settled by hand.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { launchChromium, navigate, openShellPage } from '../helpers/browser';
import { botApiConversation } from '../helpers/bot-api-account';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

const shots = 'test-results/e2e';
const env = { SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardOutboxE2E-${randomUUID()}` };
let sim: BotApiSimulator;
let shell: ShellProcess;
let client: ShellClient;
let browser: BrowserContext;
let page: Page;
let threadId: string;

const nav = (name: string) => navigate(page, name);
const bubble = (text: string) => page.locator('.bubble[data-direction="out"]').filter({ hasText: text }).last();

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  sim = await BotApiSimulator.start();
  shell = await startShellProcess(env);
  client = await ShellClient.connect(shell.openUrl);
  ({ threadId } = await botApiConversation(client, sim, { accountName: 'Lagos shop', customerName: 'Chidi', pacingOff: true }));
  browser = await launchChromium();
  page = await openShellPage(browser, shell.openUrl);
  await nav('Inbox');
  await page.getByRole('option', { name: /Chidi/ }).click();
});
afterAll(async () => {
  client?.close();
  await browser?.close();
  await shell?.stop();
  await sim?.close();
});

it('shows a refused message with the provider’s reason, and sends it on Retry', async () => {
  sim.failNext(1, { status: 400, body: { status: false, message: 'Number is not on WhatsApp' } }, '/whatsapp/message');
  await page.getByLabel('Type a message').fill('Your order shipped');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(() => bubble('Your order shipped').getAttribute('data-status')).toBe('failed');
  await page.getByText(/Number is not on WhatsApp/).first().waitFor();
  await page.screenshot({ path: `${shots}/30-failed-with-retry.png` });
  await page.getByRole('button', { name: 'Retry', exact: true }).click();
  await expect.poll(() => bubble('Your order shipped').getAttribute('data-status')).toBe('sent');
});

it('shows a message waiting to retry, and lists it in the Outbox', async () => {
  sim.failNext(3, { status: 503, body: { status: false, message: 'maintenance' } }, '/whatsapp/message');
  await page.getByLabel('Type a message').fill('Back in stock');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText(/Waiting to retry/).first().waitFor();
  await nav('Outbox');
  await page.getByText('Back in stock').first().waitFor();
  await page.screenshot({ path: `${shots}/31-outbox.png` });
  await expect.poll(() => sim.requestsTo('/whatsapp/message').filter((r) => (r.json as { message: string }).message === 'Back in stock').length, { timeout: 20_000 }).toBe(4);
  await nav('Inbox');
  await expect.poll(() => bubble('Back in stock').getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
}, 40_000);

it('shows a message caught mid-send by a crash as in doubt, and lets the operator settle it', async () => {
  sim.failNext(1, { status: 200, body: { status: true, message: 'Message sent successfully', data: { message: {} } }, delayMs: 5_000 }, '/whatsapp/message');
  await client.call('messages:sendText', { threadId, text: 'Caught in the crash' });
  await expect.poll(() => sim.requestsTo('/whatsapp/message').some((r) => (r.json as { message: string }).message === 'Caught in the crash')).toBe(true);
  shell.child.kill('SIGKILL');
  await shell.stop();
  client.close();
  shell = await startShellProcess(env, shell.dataDir);
  client = await ShellClient.connect(shell.openUrl);
  await page.goto(shell.openUrl);
  await nav('Inbox');
  await page.getByRole('option', { name: /Chidi/ }).click();
  await expect.poll(() => bubble('Caught in the crash').getAttribute('data-status')).toBe('in_doubt');
  await page.getByText(/may or may not have been sent/).first().waitFor();
  await page.screenshot({ path: `${shots}/32-in-doubt.png` });
  await page.getByRole('button', { name: 'It arrived' }).click();
  await expect.poll(() => bubble('Caught in the crash').getAttribute('data-status')).toBe('sent');
  expect(sim.requestsTo('/whatsapp/message').filter((r) => (r.json as { message: string }).message === 'Caught in the crash')).toHaveLength(1);
}, 40_000);
