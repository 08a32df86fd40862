// Template broadcasts end to end in the browser shell: one 1,000-row customer file (numbers written
// every which way, some that are not numbers, some people listed twice) made into a broadcast in
// the wizard and sent through the Qontak Hub and the Infobip simulators. Each time the app is
// killed (SIGKILL) mid-campaign and started again on the same data; the campaign finishes, nobody
// gets the message twice, and the final report matches, recipient for recipient, what the
// simulator received. The report also downloads as a CSV from the campaign page.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Campaign, CampaignRecipient, RecipientStatus } from '../../shared/broadcast';
import type { Template } from '../../shared/model';
import { InfobipSimulator } from '../simulators/infobip/server';
import { DOC_TEMPLATE_ID, QontakSimulator } from '../simulators/qontak/server';
import { launchChromium, navigate, openShellPage } from '../helpers/browser';
import { ShellClient } from '../helpers/shell-client';
import { startShellProcess, type ShellProcess } from '../helpers/shell-process';

const shots = 'test-results/e2e';
const env = { SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardBroadcastE2E-${randomUUID()}` };
const DIRECT = '/api/open/v1/broadcasts/whatsapp/direct';
const ADVANCED = '/omni/1/advanced';
/** Fast enough for a 1,000-recipient campaign to take seconds, slow enough for a kill to land midway. */
const PACE = { perMinute: 6000, burst: 20, gapMs: [0, 0] as [number, number] };
const DELIVERED = { groupId: 3, name: 'DELIVERED_TO_HANDSET', channel: 'WHATSAPP' as const };

let qontak: QontakSimulator;
let ib: InfobipSimulator;
let shell: ShellProcess;
let client: ShellClient;
let browser: BrowserContext;
let page: Page;
let qontakAccount: string;
let qontakLine: string;
let qontakTemplate: Template;
let ibAccount: string;
let ibTemplate: Template;

// ---- The customer file, and what the app should make of it, row by row -------------------------

interface Admitted {
  row: number;
  phone: string;
  name: string;
  order: string;
}

interface CustomerFile {
  csv: string;
  admitted: Admitted[];
  invalidRows: number[];
  /** Row → the earlier row with the same number. */
  duplicates: Map<number, number>;
  /** Names on duplicate rows: the first row's name is the one that counts. */
  duplicateNames: Set<string>;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const NOT_NUMBERS = ['abc', '12345', '', 'n/a', '+62 12', '1.23E+11'];

/** 1,000 rows (spreadsheet numbering: the header is row 1), Indonesian mobiles written four ways. */
function customerFile(count = 1000): CustomerFile {
  const lines = ['phone,name,order'];
  const out: CustomerFile = { csv: '', admitted: [], invalidRows: [], duplicates: new Map(), duplicateNames: new Set() };
  const admittedByIndex = new Map<number, Admitted>();
  for (let i = 0; i < count; i++) {
    const row = i + 2;
    const local = pad(i, 8);
    const [a, b] = [local.slice(0, 4), local.slice(4)];
    const written = [`0812 ${a} ${b}`, `+62 812-${a}-${b}`, `62812${local}`, `(0812) ${a}-${b}`][i % 4]!;
    const name = i % 10 === 4 ? `Budi, Jr. ${i}` : i % 10 === 9 ? `Dewi "Ayu" ${i}` : i % 25 === 0 ? `Siti Ñurhaliza ${i}` : `Customer ${i}`;
    const order = `INV-${10_000 + i}`;
    let phoneCell = written;
    if (i % 33 === 5) {
      // ~3%: not a usable number.
      phoneCell = NOT_NUMBERS[out.invalidRows.length % NOT_NUMBERS.length]!;
      out.invalidRows.push(row);
    } else if (i % 50 === 13 && admittedByIndex.has(i - 10)) {
      // ~2%: the same person as ten rows up, the number written another way.
      const first = admittedByIndex.get(i - 10)!;
      phoneCell = `+${first.phone.slice(0, 2)} ${first.phone.slice(2)}`;
      out.duplicates.set(row, first.row);
      out.duplicateNames.add(name);
    } else {
      const r = { row, phone: `62812${local}`, name, order };
      admittedByIndex.set(i, r);
      out.admitted.push(r);
    }
    lines.push([phoneCell, name, order].map(csvCell).join(','));
  }
  out.csv = `${lines.join('\r\n')}\r\n`;
  return out;
}

const file = customerFile();
const fmt = (n: number): string => n.toLocaleString('en');

// ---- Browser and shell helpers -----------------------------------------------------------------

const shot = (name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
const nav = (name: string) => navigate(page, name);
const next = () => page.getByRole('button', { name: 'Next', exact: true }).click();
const badge = () => page.locator('#campaign-title .badge');
/** "Retry failed", then the confirmation it asks for. */
const retryFailed = async () => {
  await page.getByRole('button', { name: 'Retry failed' }).click();
  await page.getByRole('dialog', { name: 'Retry failed messages' }).getByRole('button', { name: /^Send again to/ }).click();
};
const tab = (label: string) => page.getByRole('tab', { name: new RegExp(`^${label}\\b`) });
const tabCount = async (label: string) => Number(((await tab(label).textContent()) ?? '').replace(/\D/g, ''));
const sentOn = (c: Campaign) => c.totals.sent + c.totals.delivered + c.totals.read;
const inDoubt = (r: CampaignRecipient) => r.status === 'queued' && !!r.error?.startsWith('In doubt');

async function campaignNamed(name: string): Promise<Campaign> {
  const c = (await client.call('broadcasts:list', {})).find((x) => x.name === name);
  if (!c) throw new Error(`no campaign named ${name}`);
  return c;
}

/**
 * Polls the campaign (through the shell's IPC) until `pred` holds. More failed recipients than
 * `maxFailed` (none of these campaigns expects more than the one settled by hand) stops the wait
 * at once, with their reasons.
 */
async function campaignWhere(campaignId: string, pred: (c: Campaign) => boolean, what: string, maxFailed = 1, timeoutMs = 40_000): Promise<Campaign> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const c = await client.call('broadcasts:get', { campaignId });
    if (pred(c)) return c;
    const state = JSON.stringify({ status: c.status, error: c.error, totals: c.totals });
    if (c.totals.failed > maxFailed) {
      const { items } = await client.call('broadcasts:recipients', { campaignId, status: 'failed', offset: 0, limit: 3 });
      throw new Error(`waiting for ${what}, ${c.totals.failed} recipients failed: ${state}; first: ${JSON.stringify(items.map((r) => [r.row, r.error]))}`);
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${state}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function allRecipients(campaignId: string): Promise<CampaignRecipient[]> {
  const out: CampaignRecipient[] = [];
  for (;;) {
    const { items, total } = await client.call('broadcasts:recipients', { campaignId, offset: out.length, limit: 500 });
    out.push(...items);
    if (items.length === 0 || out.length >= total) return out;
  }
}

/** The app dies on the spot: no shutdown, whatever is on the wire stays there. */
async function kill(): Promise<void> {
  shell.child.kill('SIGKILL');
  await shell.stop();
  client.close();
}

/** The app starts again on the same data (and keychain), and the page is opened on it afresh. */
async function restart(): Promise<void> {
  shell = await startShellProcess(env, shell.dataDir);
  client = await ShellClient.connect(shell.openUrl);
  await page.goto(shell.openUrl);
}

/** Broadcasts in the rail, then the list (the screen stays on the campaign it last showed). */
async function broadcastsList(): Promise<void> {
  await nav('Broadcasts');
  await page.locator('#campaign-title, #broadcasts-title').first().waitFor();
  if (await page.locator('#campaign-title').isVisible()) await page.getByRole('button', { name: '‹ All broadcasts' }).click();
  await page.locator('#broadcasts-title').waitFor();
}

async function openCampaign(name: string): Promise<void> {
  await broadcastsList();
  await page.locator('ul.campaign-list button.campaign-row', { hasText: name }).click();
  await page.locator('#campaign-title', { hasText: name }).waitFor();
}

/** The New broadcast wizard, start to finish, with the customer file; returns the started campaign. */
async function broadcastThroughWizard(o: { accountId: string; template: Template; name: string; variables: Record<string, string>; preview: string }): Promise<Campaign> {
  await broadcastsList();
  await page.getByRole('button', { name: 'New broadcast' }).first().click();

  // 1. Account and template.
  await page.getByLabel('Account', { exact: true }).selectOption(o.accountId);
  await page.locator(`#bc-template option[value="${o.template.id}"]`).waitFor({ state: 'attached' });
  await page.getByLabel('Template', { exact: true }).selectOption(o.template.id);
  await page.getByLabel('Broadcast name').fill(o.name);
  await next();

  // 2. Recipients from the CSV file, its columns mapped.
  await page.getByRole('radio', { name: 'Import a CSV file' }).click();
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'customers-june.csv', mimeType: 'text/csv', buffer: Buffer.from(file.csv, 'utf8') });
  await page.locator('.csv-summary', { hasText: '1,000 rows · 3 columns: phone, name, order' }).waitFor();
  await page.getByLabel('Phone number column').selectOption('phone');
  await page.getByLabel('Name column').selectOption('name');
  await next();

  // 3. Placeholders from columns, then the list is made: who is in, who is out and why.
  for (const [key, column] of Object.entries(o.variables)) {
    await page.getByLabel(`Source for {{${key}}}`, { exact: true }).selectOption('column');
    await page.getByLabel(`Value for {{${key}}}`, { exact: true }).selectOption(column);
  }
  await page.getByRole('button', { name: 'Create recipients list' }).click();
  const outcome = page.getByRole('region', { name: 'Recipients list' });
  await outcome.waitFor();
  const counts = await outcome.getByRole('status').locator('li').allInnerTexts();
  expect(counts[0]).toBe(`${fmt(file.admitted.length)} recipients will receive it`);
  expect(counts[1]).toMatch(new RegExp(`^${file.duplicates.size} duplicates removed`));
  expect(counts[2]).toMatch(new RegExp(`^${file.invalidRows.length} rows left out`));
  // Every row left out is listed (fewer than 100), in file order, a duplicate naming its first row.
  const listed = await outcome.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(listed.map((cells) => Number(cells[0]))).toEqual([...file.invalidRows, ...file.duplicates.keys()].sort((x, y) => x - y));
  for (const [row, first] of file.duplicates) expect(listed.find((cells) => Number(cells[0]) === row)![2]).toContain(`is already on row ${first}`);
  // The message as the first recipient gets it.
  await page.locator('.recipient-preview', { hasText: o.preview }).waitFor();
  await shot(`50-broadcast-list-made-${o.name.split(' ').at(-1)!.toLowerCase()}`);
  await next();

  // 4. Send now. 5. Review, and start.
  await page.getByRole('radio', { name: 'Send now' }).click();
  await next();
  await page.locator('.review', { hasText: `${fmt(file.admitted.length)} · ${file.invalidRows.length + file.duplicates.size} left out or duplicate` }).waitFor();
  await page.getByRole('button', { name: 'Start broadcast' }).click();
  await page.locator('#campaign-title', { hasText: o.name }).waitFor();
  return campaignNamed(o.name);
}

