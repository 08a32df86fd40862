// Notifications end to end in the browser shell (Web Notifications; the desktop app shows the
// same decisions through Electron's Notification): a customer message raises one with sender and
// preview, clicking it opens the conversation, none for the conversation open in a focused
// window, muting a conversation or an account, or do-not-disturb, silences them; the unread total
// is the app badge; and with the window closed the listener keeps answering.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiSimulator } from '../simulators/bot-api/server';
import { launchChromium, navigate, openShellPage } from '../helpers/browser';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

const shots = 'test-results/e2e';
let sim: BotApiSimulator;
let shell: ShellProcess;
let client: ShellClient;
let browser: BrowserContext;
let page: Page;
let sessionId: string;

type Seen = { title: string; body: string | undefined; tag: string | undefined };

// Every Notification the page constructs is recorded (and still shown), so the test sees exactly
// what the operator would, and can click one the way the OS would deliver the click.
const recordNotifications = () => {
  const Real = window.Notification;
  const seen: Notification[] = [];
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      seen.push(this);
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recorded, writable: true, configurable: true });
  (window as unknown as { __notifications: Notification[] }).__notifications = seen;
  // The app badge (Badging API) is recorded the same way: the last number set, 0 once cleared.
  const badges: number[] = [];
  (window as unknown as { __badges: number[] }).__badges = badges;
  const nav = navigator as Navigator & { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
  nav.setAppBadge = (n?: number) => (badges.push(n ?? 0), Promise.resolve());
  nav.clearAppBadge = () => (badges.push(0), Promise.resolve());
};
const lastBadge = () => page.evaluate(() => (window as unknown as { __badges: number[] }).__badges.at(-1) ?? null);

const notifications = () =>
  page.evaluate(() => (window as unknown as { __notifications: Notification[] }).__notifications.map((n) => ({ title: n.title, body: n.body, tag: n.tag })) as Seen[]);
const clickNotification = (index: number) =>
  page.evaluate((i) => (window as unknown as { __notifications: Notification[] }).__notifications.at(i)!.dispatchEvent(new Event('click')), index);
const nav = (name: string) => navigate(page, name);
const say = (from: string, pushName: string, text: string) => sim.sendCustomerMessage({ sessionId, from, pushName, text });

