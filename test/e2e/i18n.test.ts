// Two languages in the browser shell: the window starts in the system language (Chromium here says
// en-US), the Language setting switches it to Bahasa Indonesia at once and for good, and then the
// translated screens show no English from the English file (the Broadcasts screen with every step of
// the New broadcast wizard and a campaign's page, and the Templates screen among them); times are
// written the Indonesian way.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json';
import id from '../../renderer/src/i18n/id.json';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { InfobipSimulator } from '../simulators/infobip/server';
import { launchChromium, openShellPage } from '../helpers/browser';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

const shots = 'test-results/e2e/i18n';
let sim: BotApiSimulator;
let ib: InfobipSimulator;
let shell: ShellProcess;
let client: ShellClient;
let browser: BrowserContext;
let page: Page;

type Tree = { [k: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** English texts that read differently in Indonesian, cut at placeholders and markup into the fixed parts. */
function englishOnly(): string[] {
  const idTexts = new Set(leaves(id as Tree).values());
  const idLeaves = leaves(id as Tree);
  const out = new Set<string>();
  for (const [key, text] of leaves(en as Tree)) {
    const other = idLeaves.get(key) ?? idLeaves.get(key.replace(/_(one|other)$/, '_other'));
    if (other === text || idTexts.has(text)) continue;
    for (const part of text.split(/\{\{\w+\}\}|<\/?\w+>/)) {
      const p = part.replace(/^[\s·—–:,.()]+|[\s·—–:,.()]+$/g, '');
      // Words long enough to mean something; Indonesian shares some short ones (e.g. "via", "Audio").
      if (p.length >= 6 && /\s/.test(p)) out.add(p);
    }
  }
  return [...out];
}

const nav = (name: string) => page.getByRole('navigation').first().getByRole('button', { name, exact: true }).click();

async function visibleText(): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')].flatMap((el) =>
      ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.body.innerText, ...attrs].join('\n');
  });
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  sim = await BotApiSimulator.start({ qrTtlMs: 60_000 });
  ib = await InfobipSimulator.start({ apiKey: 'ib-key' });
  shell = await startShellProcess({ SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardI18nE2E-${randomUUID()}` });
  client = await ShellClient.connect(shell.openUrl);
  browser = await launchChromium();
  page = await openShellPage(browser, shell.openUrl);
});

afterAll(async () => {
  client?.close();
  await browser?.close();
  await shell?.stop();
  await sim?.close();
  await ib?.close();
});

describe('two languages, end to end in the browser shell', () => {
  it('has a linked phone and a customer message to show', async () => {
    const lagos = await client.call('accounts:create', { provider: 'bot-api', name: 'Toko Lagos', config: { baseUrl: sim.url }, secrets: { bearerToken: sim.bearerToken } });
    const inst = await client.call('instances:create', { accountId: lagos.id });
    sim.scan(inst.sessionId, '6281200000001', 'Ponsel Toko');
    await expect.poll(async () => (await client.call('instances:refresh', { id: inst.id })).state, { timeout: 15_000 }).toBe('connected');
    await expect.poll(() => sim.instance(inst.sessionId)?.webhookUrl ?? '').toMatch(/\/hooks\//);
    expect(await sim.sendCustomerMessage({ sessionId: inst.sessionId, from: '6281311112222', pushName: 'Siti Rahma', text: 'Halo, apakah gamis biru masih ada?' })).toBe(200);
    await page.reload();
  });

  it('starts in the system language: English for an en-US browser', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inbox', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect((await client.call('settings:get', {})).language).toBe('system');
  });

  it('switches to Bahasa Indonesia from Settings at once, and keeps it after a reload', async () => {
    await nav('Settings');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('id');
    await page.getByRole('navigation', { name: 'Utama' }).getByRole('button', { name: 'Kotak Masuk', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
    expect((await client.call('settings:get', {})).language).toBe('id');
    await page.reload();
    await page.getByRole('navigation', { name: 'Utama' }).getByRole('button', { name: 'Pengaturan', exact: true }).waitFor();
    await page.screenshot({ path: `${shots}/settings-id.png`, fullPage: true });
  });

  const screens: { nav: string; ready: () => Promise<unknown> }[] = [
    {
      nav: 'Kotak Masuk',
      ready: async () => {
        await page.getByRole('option', { name: /Siti Rahma/ }).click();
        await page.getByLabel('Ketik pesan').waitFor();
      },
    },
    { nav: 'Instans', ready: () => page.getByText('Ponsel Toko').first().waitFor() },
    { nav: 'Kotak Keluar', ready: () => page.getByText('Kotak keluar kosong').waitFor() },
    { nav: 'Akun', ready: () => page.getByRole('button', { name: 'Uji koneksi' }).waitFor() },
    { nav: 'Pengaturan', ready: () => page.getByText('Webhook akun').waitFor() },
  ];

  it('shows no English from the English file on the translated screens', async () => {
    const english = englishOnly();
    expect(english.length).toBeGreaterThan(100);
    const found: Record<string, string[]> = {};
    for (const screen of screens) {
      await nav(screen.nav);
      await screen.ready();
      const text = await visibleText();
      const hits = english.filter((s) => text.includes(s));
      if (hits.length) found[screen.nav] = hits;
      await page.screenshot({ path: `${shots}/${screen.nav.replace(/\s/g, '-').toLowerCase()}.png`, fullPage: true });
    }
    expect(found).toEqual({});
  });

  /** English from en.json on the page now, under `where`. */
  async function englishOn(where: string, english: string[], found: Record<string, string[]>): Promise<void> {
    const text = await visibleText();
    const hits = english.filter((s) => text.includes(s));
    if (hits.length) found[where] = hits;
    await page.screenshot({ path: `${shots}/${where}.png`, fullPage: true });
  }

  it('shows no English on the Broadcasts screen, in every step of the wizard, on a campaign page and on the Templates screen', async () => {
    const english = englishOnly();
    const found: Record<string, string[]> = {};
    // An Infobip account with a template entered by hand, and a campaign that has been sent.
    const account = (await client.call('accounts:create', { provider: 'infobip', name: 'Toko Infobip', config: { baseUrl: ib.url }, secrets: { apiKey: 'ib-key' } })).id;
    const line = await client.call('lines:create', { accountId: account, input: { name: 'Hanya WhatsApp', whatsAppSender: '447860099299' } });
    await client.call('lines:select', { accountId: account, lineId: line.id });
    const template = await client.call('templates:save', { accountId: account, providerTemplateId: 'halo', name: 'Halo', namespace: 'ns', language: 'id', body: 'Halo {{1}}, pesanan Anda sudah dikirim.' });
    const { importId } = await client.call('broadcasts:importCsv', { csvText: 'phone,name\n+6281299990001,Ani\n+6281299990002,Budi\n' });
    const { campaign } = await client.call('broadcasts:create', { name: 'Promo Lebaran', accountId: account, templateId: template.id, recipients: { kind: 'csv', importId, phoneColumn: 'phone', nameColumn: 'name' }, variables: { '1': { column: 'name' } } });
    await client.call('broadcasts:start', { campaignId: campaign.id });
    await expect.poll(async () => (await client.call('broadcasts:get', { campaignId: campaign.id })).totals, { timeout: 20_000 }).toMatchObject({ pending: 0, queued: 0 });
    await page.reload();

    await nav('Siaran');
    await page.locator('ul.campaign-list button.campaign-row', { hasText: 'Promo Lebaran' }).waitFor();
    await englishOn('broadcasts-list', english, found);

    // The wizard, step by step.
    await page.getByRole('button', { name: 'Siaran baru' }).first().click();
    await page.locator('#bc-account').selectOption(account);
    await page.locator(`#bc-template option[value="${template.id}"]`).waitFor({ state: 'attached' });
    await page.locator('#bc-template').selectOption(template.id);
    await englishOn('wizard-1-template', english, found);
    const next = () => page.getByRole('button', { name: 'Lanjut', exact: true }).click();
    await next();
    await englishOn('wizard-2-recipients-empty', english, found);
    // A duplicate row and an unusable number, so the outcome lists rows left out with their reasons
    // (worded from main's keys: electron/services/broadcast/recipients.ts).
    await page.locator('#bc-csv').setInputFiles({ name: 'pelanggan.csv', mimeType: 'text/csv', buffer: Buffer.from('phone,name\n081299990003,Citra\n081299990004,Dodi\n081299990003,Citra\nabc,Eka\n') });
    await page.locator('.csv-summary').waitFor();
    await englishOn('wizard-2-recipients', english, found);
    await page.getByRole('radio', { name: /Pilih dari kontak/ }).click();
    await englishOn('wizard-2-contacts', english, found);
    await page.getByRole('radio', { name: /Impor berkas CSV/ }).click();
    await next();
    await page.locator('#bc-var-1-value').selectOption('name');
    await page.getByRole('button', { name: 'Buat daftar penerima' }).click();
    await page.locator('.outcome').waitFor();
    await page.locator('.outcome').getByText("'abc' bukan nomor telepon").waitFor();
    await page.locator('.recipient-preview .preview-block').waitFor();
    await englishOn('wizard-3-variables', english, found);
    await next();
    await page.getByRole('radio', { name: /Jadwalkan nanti/ }).click();
    await englishOn('wizard-4-schedule', english, found);
    await page.getByRole('radio', { name: /Kirim sekarang/ }).click();
    await next();
    await page.locator('dl.review').waitFor();
    await englishOn('wizard-5-review', english, found);
    await page.getByRole('button', { name: 'Buang', exact: true }).click();
    await page.getByRole('dialog').waitFor();
    await englishOn('wizard-discard', english, found);
    await page.getByRole('dialog').getByRole('button', { name: 'Buang', exact: true }).click();

    // The campaign's page, and its delete confirmation.
    await page.locator('ul.campaign-list button.campaign-row', { hasText: 'Promo Lebaran' }).click();
    await page.locator('#campaign-title').waitFor();
    await page.locator('.report-table').waitFor();
    await englishOn('campaign-page', english, found);

    // The Templates screen, with the form for a template entered by hand open.
    await nav('Template');
    await page.locator('.template-item', { hasText: 'Halo' }).waitFor();
    await englishOn('templates', english, found);
    await page.getByRole('button', { name: 'Tambah template' }).click();
    await page.getByRole('button', { name: 'Simpan template' }).click();
    await englishOn('templates-form', english, found);
    expect(found).toEqual({});
  });

  it('shows the account form of every provider without English: field labels, help and the form\'s refusals', async () => {
    const english = englishOnly();
    const found: Record<string, string[]> = {};
    await nav('Akun');
    await page.getByRole('button', { name: 'Tambah akun' }).first().click();
    const provider = page.locator('#account-provider');
    const ids = await provider.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(ids).toHaveLength(5);
    for (const id of ids) {
      await provider.selectOption(id);
      await englishOn(`account-form-${id}`, english, found);
      // Saved empty: each required field says so, in Indonesian.
      await page.getByRole('button', { name: /^Simpan/ }).click();
      await page.locator('.field-error').first().waitFor();
      await englishOn(`account-form-${id}-errors`, english, found);
    }
    expect(found).toEqual({});
    // A provider's own field label, worded from its key (main sends it in English).
    await provider.selectOption('qontak');
    await page.locator('label', { hasText: 'Kata sandi' }).first().waitFor();
    await page.getByText('Kata sandi Qontak Hub Anda.').waitFor();
    await page.getByRole('button', { name: 'Batal' }).click();
  });

  it('writes times and dates the Indonesian way (Intl in the chosen locale)', async () => {
    await nav('Kotak Masuk');
    const time = (await page.locator('.thread-time').first().textContent())?.trim() ?? '';
    expect(time).toMatch(/^\d{2}\.\d{2}$/);
    await page.getByRole('option', { name: /Siti Rahma/ }).click();
    await expect.poll(async () => page.getByText('Hari ini', { exact: true }).count()).toBeGreaterThan(0);
  });

  it('goes back to the system language (English here) when System is chosen', async () => {
    await nav('Pengaturan');
    await page.getByRole('combobox', { name: 'Bahasa', exact: true }).selectOption('system');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});
