// One account of each of the other four providers, added through the UI in the browser shell,
// each showing a message out and, where the provider delivers them, a message in.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfobipSimulator } from '../simulators/infobip/server';
import { MconnectSimulator } from '../simulators/mconnect/server';
import { OmnichatSimulator } from '../simulators/omnichat/server';
import { QontakSimulator } from '../simulators/qontak/server';
import { launchChromium, navigate, openShellPage } from '../helpers/browser';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

const shots = 'test-results/e2e';
let shell: ShellProcess;
let client: ShellClient;
let browser: BrowserContext;
let page: Page;
let mc: MconnectSimulator;
let omni: OmnichatSimulator;
let ib: InfobipSimulator;
let qontak: QontakSimulator;
const DEVICE = 'bc8bae5a-0997-40a2-a827-b95adc714dd3';

const shot = (name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
const nav = (name: string) => navigate(page, name);
const card = (name: string) => page.getByRole('listitem', { name });

async function addAccount(provider: string, name: string, fields: Record<string, string>): Promise<void> {
  await nav('Accounts');
  await page.getByRole('button', { name: 'Add account' }).first().click();
  await page.getByLabel('Provider').selectOption(provider);
  await page.getByLabel('Name', { exact: true }).fill(name);
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).fill(value);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await card(name).waitFor();
}