/** The campaign page shows it moving, and the shell says more than `n` have gone. */
async function progressPast(campaignId: string, n: number): Promise<void> {
  await expect.poll(async () => Number(await page.getByRole('progressbar').getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
  await campaignWhere(campaignId, (c) => sentOn(c) > n, `more than ${n} sent`, 0, 20_000);
}

/** The operator, having checked with the provider that it never got the message, says so in the Outbox. */
async function settleNotArrived(messageId: string): Promise<void> {
  await nav('Outbox');
  const row = page.locator(`li.outbox-row[data-message-id="${messageId}"]`);
  await row.getByRole('button', { name: 'It did not arrive' }).click();
  await expect.poll(() => row.getAttribute('data-status')).toBe('failed');
}

/** Campaign page after the run: Completed, every tab count as the shell has it, the page of rows. */
async function pageShowsCompleted(c: Campaign): Promise<void> {
  await expect.poll(() => badge().textContent(), { timeout: 20_000 }).toBe('Completed');
  await expect.poll(() => tabCount('All')).toBe(c.totals.total);
  for (const s of ['Pending', 'Queued', 'Sent', 'Delivered', 'Read', 'Failed', 'Cancelled'] as const) {
    await expect.poll(() => tabCount(s), { message: `the ${s} tab` }).toBe(c.totals[s.toLowerCase() as RecipientStatus]);
  }
  await page.locator('.pager', { hasText: `Rows 1–100 of ${fmt(c.totals.total)}` }).waitFor();
  expect(await page.locator('#report-panel tbody tr').count()).toBe(100);
}

interface Received {
  to: string;
  name: string | null;
  values: unknown[];
  /** What the report should say for it, from what the provider did with it. */
  status: RecipientStatus;
  messageId: string | null;
}

/**
 * The report against what the provider received: exactly the admitted rows, in file order; each
 * sent once, with its own values; none of the rows left out (a duplicate's own name never goes
 * out); every recipient's status what the provider made of its message.
 */
function reportMatches(final: CampaignRecipient[], received: Received[], valuesOf: (a: Admitted) => unknown[]): void {
  expect(final.map((r) => [r.row, r.phone, r.name])).toEqual(file.admitted.map((a) => [a.row, a.phone, a.name]));
  expect(new Set(final.map((r) => r.messageId)).size).toBe(final.length);
  const times = new Map<string, number>();
  for (const m of received) times.set(m.to, (times.get(m.to) ?? 0) + 1);
  expect([...times].filter(([, n]) => n > 1), 'numbers sent more than once').toEqual([]);
  expect(received).toHaveLength(file.admitted.length);
  const byPhone = new Map(received.map((m) => [m.to, m]));
  const expected = new Map(file.admitted.map((a) => [a.phone, a]));
  const wrong: string[] = [];
  for (const r of final) {
    const m = byPhone.get(r.phone);
    const a = expected.get(r.phone)!;
    if (!m) wrong.push(`row ${r.row} (${r.phone}) is ${r.status} in the report but the provider never got it`);
    else {
      if (JSON.stringify(m.values) !== JSON.stringify(valuesOf(a))) wrong.push(`row ${r.row}: sent ${JSON.stringify(m.values)}, expected ${JSON.stringify(valuesOf(a))}`);
      if (m.name !== null && m.name !== a.name) wrong.push(`row ${r.row}: sent to name ${m.name}, expected ${a.name}`);
      if (m.messageId !== null && m.messageId !== r.messageId) wrong.push(`row ${r.row}: provider has message ${m.messageId}, the report ${r.messageId}`);
      if (r.status !== m.status) wrong.push(`row ${r.row}: report says ${r.status}, provider ${m.status}`);
      if (r.error !== null) wrong.push(`row ${r.row}: error ${r.error}`);
      if (r.sentAt === null) wrong.push(`row ${r.row}: no sent time`);
    }
  }
  expect(wrong).toEqual([]);
  expect(received.filter((m) => m.values.some((v) => file.duplicateNames.has(String(v))) || (m.name !== null && file.duplicateNames.has(m.name)))).toEqual([]);
}

/** Export CSV on the campaign page: a real download, one line per recipient under the header, as the report says. */
async function exportMatches(final: CampaignRecipient[], placeholders: string[]): Promise<void> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/-report-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  const lines = text.split('\r\n').filter((l) => l !== '');
  expect(lines).toHaveLength(final.length + 1);
  expect(lines[0]).toBe(['row', 'phone', 'name', ...placeholders.map((k) => `{{${k}}}`), 'status', 'error', 'message id', 'sent at', 'delivered at', 'read at'].join(','));
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  expect(rows.map((x) => [Number(x.row), x.phone, x.name, ...placeholders.map((k) => x[`{{${k}}}`]), x.status, x['message id']])).toEqual(
    final.map((r) => [r.row, `+${r.phone}`, r.name, ...placeholders.map((k) => r.values[k]), r.status, r.messageId]),
  );
  await page.getByRole('status').filter({ hasText: `Downloaded ${download.suggestedFilename()}.` }).waitFor();
}

// ---- Setup: both simulators, the shell, an account on each (made over IPC: the accounts UI has its own tests) ----

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  qontak = await QontakSimulator.start({ password: 'qontak-pw', clientId: 'qontak-cid', clientSecret: 'qontak-cs' });
  ib = await InfobipSimulator.start({ apiKey: 'ib-key' });
  shell = await startShellProcess(env);
  client = await ShellClient.connect(shell.openUrl);
  await client.call('settings:update', { defaultCountry: 'ID' });

  qontakAccount = (
    await client.call('accounts:create', {
      provider: 'qontak',
      name: 'Toko Qontak',
      config: { baseUrl: qontak.url, username: qontak.username },
      secrets: { password: 'qontak-pw', clientId: 'qontak-cid', clientSecret: 'qontak-cs' },
    })
  ).id;
  const { lines } = await client.call('lines:list', { accountId: qontakAccount });
  qontakLine = lines[0]!.id;
  await client.call('lines:select', { accountId: qontakAccount, lineId: qontakLine });
  qontakTemplate = (await client.call('templates:sync', { accountId: qontakAccount })).find((t) => t.providerTemplateId === DOC_TEMPLATE_ID)!;
  expect(qontakTemplate).toMatchObject({ name: 'message', placeholders: ['1'] });
  await client.call('pacing:set', { accountId: qontakAccount, rule: PACE });

  ibAccount = (await client.call('accounts:create', { provider: 'infobip', name: 'Infobip shop', config: { baseUrl: ib.url }, secrets: { apiKey: 'ib-key' } })).id;
  const scenario = await client.call('lines:create', { accountId: ibAccount, input: { name: 'WhatsApp only', whatsAppSender: '447860099299' } });
  await client.call('lines:select', { accountId: ibAccount, lineId: scenario.id });
  ibTemplate = await client.call('templates:save', {
    accountId: ibAccount,
    providerTemplateId: 'order_ready',
    name: 'Order ready',
    namespace: 'whatsapp:hsm:shop',
    language: 'en_US',
    body: 'Hi {{1}}, order {{2}} is ready',
  });
  await client.call('pacing:set', { accountId: ibAccount, rule: PACE });

  browser = await launchChromium();
  page = await openShellPage(browser, shell.openUrl);
});

