// bench/broadcast: importing and preparing a 100,000-row recipients CSV, as the Broadcasts wizard
// does it — broadcasts:importCsv (parse, detect the delimiter, keep the rows) then
// broadcasts:create (E.164 normalisation, de-duplication, values for each placeholder, one
// transaction into SQLite). Prints rows/s for each step and the peak rss / heapUsed, sampled
// every 5 ms in this same process while the steps run (both steps yield to the event loop, so the
// sampler gets its turns). Also times the report export and a report page, which the campaign
// screen needs at this size.  Run: npx tsx bench/broadcast.ts   (BENCH_ROWS to change the size)
import { performance } from 'node:perf_hooks';
import { campaignCsv } from '../test/broadcast/fixtures';
import { persistentState, startHarness } from '../test/broadcast/harness';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const MB = 1024 * 1024;

interface Peak {
  rss: number;
  heapUsed: number;
}

/** Samples memory until stopped; the peaks include the moments between samples' turns. */
function sampler(): { stop(): Peak; peak: Peak } {
  const peak: Peak = { rss: 0, heapUsed: 0 };
  const take = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  };
  take();
  const timer = setInterval(take, 5);
  return {
    peak,
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

const mb = (n: number): string => `${(n / MB).toFixed(1)} MB`;
const rate = (rows: number, ms: number): string => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;

async function main(): Promise<void> {
  const state = persistentState();
  const h = await startHarness(state);
  const accountId = (await h.t.call('accounts:create', { provider: 'infobip', name: 'Bench', config: { baseUrl: 'http://127.0.0.1:9', scenarioKey: 'S' }, secrets: { apiKey: 'k' } })).id;
  const templateId = (await h.t.call('templates:save', { accountId, providerTemplateId: 'order_ready', name: 'Order ready', namespace: 'ns', language: 'en', body: 'Hi {{1}}, order {{2}} is ready at {{3}}' })).id;

  const fixture = campaignCsv(ROWS, ',');
  const csvText = fixture.csv;
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  console.log(`bench/broadcast: ${ROWS.toLocaleString('en')} rows, ${mb(Buffer.byteLength(csvText))} of CSV (${fixture.invalidRows.length + fixture.missingRows.length} invalid, ${fixture.duplicateRows.length} duplicates)`);
  console.log(`  baseline                rss ${mb(before.rss)}, heapUsed ${mb(before.heapUsed)}`);

  const mem = sampler();
  let t0 = performance.now();
  const preview = await h.call('broadcasts:importCsv', { csvText });
  const importMs = performance.now() - t0;

  t0 = performance.now();
  const created = await h.call('broadcasts:create', {
    name: 'Bench',
    accountId,
    templateId,
    recipients: { kind: 'csv', importId: preview.importId, phoneColumn: 'phone', nameColumn: 'name' },
    variables: { '1': { column: 'name' }, '2': { column: 'order' }, '3': { text: 'Jl. Melati 5' } },
  });
  const createMs = performance.now() - t0;
  const peak = mem.stop();

  if (preview.rowCount !== ROWS || created.campaign.totals.total !== fixture.valid.length) {
    throw new Error(`unexpected result: ${preview.rowCount} rows, ${created.campaign.totals.total} recipients (expected ${fixture.valid.length})`);
  }
  console.log(`  import (parse)          ${importMs.toFixed(0).padStart(6)} ms   ${rate(ROWS, importMs)}`);
  console.log(`  create (prepare+store)  ${createMs.toFixed(0).padStart(6)} ms   ${rate(ROWS, createMs)}   → ${created.campaign.totals.total.toLocaleString('en')} recipients, ${created.rejectedCount} rejected, ${created.duplicateCount} duplicates`);
  console.log(`  import + create         ${(importMs + createMs).toFixed(0).padStart(6)} ms   ${rate(ROWS, importMs + createMs)}`);
  console.log(`  peak while running      rss ${mb(peak.rss)} (+${mb(peak.rss - before.rss)}), heapUsed ${mb(peak.heapUsed)} (+${mb(peak.heapUsed - before.heapUsed)})`);

  const campaignId = created.campaign.id;
  t0 = performance.now();
  const { csv } = await h.call('broadcasts:exportCsv', { campaignId });
  const exportMs = performance.now() - t0;
  t0 = performance.now();
  await h.call('broadcasts:recipients', { campaignId, status: 'pending', offset: 90_000 < created.campaign.totals.total ? 90_000 : 0, limit: 500 });
  const pageMs = performance.now() - t0;
  t0 = performance.now();
  await h.call('broadcasts:get', { campaignId });
  const getMs = performance.now() - t0;
  console.log(`  export report CSV       ${exportMs.toFixed(0).padStart(6)} ms   (${mb(Buffer.byteLength(csv))})`);
  console.log(`  report page (500, deep) ${pageMs.toFixed(1).padStart(6)} ms;  campaign with totals ${getMs.toFixed(1)} ms`);

  await h.close();
  state.remove();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
