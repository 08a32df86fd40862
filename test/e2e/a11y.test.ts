// Accessibility in the browser shell: axe-core on every screen (and the dialogs and menus on them),
// light and dark, at 1280×800 and 1024×700, with no serious or critical violation; focus comes back
// to whatever opened a dialog; menus answer the arrow keys.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { InfobipSimulator } from '../simulators/infobip/server';
import { launchChromium, navigate, openShellPage } from '../helpers/browser';
import { seriousViolations, type AxeFinding } from '../helpers/axe';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

const shots = 'test-results/e2e/a11y';
let sim: BotApiSimulator;
let ib: InfobipSimulator;
let shell: ShellProcess;
let client: ShellClient;
let browser: BrowserContext;
let page: Page;

const nav = (name: string) => navigate(page, name);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  sim = await BotApiSimulator.start({ qrTtlMs: 60_000 });
  ib = await InfobipSimulator.start({ apiKey: 'ib-key' });
  shell = await startShellProcess({ SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardA11yE2E-${randomUUID()}` });
  client = await ShellClient.connect(shell.openUrl);
  browser = await launchChromium({ bypassCSP: true });
  page = await openShellPage(browser, shell.openUrl);
});

afterAll(async () => {
  client?.close();
  await browser?.close();
  await shell?.stop();
  await Promise.all([sim?.close(), ib?.close()]);
});

/** The screens (and open dialogs/menus) to check, each brought up from wherever the page is. */
const views: { name: string; open(): Promise<void>; leave?(): Promise<void> }[] = [
  {
    name: 'inbox',
    async open() {
      await nav('Inbox');
      await page.getByRole('option', { name: /Chidi Okafor/ }).click();
      await page.locator('.bubble[data-direction="out"]').first().waitFor();
    },
  },
  {
    name: 'inbox-attach-menu',
    async open() {
      await page.getByRole('button', { name: 'Attach' }).click();
      await page.locator('#attach-menu').waitFor();
    },
  },
  { name: 'broadcasts', open: () => nav('Broadcasts') },
  {
    name: 'broadcast-wizard',
    async open() {
      await page.getByRole('button', { name: 'New broadcast' }).first().click();
      await page.getByLabel('Broadcast name').waitFor();
    },
    leave: () => page.getByRole('button', { name: 'Close', exact: true }).click(),
  },
  { name: 'instances', open: async () => (await nav('Instances'), await page.getByText('Lagos Shop Phone').first().waitFor()) },
  { name: 'outbox', open: () => nav('Outbox') },
  { name: 'templates', open: async () => (await nav('Templates'), await page.getByText('Order ready').first().waitFor()) },
  { name: 'accounts', open: async () => (await nav('Accounts'), await page.getByRole('listitem', { name: 'Lagos shop' }).waitFor()) },
  {
    name: 'account-form',
    async open() {
      await page.getByRole('button', { name: 'Add account' }).first().click();
      await page.locator('#account-form-title').waitFor();
    },
    leave: () => page.getByRole('button', { name: 'Cancel', exact: true }).click(),
  },
  {
    name: 'accounts-confirm-remove',
    async open() {
      await page.getByRole('listitem', { name: 'Lagos shop' }).getByRole('button', { name: 'Remove' }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'shortcuts-dialog',
    async open() {
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  { name: 'settings', open: async () => (await nav('Settings'), await page.getByText('Registered').first().waitFor()) },
];

async function closeOverlays(): Promise<void> {
  for (let i = 0; i < 3 && (await page.locator('[role="dialog"]').count()) > 0; i++) await page.keyboard.press('Escape');
}

describe('accessibility, end to end in the browser shell', () => {
  it('has something on every screen: a gateway account with a linked phone and a conversation, an Infobip account with a template', async () => {
    const lagos = await client.call('accounts:create', { provider: 'bot-api', name: 'Lagos shop', config: { baseUrl: sim.url }, secrets: { bearerToken: sim.bearerToken } });
    const inst = await client.call('instances:create', { accountId: lagos.id });
    sim.scan(inst.sessionId, '2348000000001', 'Lagos Shop Phone');
    await expect.poll(async () => (await client.call('instances:refresh', { id: inst.id })).state, { timeout: 15_000 }).toBe('connected');
    await expect.poll(() => sim.instance(inst.sessionId)?.webhookUrl ?? '').toMatch(/\/hooks\//);
    expect(await sim.sendCustomerMessage({ sessionId: inst.sessionId, from: '2348011112222', pushName: 'Chidi Okafor', text: 'Hello, is the blue dress still available?' })).toBe(200);
    await page.getByRole('option', { name: /Chidi Okafor/ }).click();
    await page.getByLabel('Type a message').fill('Yes! Size M and L are in stock.');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('.bubble[data-direction="out"]').first().getAttribute('data-status')).toBe('sent');

    const shop = await client.call('accounts:create', { provider: 'infobip', name: 'Infobip shop', config: { baseUrl: ib.url }, secrets: { apiKey: 'ib-key' } });
    await client.call('templates:save', { accountId: shop.id, providerTemplateId: 'order_ready', name: 'Order ready', namespace: 'whatsapp:hsm:shop', language: 'en_US', body: 'Hi {{1}}, order {{2}} is ready' });
    await page.reload();
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const [width, height] of [
      [1280, 800],
      [1024, 700],
    ] as const) {
      it(`has no serious or critical axe violation on any screen, ${scheme}, ${width}×${height}`, async () => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height });
        const report: Record<string, AxeFinding[]> = {};
        for (const view of views) {
          await closeOverlays();
          await view.open();
          const modal = (await page.locator('[role="dialog"][aria-modal="true"]').count()) > 0;
          const found = await seriousViolations(page, modal ? '[role="dialog"][aria-modal="true"]' : undefined);
          if (found.length) report[view.name] = found;
          await page.screenshot({ path: `${shots}/${scheme}-${width}-${view.name}.png` });
          await view.leave?.();
        }
        await closeOverlays();
        expect(report).toEqual({});
      }, 180_000);
    }
  }

  it('gives focus back to the button that opened a dialog when it closes', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await nav('Accounts');
    const expectFocusBackOn = async (opener: ReturnType<Page['getByRole']>) => {
      await opener.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    };
    await expectFocusBackOn(page.getByRole('listitem', { name: 'Lagos shop' }).getByRole('button', { name: 'Remove' }));
    await expectFocusBackOn(page.getByRole('button', { name: 'Keyboard shortcuts' }));

    // A dialog opened from a menu item gives focus to the menu's button (the item is gone).
    await nav('Inbox');
    await page.getByRole('option', { name: /Chidi Okafor/ }).click();
    const attach = page.getByRole('button', { name: 'Attach' });
    await attach.click();
    await page.getByRole('menuitem', { name: 'Send location' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await attach.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('moves through the attach menu with the arrow keys, Home and End', async () => {
    const attach = page.getByRole('button', { name: 'Attach' });
    await attach.focus();
    await page.keyboard.press('ArrowDown');
    const items = page.getByRole('menuitem');
    await items.first().waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    const labels = (await items.allTextContents()).map((s) => s.trim());
    expect(labels.length).toBeGreaterThan(1);
    expect(await focused()).toBe(labels[0]);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(labels[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe(labels.at(-1));
    await page.keyboard.press('Home');
    expect(await focused()).toBe(labels[0]);
    await page.keyboard.press('End');
    expect(await focused()).toBe(labels.at(-1));
    await page.keyboard.press('Escape');
    expect(await attach.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await items.count()).toBe(0);
  });
});