afterAll(async () => {
  client?.close();
  await browser?.close();
  await shell?.stop();
  await Promise.all([qontak?.close(), ib?.close()]);
});

// ---- The two campaigns -------------------------------------------------------------------------

it('Qontak Hub: a killed send is held in doubt, settled by the operator and retried; everyone else gets exactly one broadcast', async () => {
  const name = 'June invoices Qontak';
  const first = file.admitted[0]!;
  const campaign = await broadcastThroughWizard({
    accountId: qontakAccount,
    template: qontakTemplate,
    name,
    variables: { '1': 'name' },
    preview: `Hi ${first.name}, Silakan periksa invoice di email anda.`,
  });
  expect(campaign.totals.total).toBe(file.admitted.length);
  await progressPast(campaign.id, 100);
  await shot('51-broadcast-qontak-running');

  // Qontak takes its time answering the next broadcast; the app dies while waiting for the answer.
  const before = qontak.requestsTo(DIRECT).length;
  qontak.failNext(1, { status: 201, body: { status: 'success', data: {} }, delayMs: 10_000 }, DIRECT);
  await expect.poll(() => qontak.requestsTo(DIRECT).length, { interval: 2 }).toBeGreaterThan(before);
  await kill();
  const caught = qontak.requestsTo(DIRECT)[before]!.json as { to_number: string };
  expect(qontak.broadcasts.some((b) => b.request.to_number === caught.to_number)).toBe(false);
  expect(qontak.broadcasts.length).toBeLessThan(file.admitted.length - 100);
  await restart();

  // Only that one is in doubt; it is not sent again by itself, and holds the campaign open once the rest are sent.
  const doubted = (await allRecipients(campaign.id)).filter(inDoubt);
  expect(doubted.map((r) => r.phone)).toEqual([caught.to_number]);
  const rest = await campaignWhere(campaign.id, (c) => c.totals.pending === 0 && c.totals.queued === 1 && sentOn(c) === file.admitted.length - 1, 'all but the one in doubt sent', 0);
  expect(rest.status).toBe('running');
  expect(qontak.broadcasts.filter((b) => b.request.to_number === caught.to_number)).toEqual([]);
  await openCampaign(name);
  await tab('Queued').click();
  await page.locator('#report-panel tr', { hasText: 'In doubt' }).waitFor();
  await shot('52-broadcast-qontak-in-doubt-after-restart');

  // The operator settles it (Qontak's log does not have it) and sends the failed one again.
  await settleNotArrived(doubted[0]!.messageId!);
  await openCampaign(name);
  await campaignWhere(campaign.id, (c) => c.status === 'completed' && c.totals.failed === 1, 'completed with the settled one failed');
  await expect.poll(() => badge().textContent()).toBe('Completed');
  await expect.poll(() => tabCount('Failed')).toBe(1);
  await retryFailed();
  await campaignWhere(campaign.id, (c) => c.status === 'completed' && c.totals.sent === file.admitted.length, 'completed with everyone sent');

  // Qontak moves some along; the app reads its broadcast log when asked.
  const accepted = qontak.broadcasts;
  accepted.slice(10, 13).forEach((b) => qontak.setBroadcastStatus(b.id, 'delivered'));
  accepted.slice(20, 22).forEach((b) => qontak.setBroadcastStatus(b.id, 'read'));
  await nav('Accounts');
  await page.getByRole('listitem', { name: 'Toko Qontak' }).getByRole('button', { name: 'Check delivery reports now' }).click();
  await page.getByRole('listitem', { name: 'Toko Qontak' }).getByText(/messages? updated/).waitFor({ timeout: 20_000 });
  const done = await campaignWhere(campaign.id, (c) => c.totals.delivered === 3 && c.totals.read === 2, 'the reports applied');
  expect(done.totals).toMatchObject({ total: file.admitted.length, pending: 0, queued: 0, sent: file.admitted.length - 5, failed: 0, cancelled: 0 });

  await openCampaign(name);
  await pageShowsCompleted(done);
  await shot('53-broadcast-qontak-completed');

  const final = await allRecipients(campaign.id);
  const received: Received[] = qontak.broadcasts.map((b) => {
    const req = b.request as { to_number: string; to_name: string; message_template_id: string; channel_integration_id: string; parameters: { body: { key: string; value_text: string }[] } };
    expect(req).toMatchObject({ message_template_id: DOC_TEMPLATE_ID, channel_integration_id: qontakLine });
    expect(req.parameters.body.map((p) => p.key)).toEqual(['1']);
    return { to: req.to_number, name: req.to_name, values: req.parameters.body.map((p) => p.value_text), status: b.status === 'pending' ? 'sent' : b.status, messageId: null };
  });
  reportMatches(final, received, (a) => [a.name]);
  // Every request Qontak saw: one per recipient, plus the one the kill cut off (never accepted).
  expect(qontak.requestsTo(DIRECT)).toHaveLength(file.admitted.length + 1);
  await exportMatches(final, ['1']);
}, 120_000);

