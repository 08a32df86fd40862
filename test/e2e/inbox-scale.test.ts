// A year of a busy shop in the browser shell: every conversation and every message reachable by
// scrolling, search that finds messages and jumps to them, lists that draw only what is in view,
// and the keyboard alone can get around.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openShellPage } from '../helpers/browser';
import { seedInbox } from '../helpers/seed-inbox';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

const THREADS = 1_200;
const shots = 'test-results/e2e';
let shell: ShellProcess;
let browser: BrowserContext;
let page: Page;

const listbox = () => page.getByRole('listbox', { name: 'Conversations' });
const options = () => listbox().getByRole('option');
const shot = (name: string) => page.screenshot({ path: `${shots}/${name}.png` });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-e2e-scale-'));
  seedInbox(dataDir, { threads: THREADS, messages: 6_000, longThread: 600 });
  shell = await startShellProcess({ SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardE2E-${randomUUID()}` }, dataDir);
  browser = await launchChromium();
  page = await openShellPage(browser, shell.openUrl);
  await listbox().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await shell?.stop();
});

describe('the inbox with a year of conversations', () => {
  it('draws only the rows in view, and reaches the oldest conversation by scrolling', async () => {
    await page.getByText(`${(THREADS + 1).toLocaleString('en-US')} conversations`).waitFor();
    expect(await options().count()).toBeLessThan(60);
    await expect.poll(() => options().first().textContent()).toContain('Long talk');
    // Scroll to the end again and again: each end loads the next page, until the last conversation.
    const last = listbox().locator(`[role="option"][aria-posinset="${THREADS + 1}"]`);
    for (let i = 0; i < 60 && !(await last.count()); i++) {
      await listbox().evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(200);
    }
    await last.waitFor();
    expect(await last.getAttribute('aria-setsize')).toBe(String(THREADS + 1));
    expect(await options().count()).toBeLessThan(60);
    await shot('70-inbox-scrolled-to-oldest');
  });

  it('is one Tab stop: arrows, Home and Enter open a conversation', async () => {
    await page.keyboard.press('Control+Shift+L');
    await expect.poll(() => listbox().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Conversation with Long talk' }).waitFor();
    expect(await listbox().getByRole('option', { selected: true }).textContent()).toContain('Long talk');
    // One Tab from the list leaves it (the rows are not Tab stops).
    await page.keyboard.press('Control+Shift+L');
    await expect.poll(() => listbox().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[role="listbox"]') === null)).toBe(true);
  });

  it('loads earlier messages as the operator scrolls up, all the way to the first, keeping only a screenful drawn', async () => {
    const scroller = page.locator('.messages');
    await page.locator('.bubble').filter({ hasText: 'line 599' }).waitFor();
    const first = page.locator('.bubble .text').getByText('line 0', { exact: true });
    for (let i = 0; i < 40 && !(await first.count()); i++) {
      await scroller.evaluate((el) => el.scrollTo(0, 0));
      await page.waitForTimeout(200);
    }
    await first.waitFor();
    expect(await page.locator('.bubble').count()).toBeLessThan(80);
    await shot('71-long-thread-top');
  });

  it('finds a message by a word in it, shows it highlighted, and opens the conversation at it', async () => {
    // A fresh window: the hit is far back in a conversation whose newest messages are what it loads.
    await page.reload();
    await listbox().waitFor();
    await page.keyboard.press('Control+K');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('thread-search');
    await page.keyboard.type('tubr');
    const results = page.getByRole('region', { name: 'Search results' });
    await results.locator('mark', { hasText: 'tubruk' }).waitFor();
    await shot('72-search');
    await results.getByRole('button', { name: /kopi tubruk untuk acara kantor/ }).click();
    const hit = page.locator('.bubble-row.focused .bubble');
    await hit.waitFor();
    expect(await hit.textContent()).toContain('kopi tubruk untuk acara kantor');
    await expect.poll(() => hit.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Jump to latest' }).click();
    await page.locator('.bubble').filter({ hasText: 'line 599' }).waitFor();
    await page.keyboard.press('Control+K');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('thread-search');
    await page.keyboard.press('Escape');
    await listbox().waitFor();
  });

  it('searches inside the open conversation and scrolls to the message picked', async () => {
    await listbox().getByRole('option', { name: /Long talk/ }).click();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const box = page.getByRole('search', { name: 'Search in this conversation' });
    await box.getByRole('searchbox').fill('acara');
    const hits = box.getByRole('list', { name: 'Matching messages' });
    await hits.locator('mark', { hasText: 'acara' }).waitFor();
    expect(await hits.getByRole('listitem').count()).toBe(1);
    await hits.getByRole('button', { name: /kopi tubruk untuk acara kantor/ }).click();
    await expect.poll(() => page.locator('.bubble-row.focused .bubble').textContent()).toContain('kopi tubruk untuk acara kantor');
    await shot('73-search-in-conversation');
    await box.getByRole('searchbox').press('Escape');
    await box.waitFor({ state: 'detached' });
  });

  it('lists its shortcuts, and gives focus back when the list closes', async () => {
    await page.keyboard.press('Control+Shift+L');
    await expect.poll(() => listbox().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.getByText('Search conversations and messages').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await listbox().evaluate((el) => el === document.activeElement)).toBe(true);
  });
});