/** Sends `text` (which should stay silent), then a control message from someone never muted, and waits for the control's notification: by then the first was decided. */
async function expectSilent(from: string, pushName: string, text: string): Promise<void> {
  const before = (await notifications()).length;
  expect(await say(from, pushName, text)).toBe(200);
  const control = `Control ${randomUUID().slice(0, 8)}`;
  expect(await say('2348099990000', 'Control Customer', control)).toBe(200);
  await expect.poll(async () => (await notifications()).some((n) => n.body === control)).toBe(true);
  const raised = (await notifications()).slice(before);
  expect(raised.map((n) => n.body)).not.toContain(text);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  sim = await BotApiSimulator.start();
  shell = await startShellProcess({ SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardNotifyE2E-${randomUUID()}` });
  client = await ShellClient.connect(shell.openUrl);
  const seeded = sim.addInstance({ connected: true, phone: '2348000000001' });
  sessionId = seeded.sessionId;
  await client.call('accounts:create', {
    provider: 'bot-api',
    name: 'Lagos shop',
    config: { baseUrl: sim.url, sessionId },
    secrets: { bearerToken: sim.bearerToken, accessToken: seeded.accessToken },
  });
  // The account's webhook is registered in the background after it is created.
  for (let i = 0; i < 150 && !/\/hooks\//.test(sim.instance(sessionId)?.webhookUrl ?? ''); i++) await new Promise((r) => setTimeout(r, 100));
  browser = await launchChromium();
  await browser.grantPermissions(['notifications'], { origin: new URL(shell.openUrl).origin });
  await browser.addInitScript(recordNotifications);
  page = await openShellPage(browser, shell.openUrl);
  await nav('Settings');
  await page.getByRole('heading', { name: 'Notifications' }).waitFor();
});

afterAll(async () => {
  client?.close();
  await browser?.close();
  await shell?.stop();
  await sim?.close();
});

describe('notifications in the browser shell', () => {
  it('shows the sender and a preview of a new customer message', async () => {
    expect(await say('2348011112222', 'Chidi Okafor', 'Hello, is the blue dress still available?')).toBe(200);
    await expect.poll(notifications).toEqual([expect.objectContaining({ title: 'Chidi Okafor', body: 'Hello, is the blue dress still available?' })]);
    await expect.poll(lastBadge).toBe(1);
  });

  it('opens that conversation when the notification is clicked', async () => {
    await nav('Settings');
    await clickNotification(-1);
    await page.getByRole('heading', { level: 2, name: 'Chidi Okafor' }).waitFor();
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Inbox', exact: true }).getAttribute('aria-current')).toBe('page');
    await page.getByText('Hello, is the blue dress still available?').last().waitFor();
    // Read now: the badge clears.
    await expect.poll(lastBadge).toBe(0);
  });

  it('raises none for the conversation open in a focused window, but does when the window is in the background', async () => {
    await expectSilent('2348011112222', 'Chidi Okafor', 'Size M please');
    await page.locator('.bubble').filter({ hasText: 'Size M please' }).first().waitFor();

    // The operator switches to another app: the same conversation, now unseen, notifies again.
    await page.evaluate(() => (document.hasFocus = () => false));
    expect(await say('2348011112222', 'Chidi Okafor', 'Are you there?')).toBe(200);
    await expect.poll(async () => (await notifications()).at(-1)).toMatchObject({ title: 'Chidi Okafor', body: 'Are you there?' });
    await page.evaluate(() => delete (document as { hasFocus?: unknown }).hasFocus);
  });

  it('stays quiet for a muted conversation, and speaks again once unmuted', async () => {
    const mute = page.getByRole('button', { name: 'Mute', exact: true });
    await mute.click();
    await expect.poll(() => mute.getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: `${shots}/60-conversation-muted.png` });
    await nav('Settings');
    await expectSilent('2348011112222', 'Chidi Okafor', 'Muted conversation message');

    await page.getByRole('listitem').filter({ hasText: 'Chidi Okafor' }).getByRole('button', { name: 'Unmute Chidi Okafor' }).click();
    expect(await say('2348011112222', 'Chidi Okafor', 'After unmuting')).toBe(200);
    await expect.poll(async () => (await notifications()).at(-1)?.body).toBe('After unmuting');
  });

  it('stays quiet for every conversation of a muted account', async () => {
    await nav('Accounts');
    const card = page.getByRole('listitem', { name: 'Lagos shop' });
    const mute = card.getByRole('button', { name: 'Mute notifications' });
    await mute.click();
    await expect.poll(() => mute.getAttribute('aria-pressed')).toBe('true');
    const before = (await notifications()).length;
    expect(await say('2348011112222', 'Chidi Okafor', 'Account muted one')).toBe(200);
    expect(await say('2348033334444', 'Ngozi Eze', 'Account muted two')).toBe(200);
    // Both arrive (the rail counts them) without a single notification.
    await nav('Inbox');
    await page.getByRole('option', { name: /Ngozi Eze/ }).waitFor();
    await expect.poll(() => page.getByRole('option', { name: /Chidi Okafor/ }).textContent()).toContain('Account muted one');
    expect((await notifications()).slice(before)).toEqual([]);

    await nav('Accounts');
    await mute.click();
    await expect.poll(() => mute.getAttribute('aria-pressed')).toBe('false');
    expect(await say('2348033334444', 'Ngozi Eze', 'Account unmuted')).toBe(200);
    await expect.poll(async () => (await notifications()).at(-1)).toMatchObject({ title: 'Ngozi Eze', body: 'Account unmuted' });
  });

  it('stays quiet under do-not-disturb, kept across a reload, and speaks again when it is off', async () => {
    await nav('Settings');
    const dnd = page.getByLabel('Do not disturb');
    await dnd.check();
    await page.reload();
    await nav('Settings');
    await expect.poll(() => dnd.isChecked()).toBe(true);
    await page.locator('.notification-settings').screenshot({ path: `${shots}/61-settings-notifications.png` });
    const before = (await notifications()).length;
    expect(await say('2348033334444', 'Ngozi Eze', 'During do not disturb')).toBe(200);
    await nav('Inbox');
    await expect.poll(() => page.getByRole('option', { name: /Ngozi Eze/ }).textContent()).toContain('During do not disturb');
    expect((await notifications()).slice(before)).toEqual([]);

    await nav('Settings');
    await dnd.uncheck();
    await expect.poll(async () => (await client.call('desktop:prefs', {})).doNotDisturb).toBe(false);
    expect(await say('2348033334444', 'Ngozi Eze', 'Back from do not disturb')).toBe(200);
    await expect.poll(async () => (await notifications()).at(-1)?.body).toBe('Back from do not disturb');
  });
});

describe('always on', () => {
  it('keeps answering the provider with the window closed: the message waits, counted, when it opens again', async () => {
    await page.close();
    // The listener answers (and stores) with no window open.
    expect(await say('2348055556666', 'Amaka Obi', 'Sent while the window was closed')).toBe(200);
    page = await browser.newPage();
    await page.goto(shell.openUrl);
    await nav('Inbox');
    await expect.poll(() => page.getByRole('option', { name: /Amaka Obi/ }).textContent()).toContain('Sent while the window was closed');
    await expect.poll(() => page.title()).toMatch(/^\(\d+\) Switchboard$/);
    await expect.poll(lastBadge).toBeGreaterThan(0);
  });
});