it('Infobip OMNI: killed mid-campaign, restarted, and every admitted recipient gets exactly one message', async () => {
  const name = 'Orders ready Infobip';
  const first = file.admitted[0]!;
  const campaign = await broadcastThroughWizard({
    accountId: ibAccount,
    template: ibTemplate,
    name,
    variables: { '1': 'name', '2': 'order' },
    preview: `Hi ${first.name}, order ${first.order} is ready`,
  });
  await progressPast(campaign.id, 100);
  // Wherever the kill lands: at most the one message on the wire is left in doubt.
  await kill();
  expect(ib.sent.length).toBeLessThan(file.admitted.length - 100);
  await restart();

  const doubted = (await allRecipients(campaign.id)).filter(inDoubt);
  expect(doubted.length).toBeLessThanOrEqual(1);
  let retried = false;
  const deliveredIds = new Set<string>();
  for (const r of doubted) {
    const got = ib.sent.filter((m) => m.messageId === r.messageId);
    expect(got.length).toBeLessThanOrEqual(1);
    if (got.length === 1) {
      // Infobip has it (under the app's own id): its delivery report settles it, nothing is sent again.
      await ib.deliver(r.messageId!, DELIVERED);
      deliveredIds.add(r.messageId!);
      await nav('Accounts');
      await page.getByRole('listitem', { name: 'Infobip shop' }).getByRole('button', { name: 'Check delivery reports now' }).click();
      await page.getByRole('listitem', { name: 'Infobip shop' }).getByText(/messages? updated/).waitFor();
    } else {
      await settleNotArrived(r.messageId!);
      retried = true;
    }
  }
  await openCampaign(name);
  if (retried) {
    await campaignWhere(campaign.id, (c) => c.status === 'completed' && c.totals.failed === 1, 'completed with the settled one failed');
    await retryFailed();
  }
  await campaignWhere(campaign.id, (c) => c.status === 'completed' && sentOn(c) === file.admitted.length, 'completed with everyone sent');

  // Reports for a few: delivered to the handset.
  for (const m of ib.sent.filter((x) => !deliveredIds.has(x.messageId)).slice(200, 205)) {
    await ib.deliver(m.messageId, DELIVERED);
    deliveredIds.add(m.messageId);
  }
  await nav('Accounts');
  await page.getByRole('listitem', { name: 'Infobip shop' }).getByRole('button', { name: 'Check delivery reports now' }).click();
  await page.getByRole('listitem', { name: 'Infobip shop' }).getByText(/messages? updated/).waitFor();
  const done = await campaignWhere(campaign.id, (c) => c.totals.delivered === deliveredIds.size, 'the reports applied');
  expect(done.totals).toMatchObject({ total: file.admitted.length, pending: 0, queued: 0, failed: 0, cancelled: 0, sent: file.admitted.length - deliveredIds.size });

  await openCampaign(name);
  await pageShowsCompleted(done);
  await shot('54-broadcast-infobip-completed');

  const final = await allRecipients(campaign.id);
  const received: Received[] = ib.sent.map((m) => {
    expect(m.whatsApp).toMatchObject({ templateName: 'order_ready', templateNamespace: 'whatsapp:hsm:shop', language: 'en_US' });
    return { to: m.to, name: null, values: m.whatsApp!.templateData as unknown[], status: deliveredIds.has(m.messageId) ? 'delivered' : 'sent', messageId: m.messageId };
  });
  reportMatches(final, received, (a) => [a.name, a.order]);
  expect(ib.requestsTo(ADVANCED)).toHaveLength(file.admitted.length);
  await exportMatches(final, ['1', '2']);
}, 120_000);
