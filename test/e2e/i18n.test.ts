// Two languages in the browser shell: the window starts in the system language (Chromium here says
// en-US), the Language setting switches it to Bahasa Indonesia at once and for good, and then the
// translated screens show no English from the English file; times are written the Indonesian way.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json';
import id from '../../renderer/src/i18n/id.json';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { launchChromium } from '../helpers/browser';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

const shots = 'test-results/e2e/i18n';
let sim: BotApiSimulator;
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
  shell = await startShellProcess({ SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardI18nE2E-${randomUUID()}` });
  client = await ShellClient.connect(shell.openUrl);
  browser = await launchChromium();
  page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(shell.openUrl);
});

afterAll(async () => {
  client?.close();
  await browser?.close();
  await shell?.stop();
  await sim?.close();
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
