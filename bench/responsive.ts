// bench/responsive: does the window answer clicks while a 1,000-recipient broadcast runs? The
// browser shell sends a campaign through the Infobip simulator at 100 messages/s (every recipient
// becomes a conversation and a message with several status changes, all pushed to the window),
// while Chromium clicks between two rail items and times each click until the screen shows it.
// Baseline: the same clicks with nothing running, in the same window. Prints p50/p99 of both and
// their ratio. Run: npm run bench:responsive   (BENCH_RECIPIENTS to change the size)
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser';
import { ShellClient } from '../test/helpers/shell-client';
import { startShellProcess } from '../test/helpers/shell-process';
import { InfobipSimulator } from '../test/simulators/infobip/server';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 1_000);

/** Clicks alternately on two rail items; each time from the click to the screen showing it. */
async function clicks(page: Page, count: number): Promise<number[]> {
  // A string, so tsx's helpers (__name) never end up inside the page.
  return page.evaluate(`(async (n) => {
    const nav = document.querySelector('nav[aria-label="Main"]');
    const buttons = [...nav.querySelectorAll('button')];
    const inbox = buttons.find((b) => b.textContent.startsWith('Inbox'));
    const outbox = buttons.find((b) => b.textContent.startsWith('Outbox'));
    const out = [];
    for (let i = 0; i < n; i++) {
      const target = i % 2 ? inbox : outbox;
      const t0 = performance.now();
      target.click();
      while (target.getAttribute('aria-current') !== 'page') await new Promise((r) => setTimeout(r, 0));
      // Painted: the next frame after the change.
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      out.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 30));
    }
    return out;
  })(${count})`);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const ib = await InfobipSimulator.start({ apiKey: 'ib-key' });
const shell = await startShellProcess({ SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardBench-${randomUUID()}` });
const client = await ShellClient.connect(shell.openUrl);
const browser = await launchChromium();
try {
  await client.call('settings:update', { defaultCountry: 'ID' });
  const accountId = (await client.call('accounts:create', { provider: 'infobip', name: 'Infobip shop', config: { baseUrl: ib.url }, secrets: { apiKey: 'ib-key' } })).id;
  const scenario = await client.call('lines:create', { accountId, input: { name: 'WhatsApp only', whatsAppSender: '447860099299' } });
  await client.call('lines:select', { accountId, lineId: scenario.id });
  const template = await client.call('templates:save', { accountId, providerTemplateId: 'order_ready', name: 'Order ready', namespace: 'whatsapp:hsm:shop', language: 'en_US', body: 'Hi {{1}}, your order is ready' });
  await client.call('pacing:set', { accountId, rule: { perMinute: 6000, burst: 20, gapMs: [0, 0] } });
  const csv = ['phone,name', ...Array.from({ length: RECIPIENTS }, (_, i) => `0812${String(10_000_000 + i)},Customer ${i}`)].join('\n');
  const imported = await client.call('broadcasts:importCsv', { csvText: csv });
  const { campaign } = await client.call('broadcasts:create', {
    name: 'Bench',
    accountId,
    templateId: template.id,
    recipients: { kind: 'csv', importId: imported.importId, phoneColumn: 'phone', nameColumn: 'name' },
    variables: { '1': { column: 'name' } },
  });

  const page = await browser.newPage();
  await page.goto(shell.openUrl);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  const idle = await clicks(page, 40);

  await client.call('broadcasts:start', { campaignId: campaign.id });
  const started = performance.now();
  const busy: number[] = [];
  let sent = 0;
  while (performance.now() - started < 120_000) {
    busy.push(...(await clicks(page, 10)));
    const c = await client.call('broadcasts:get', { campaignId: campaign.id });
    sent = c.totals.total - c.totals.pending - c.totals.queued;
    if (c.status === 'completed') break;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`idle:   ${idle.length} clicks, p50 ${pct(idle, 0.5).toFixed(1)} ms, p99 ${pct(idle, 0.99).toFixed(1)} ms`);
  console.log(`during: ${busy.length} clicks while ${sent} of ${RECIPIENTS} messages went out in ${seconds.toFixed(1)} s, p50 ${pct(busy, 0.5).toFixed(1)} ms, p99 ${pct(busy, 0.99).toFixed(1)} ms`);
  console.log(`responsive: click p50 ${pct(busy, 0.5).toFixed(1)} ms (${(pct(busy, 0.5) / pct(idle, 0.5)).toFixed(2)}x idle); p99 ${pct(busy, 0.99).toFixed(1)} ms; max ${Math.max(...busy).toFixed(1)} ms`);
} finally {
  client.close();
  await browser.close();
  await shell.stop();
  await ib.close();
}
