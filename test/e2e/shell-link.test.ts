// The browser shell's link keeps the long-lived token out of Chromium's history (issue 14,
// finding 7): the link carries a one-time code the page trades for the token, which the page keeps
// only in sessionStorage. After load the address holds neither; going back finds neither; the
// spent link opened again is refused; Chromium's own history and session files on disk never hold
// the token, and any code they hold is spent.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

let shell: ShellProcess;
let browser: BrowserContext | undefined;
let page: Page;
const profile = mkdtempSync(join(tmpdir(), 'sb-chromium-history-'));
let link = '';

beforeAll(async () => {
  shell = await startShellProcess();
  browser = await launchChromium({ profile });
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await shell?.stop();
});

const code = (url: string) => new URL(url).hash.replace('#code=', '');
const connected = (p: Page) => p.getByText('Add your first account').first().waitFor({ timeout: 20_000 });

it('trades the code on load: the address holds neither code nor token', async () => {
  link = shell.openUrl;
  await page.goto(link);
  await connected(page);
  const href = await page.evaluate(() => location.href);
  expect(href).toBe(`${shell.url}/`);
  expect(href).not.toContain(code(link));
  expect(href).not.toContain(shell.token);
});

it('going back and forth finds no code or token in any history entry, and a reload stays connected', async () => {
  await page.goto(`${shell.url}/?elsewhere=1`);
  await connected(page);
  expect(await page.evaluate(() => history.length)).toBeGreaterThanOrEqual(2);
  await page.goBack();
  await connected(page);
  const back = await page.evaluate(() => location.href);
  expect(back).not.toMatch(/code=|token=/);
  expect(back).not.toContain(shell.token);
  await page.reload();
  await connected(page);
});

it('refuses the spent link opened again (from history, another tab or a screenshot)', async () => {
  const other = await browser!.newPage();
  await other.goto(link);
  await other.getByText("This access link isn't accepted").waitFor();
  expect(await other.evaluate(() => location.href)).not.toContain(code(link));
  await other.close();
});

it('leaves the token nowhere in Chromium’s history or session files on disk', async () => {
  await browser!.close();
  browser = undefined;
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      // sessionStorage is where the page keeps the token, by design (this tab's own storage).
      if (name === 'Session Storage') continue;
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(profile);
  expect(files.filter((f) => readFileSync(f).includes(Buffer.from(shell.token)))).toEqual([]);
  const historyFile = join(profile, 'Default', 'History');
  const db = new Database(historyFile, { readonly: true, fileMustExist: true });
  try {
    const urls = (db.prepare('SELECT url FROM urls').pluck().all() as string[]).filter((u) => u.startsWith(shell.url));
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u).not.toContain(shell.token);
    // Whatever code Chromium recorded was spent on load: trading it now is refused.
    for (const u of urls.filter((x) => x.includes('code='))) {
      const res = await fetch(`${shell.url}/session`, { method: 'POST', headers: { origin: shell.url, 'x-switchboard-code': code(u) } });
      expect(res.status).toBe(403);
    }
  } finally {
    db.close();
  }
});
