// Files through the real UI in the browser shell: picked in the attach menu, dropped on the
// conversation and pasted into the message box, previewed above the composer and sent — uploaded
// to the bot API byte for byte, fetched by mconnect from the served link under the public address;
// a customer's picture arrives as a thumbnail that opens large; a failed download offers
// "Try again"; a picture over WhatsApp's limit is refused in words and nothing is sent.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { MconnectSimulator } from '../simulators/mconnect/server';
import { launchChromium, navigate } from '../helpers/browser';
import { botApiConversation } from '../helpers/bot-api-account';
import { startProxy } from '../helpers/proxy';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';
import * as f from '../media/fixtures';

const shots = 'test-results/e2e';
let bot: BotApiSimulator;
let mc: MconnectSimulator;
let shell: ShellProcess;
let client: ShellClient;
let browser: BrowserContext;
let page: Page;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let listenerPort = 0;
const threads = { bot: '', mc: '' };
let png: Buffer;
const pdf = f.pdf();

const shot = async (name: string, dark = false) => {
  await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
  await page.screenshot({ path: `${shots}/${name}.png` });
  await page.emulateMedia({ colorScheme: 'light' });
};
const nav = (name: string) => navigate(page, name);
const open = async (who: RegExp) => {
  await nav('Inbox');
  await page.getByRole('option', { name: who }).first().click();
};
const fileInput = () => page.getByLabel('File', { exact: true });
const card = (name: string) => page.locator('.attachment', { hasText: name });
const outBubble = (kind: string) => page.locator(`.bubble[data-direction="out"][data-kind="${kind}"]`).last();
const sendButton = () => page.getByRole('button', { name: 'Send', exact: true });
/** A public address in front of the listener (as a tunnel would be); the listener restarts on a new port then. */
const setPublicUrl = async (url: string | null) => {
  await client.call('settings:update', { publicBaseUrl: url });
  listenerPort = (await client.call('webhooks:status', {})).port ?? 0;
};
const outgoingFiles = () => readdirSync(join(shell.dataDir, 'media', 'outgoing')).length;

