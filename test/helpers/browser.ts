import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium, headless, with a fresh profile and no background traffic. `bypassCSP` lets a
 * test add a checker's script (axe-core) to a page whose CSP allows only its own scripts.
 */
export async function launchChromium(options: { bypassCSP?: boolean; profile?: string } = {}): Promise<BrowserContext> {
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'sb-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Goes to a screen through the left rail and waits until it is the current one. A rail item can
 * appear while the click is on its way (Instances shows up with the first QR account), so a click
 * that landed before the rail settled is made again.
 */
export async function navigate(page: Page, name: string, exact = true): Promise<void> {
  const item = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact });
  for (let attempt = 0; ; attempt++) {
    await item.click();
    try {
      await page.waitForFunction((el) => el?.getAttribute('aria-current') === 'page', await item.elementHandle(), { timeout: 2_000 });
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
}

/** A new tab on the browser shell's link, waiting up to 20 s per action (a loaded 2-core CI machine). */
export async function openShellPage(browser: BrowserContext, url: string): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(url);
  return page;
}