async function newConversation(accountName: string, phone: string, name?: string): Promise<void> {
  await nav('Inbox');
  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog');
  const option = dialog.getByLabel('Account').locator('option', { hasText: accountName });
  await dialog.getByLabel('Account').selectOption((await option.getAttribute('value'))!);
  await dialog.getByLabel('Phone number').fill(phone);
  if (name) await dialog.getByLabel(/^Name/).fill(name);
  await dialog.getByRole('button', { name: 'Start conversation' }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function sendText(text: string): Promise<void> {
  await page.getByLabel('Type a message').fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

const bubble = (text: string) => page.locator('.bubble[data-direction="out"]').filter({ hasText: text }).last();
const hookUrl = async (accountName: string) => {
  const account = (await client.call('accounts:list', {})).find((a) => a.name === accountName)!;
  return (await client.call('webhooks:status', {})).registrations.find((r) => r.accountId === account.id)!.url;
};

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  mc = await MconnectSimulator.start({ acceptedCompany: 'toko', acceptedUsername: 'toko-user', wpNums: ['6281100000001'] });
  omni = await OmnichatSimulator.start({ apiKey: 'omni-key', devices: [{ deviceKey: DEVICE }], templates: [{ id: 'tpl-1', body: 'Halo {name}' }] });
  ib = await InfobipSimulator.start({ apiKey: 'ib-key' });
  qontak = await QontakSimulator.start({ password: 'qontak-pw', clientId: 'qontak-cid', clientSecret: 'qontak-cs' });
  shell = await startShellProcess({ SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardE2E-${randomUUID()}` });
  client = await ShellClient.connect(shell.openUrl);
  await client.call('settings:update', { defaultCountry: 'ID' });
  browser = await launchChromium();
  page = await openShellPage(browser, shell.openUrl);
});

afterAll(async () => {
  client?.close();
  await browser?.close();
  await shell?.stop();
  await Promise.all([mc?.close(), omni?.close(), ib?.close(), qontak?.close()]);
});

describe('all five providers in the browser shell', () => {
  it('mconnect Omnichannel: registers its webhook, receives a customer message, sends the reply', async () => {
    await addAccount('mconnect', 'Toko mconnect', { 'API endpoint': mc.endpointUrl, 'WhatsApp number': '6281100000001', Company: 'toko', Username: 'toko-user' });
    await expect.poll(() => mc.webhookUrl('6281100000001')).toBe(await hookUrl('Toko mconnect'));
    expect(await mc.sendCustomerMessage({ from: '6281234567001', text: 'Apakah masih ada stok?', senderName: 'Rina' })).toBe(200);
    await nav('Inbox');
    await page.getByRole('option', { name: /Rina/ }).click();
    await page.locator('.bubble').getByText('Apakah masih ada stok?').waitFor();
    await sendText('Masih ada, kak!');
    await expect.poll(() => bubble('Masih ada, kak!').getAttribute('data-status')).toBe('sent');
    const body = mc.requests.at(-1)!.json as { element_data: Record<string, string> };
    expect(body.element_data).toMatchObject({ action: 'sendWhatsappText', from: '6281100000001', to: '6281234567001', message: 'Masih ada, kak!', is_group: '0', company: 'toko', username: 'toko-user' });
    await shot('20-mconnect');
  });

  it('Omnichat.id: a customer message arrives on the URL pasted in its dashboard; a new conversation goes out', async () => {
    await addAccount('omnichat', 'Toko Omnichat', { 'API base URL': omni.url, 'API key': 'omni-key', 'Device key': DEVICE });
    omni.setDeviceWebhook(DEVICE, await hookUrl('Toko Omnichat'));
    expect(await omni.sendCustomerMessage({ deviceKey: DEVICE, name: 'Bhisma Kalijaga', message: 'Halo, mau tanya' })).toBe(200);
    await nav('Inbox');
    await page.getByRole('option', { name: /Bhisma Kalijaga/ }).click();
    await page.locator('.bubble').getByText('Halo, mau tanya').waitFor();
    await page.getByText(/dashboard/).first().waitFor();
    await shot('21-omnichat-inbound');
    await newConversation('Toko Omnichat', '0812 3456 7890', 'Budi');
    await sendText('Pesanan Anda sudah dikirim');
    await expect.poll(() => bubble('Pesanan Anda sudah dikirim').getAttribute('data-status')).toBe('sent');
    expect(omni.requestsTo('/api-app/whatsapp/send-message').at(-1)!.json).toMatchObject({ phone: '6281234567890', api_key: 'omni-key', device_key: DEVICE, method: 'text', text: 'Pesanan Anda sudah dikirim', is_group: false });
  });

  it('Infobip OMNI: a scenario is created and picked, a message goes out, and its report shows SMS delivered it', async () => {
    await addAccount('infobip', 'Infobip shop', { 'API base URL': ib.url, 'API key': 'ib-key' });
    const c = card('Infobip shop');
    await c.getByRole('button', { name: 'Sending line' }).click();
    await c.getByRole('button', { name: /New scenario/ }).click();
    const form = c.getByRole('form', { name: 'New scenario' });
    await form.getByLabel('Scenario name').fill('WhatsApp then SMS');
    await form.getByLabel('WhatsApp sender').fill('447860099299');
    await form.getByLabel(/SMS sender/).fill('InfoSMS');
    await form.getByRole('button', { name: /Create/ }).click();
    await c.getByLabel('WhatsApp then SMS').check();
    await c.getByText('In use').waitFor();
    expect(ib.scenarios.at(-1)).toMatchObject({ name: 'WhatsApp then SMS', flow: [{ channel: 'WHATSAPP' }, { channel: 'SMS' }] });
    await newConversation('Infobip shop', '+41 79 302 67 27', 'Eva');
    await sendText('Your table is ready');
    await expect.poll(() => bubble('Your table is ready').getAttribute('data-status')).toBe('sent');
    const sent = ib.sent.at(-1)!;
    expect(sent).toMatchObject({ to: '41793026727', whatsApp: { text: 'Your table is ready' } });
    await ib.failoverToSms(sent.messageId);
    await nav('Accounts');
    await card('Infobip shop').getByRole('button', { name: 'Check delivery reports now' }).click();
    await card('Infobip shop').getByText(/1 message updated/).waitFor();
    await nav('Inbox');
    await page.getByRole('option', { name: /Eva/ }).click();
    await expect.poll(() => bubble('Your table is ready').getAttribute('data-status')).toBe('delivered');
    await bubble('Your table is ready').getByText(/SMS/).waitFor();
    await shot('22-infobip-sms-delivered');
  });

  it('Qontak Hub: the channel is picked, templates are synced, and a template goes out', async () => {
    await addAccount('qontak', 'Qontak shop', { 'API base URL': qontak.url, Username: qontak.username, Password: 'qontak-pw', 'Client id': 'qontak-cid', 'Client secret': 'qontak-cs' });
    const c = card('Qontak shop');
    await c.getByRole('button', { name: 'Sending line' }).click();
    await c.getByRole('radio').first().check();
    await c.getByText('In use').waitFor();
    await newConversation('Qontak shop', '0811 7661 000', 'Burhanudin Hakim');
    // Free text goes into the customer's room when they wrote in the last 24 hours (reference/qontak.md); otherwise a template.
    await expect.poll(() => page.getByLabel('Type a message').count()).toBe(1);
    await page.getByRole('button', { name: 'Template', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Sync now' }).click();
    const tpl = qontak.templates.find((x) => x.body.includes('{{1}}'))!;
    await dialog.getByLabel('Template', { exact: true }).selectOption({ label: new RegExp(tpl.name) as unknown as string }).catch(async () => {
      const value = await dialog.getByLabel('Template', { exact: true }).locator('option', { hasText: tpl.name }).first().getAttribute('value');
      await dialog.getByLabel('Template', { exact: true }).selectOption(value!);
    });
    await dialog.getByLabel('{{1}}').fill('Burhanudin Hakim');
    await shot('23-qontak-template');
    await dialog.getByRole('button', { name: 'Send template' }).click();
    await expect.poll(() => qontak.broadcasts.length).toBe(1);
    expect(qontak.broadcasts[0]!.request).toMatchObject({ to_number: '628117661000', to_name: 'Burhanudin Hakim', message_template_id: tpl.id, parameters: { body: [{ key: '1', value_text: 'Burhanudin Hakim' }] } });
    await expect.poll(() => page.locator('.bubble[data-direction="out"]').last().getAttribute('data-status')).toBe('sent');
  });
});