/** A real picture drawn by the browser (the fixtures' pictures are headers and noise), so the screenshots show one. */
async function drawn(type: 'image/png' | 'image/jpeg', label: string, colours: [string, string]): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ([t, text, from, to]) => {
      const canvas = document.createElement('canvas');
      canvas.width = 480;
      canvas.height = 320;
      const g = canvas.getContext('2d')!;
      const fill = g.createLinearGradient(0, 0, 480, 320);
      fill.addColorStop(0, from);
      fill.addColorStop(1, to);
      g.fillStyle = fill;
      g.fillRect(0, 0, 480, 320);
      g.fillStyle = '#ffffff';
      g.font = 'bold 44px sans-serif';
      g.fillText(text, 32, 184);
      return canvas.toDataURL(t, 0.9);
    },
    [type, label, ...colours] as const,
  );
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/** Runs in the page: a DataTransfer holding one file, for a drop or a paste. */
const transfer = (name: string, type: string, bytes: Buffer) =>
  page.evaluateHandle(
    ([n, t, b64]) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], n, { type: t }));
      return data;
    },
    [name, type, bytes.toString('base64')] as const,
  );

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [bot, mc] = await Promise.all([BotApiSimulator.start(), MconnectSimulator.start({ acceptedCompany: 'toko', acceptedUsername: 'toko-user', wpNums: ['6281100000001'] })]);
  shell = await startShellProcess({ SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardFilesE2E-${randomUUID()}` });
  client = await ShellClient.connect(shell.openUrl);
  await client.call('settings:update', { defaultCountry: 'ID' });
  proxy = await startProxy(() => listenerPort);

  threads.bot = (await botApiConversation(client, bot, { accountName: 'Lagos shop', customerName: 'Chidi', pacingOff: true })).threadId;

  const mcAccount = await client.call('accounts:create', { provider: 'mconnect', name: 'Toko mconnect', config: { endpointUrl: mc.endpointUrl, wpNum: '6281100000001', company: 'toko' }, secrets: { username: 'toko-user' } });
  await client.call('pacing:set', { accountId: mcAccount.id, rule: { perMinute: 0, burst: 1, gapMs: [0, 0] } });
  threads.mc = (await client.call('threads:start', { accountId: mcAccount.id, phone: '0812 3456 7002', name: 'Sari' })).id;

  browser = await launchChromium();
  page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(shell.openUrl);
  png = await drawn('image/png', 'New stock', ['#00a884', '#53bdeb']);
});

afterAll(async () => {
  client?.close();
  await browser?.close();
  await shell?.stop();
  await Promise.all([bot?.close(), mc?.close(), proxy?.close()]);
});

describe('files from this computer', () => {
  it('bot API: a picture from the attach menu and a PDF from the file input are uploaded byte for byte', async () => {
    await open(/Chidi/);
    await page.getByRole('button', { name: 'Attach', exact: true }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('menuitem', { name: 'Attach a file' }).click()]);
    await chooser.setFiles({ name: 'shop.png', mimeType: 'image/png', buffer: png });
    await fileInput().setInputFiles({ name: 'Invoice 17.pdf', mimeType: 'application/pdf', buffer: pdf });
    await card('shop.png').and(page.locator('[data-phase="ready"]')).waitFor();
    await card('Invoice 17.pdf').and(page.locator('[data-phase="ready"]')).waitFor();
    expect(await card('shop.png').locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await page.getByLabel('Caption for shop.png').fill('New stock today');
    await expect.poll(() => card('Invoice 17.pdf').getByText(/sends documents without a caption/).isVisible()).toBe(true);
    await shot('40-attach-preview');
    await shot('40-attach-preview-dark', true);

    await sendButton().click();
    await expect.poll(() => outBubble('image').getAttribute('data-status')).toBe('sent');
    await expect.poll(() => outBubble('document').getAttribute('data-status')).toBe('sent');
    expect(await page.locator('.attachment').count()).toBe(0);
    const image = bot.requestsTo('/whatsapp/message/image').at(-1)!;
    expect(image.files!.file!.bytes.equals(png)).toBe(true);
    expect(image.form).toMatchObject({ caption: 'New stock today' });
    const doc = bot.requestsTo('/whatsapp/message/doc').at(-1)!;
    expect(doc.files!.file!.bytes.equals(pdf)).toBe(true);
    expect(doc.form).toMatchObject({ filename: 'Invoice 17.pdf' });

    expect(await outBubble('image').locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await outBubble('document').getByText('Invoice 17.pdf').waitFor();
    await shot('41-files-sent');
  });

  it('opens a sent picture large and saves it, and saves a PDF under its name', async () => {
    await outBubble('image').getByRole('button', { name: /^Open/ }).click();
    const viewer = page.getByRole('dialog', { name: 'shop.png' });
    expect(await viewer.locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await shot('42-lightbox');
    await shot('42-lightbox-dark', true);
    const [picture] = await Promise.all([page.waitForEvent('download'), viewer.getByRole('button', { name: 'Save' }).click()]);
    expect(picture.suggestedFilename()).toBe('shop.png');
    await viewer.getByRole('button', { name: 'Close' }).click();
    await viewer.waitFor({ state: 'detached' });
    const [document] = await Promise.all([page.waitForEvent('download'), outBubble('document').getByRole('button', { name: 'Save' }).click()]);
    expect(document.suggestedFilename()).toBe('Invoice 17.pdf');
  });

  it('takes a file dropped on the conversation and a picture pasted into the message box', async () => {
    const dropped = f.pdf(3000);
    const data = await transfer('Price list.pdf', 'application/pdf', dropped);
    await page.dispatchEvent('.conversation', 'dragenter', { dataTransfer: data });
    await page.getByText('Drop to attach').waitFor();
    await shot('43-drop-zone');
    await page.dispatchEvent('.conversation', 'drop', { dataTransfer: data });
    expect(await page.getByText('Drop to attach').count()).toBe(0);
    await card('Price list.pdf').and(page.locator('[data-phase="ready"]')).waitFor();

    const pasted = f.png(5000);
    const clip = await transfer('image.png', 'image/png', pasted);
    await page.getByLabel('Type a message').evaluate((box, clipboardData) => box.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true })), clip);
    await card('image.png').and(page.locator('[data-phase="ready"]')).waitFor();
    await page.getByLabel('Type a message').fill('Both attached');
    await sendButton().click();
    await page.locator('.bubble[data-direction="out"]').filter({ hasText: 'Both attached' }).waitFor();
    await expect.poll(() => bot.requestsTo('/whatsapp/message/image').at(-1)!.files!.file!.bytes.equals(pasted)).toBe(true);
    expect(bot.requestsTo('/whatsapp/message/doc').at(-1)!.files!.file!.bytes.equals(dropped)).toBe(true);
    expect(await page.getByLabel('Type a message').inputValue()).toBe('');
  });

  it('refuses a picture over WhatsApp’s 5 MB in words, sends nothing, and sends it as a document when asked', async () => {
    const before = bot.requests.length;
    const count = (await client.call('threads:messages', { threadId: threads.bot })).length;
    const staged = outgoingFiles();
    const poster = f.jpeg(6 * 1024 * 1024);
    await fileInput().setInputFiles({ name: 'poster.jpg', mimeType: 'image/jpeg', buffer: poster });
    await card('poster.jpg').getByText('Pictures can be at most 5.0 MB on WhatsApp, and this one is 6.0 MB.', { exact: false }).waitFor({ timeout: 20_000 });
    expect(await sendButton().isDisabled()).toBe(true);
    await shot('44-too-large');
    await shot('44-too-large-dark', true);
    expect(bot.requests.length).toBe(before);
    expect(await client.call('threads:messages', { threadId: threads.bot })).toHaveLength(count);
    expect(outgoingFiles()).toBe(staged);

    await card('poster.jpg').getByRole('button', { name: 'Send as a document' }).click();
    await card('poster.jpg').and(page.locator('[data-phase="ready"]')).waitFor({ timeout: 20_000 });
    await sendButton().click();
    const bubble = page.locator('.bubble[data-direction="out"][data-kind="document"]').filter({ hasText: 'poster.jpg' });
    await expect.poll(() => bubble.getAttribute('data-status'), { timeout: 20_000 }).toBe('sent');
    expect(bot.requestsTo('/whatsapp/message/doc').at(-1)!.files!.file!.bytes.equals(poster)).toBe(true);
  }, 60_000);

  it('forgets a file taken away with ×', async () => {
    const staged = outgoingFiles();
    await fileInput().setInputFiles({ name: 'draft.pdf', mimeType: 'application/pdf', buffer: f.pdf(2000) });
    await card('draft.pdf').and(page.locator('[data-phase="ready"]')).waitFor();
    expect(outgoingFiles()).toBe(staged + 1);
    await card('draft.pdf').getByRole('button', { name: 'Remove attachment' }).click();
    expect(await page.locator('.attachment').count()).toBe(0);
    await expect.poll(() => outgoingFiles()).toBe(staged);
  });
});

describe('mconnect: files it fetches from a link', () => {
  it('says there is no public address yet, then serves the picture the provider fetches byte for byte', async () => {
    await open(/Sari/);
    await fileInput().setInputFiles({ name: 'stock.png', mimeType: 'image/png', buffer: png });
    await card('stock.png').getByText(/fetches files from a link, and Switchboard has no public address yet/).waitFor();
    await setPublicUrl(proxy.url);
    await card('stock.png').getByRole('button', { name: 'Check again' }).click();
    await card('stock.png').and(page.locator('[data-phase="ready"]')).waitFor();
    await page.getByLabel('Caption for stock.png').fill('Stok baru');
    await sendButton().click();
    await expect.poll(() => outBubble('image').getAttribute('data-status')).toBe('sent');
    const sent = mc.sent.at(-1)!;
    expect(sent).toMatchObject({ action: 'sendWhatsappFile', caption: 'Stok baru', fileUrl: expect.stringMatching(new RegExp(`^${proxy.url}/files/`)) });
    expect(sent.fetch).toMatchObject({ url: sent.fileUrl, status: 200, contentType: 'image/png' });
    expect(sent.fetch!.bytes!.equals(png)).toBe(true);
    await shot('45-mconnect-sent');
  });

  it('shows a customer’s picture as a thumbnail; a failed download says why and is tried again', async () => {
    await expect.poll(() => mc.webhookUrl()).toMatch(new RegExp(`^${proxy.url}/hooks/`));
    const photo = await drawn('image/jpeg', 'Batik, size M?', ['#d9921a', '#d93025']);
    expect(await mc.sendCustomerMessage({ from: '6281234567001', senderName: 'Rina', messageId: '3EB0E2E0001', file: { bytes: photo, ext: 'jpeg' } })).toBe(200);
    await open(/Rina/);
    const thumb = page.locator('.bubble[data-direction="in"] img');
    await expect.poll(() => thumb.first().getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    expect(Buffer.from((await thumb.first().getAttribute('src'))!.split(',')[1]!, 'base64').equals(photo)).toBe(true);
    await shot('46-received-picture');
    await shot('46-received-picture-dark', true);

    const late = '/api/v1.0/whatsapp_image/late-photo.jpeg';
    expect(await mc.sendCustomerMessage({ from: '6281234567001', senderName: 'Rina', messageId: '3EB0E2E0002', image: `${mc.url}${late}` })).toBe(200);
    const failed = page.locator('.bubble[data-direction="in"]').last();
    await failed.getByRole('button', { name: 'Try again' }).waitFor();
    await shot('47-download-failed');
    mc.media.add(late, await drawn('image/jpeg', 'This one?', ['#6a4c93', '#1982c4']), 'image/jpeg');
    await failed.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => failed.locator('img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
  });
});
