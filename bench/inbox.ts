// bench/inbox: a year of a busy shop's inbox. Seeds 20,000 conversations / 1,000,000 messages
// (and a 100,000-conversation variant) through the app's own schema, then times what the Inbox
// asks for — first page, a deep page, opening a thread, loading earlier messages, search for a
// common word, a rare word and a prefix — with the same queries the app runs (InboxPages,
// SearchIndex). The baseline, run on the same database in the same process, is what the app did
// before: the newest 500 threads and a LIKE '%…%' scan for search. Then, against the browser
// shell in Chromium, the time to the first visible thread list with 10,000 conversations and the
// shell process's RSS after it. Last line:
//   inbox: page p50 X ms; open p50 X ms; search p50 X ms; rss X MB; first list X ms
// Run: npx tsx bench/inbox.ts   (BENCH_MESSAGES / BENCH_THREADS to change the size; BENCH_SKIP_BROWSER=1)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ShellClient } from '../test/helpers/shell-client';
import { launchChromium } from '../test/helpers/browser';
import { seedInbox } from '../test/helpers/seed-inbox';
import { startShellProcess } from '../test/helpers/shell-process';
import { openDatabase, type Db } from '../electron/services/store/db';
import { InboxPages } from '../electron/services/store/inbox-pages';
import { SearchIndex } from '../electron/services/store/search';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const THREADS = Number(process.env.BENCH_THREADS ?? 20_000);
const RUNS = 60;

type Stats = { p50: number; p99: number };

function time(fn: () => unknown, runs = RUNS): Stats {
  for (let i = 0; i < 3; i++) fn(); // warm the statement cache and the page cache
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { p50: t[Math.floor(t.length * 0.5)]!, p99: t[Math.min(t.length - 1, Math.floor(t.length * 0.99))]! };
}

const ms = (s: Stats) => `p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms`;
const ratio = (a: Stats, base: Stats) => (base.p50 / Math.max(a.p50, 0.001)).toFixed(1);

function seed(threads: number): { dir: string; db: Db } {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-inbox-'));
  const started = performance.now();
  seedInbox(dir, {
    threads,
    messages: MESSAGES,
    longThread: 2_000,
    progress: (n) => n % 250_000 === 0 && console.log(`  seeded ${n.toLocaleString('en-US')} messages`),
  });
  console.log(`seeded ${threads.toLocaleString('en-US')} threads / ${MESSAGES.toLocaleString('en-US')} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { dir, db: openDatabase(join(dir, 'switchboard.db')) };
}

function measureStore(threads: number): { page: Stats; open: Stats; search: Stats } {
  const { dir, db } = seed(threads);
  try {
    const pages = new InboxPages(db);
    const search = new SearchIndex(db);
    const first = time(() => pages.threads({ limit: 100 }));
    // A deep page: the cursor 90% down the list, as after scrolling through most of it.
    let cursor: string | null = null;
    for (let i = 0; i < Math.floor((threads * 0.9) / 500); i++) cursor = pages.threads({ limit: 500, ...(cursor ? { cursor } : {}) }).next;
    const deep = time(() => pages.threads({ limit: 100, ...(cursor ? { cursor } : {}) }));
    const unreadFirst = time(() => pages.threads({ limit: 100, unreadFirst: true }));
    const long = db.prepare("SELECT id FROM threads WHERE title = 'Long talk'").pluck().get() as string;
    const open = time(() => pages.messages(long, {}));
    const earlierCursor = pages.messages(long, {}).earlier!;
    const earlier = time(() => pages.messages(long, { before: earlierCursor }));
    const common = time(() => search.search('pesanan'));
    const rare = time(() => search.search('tubruk'));
    const prefix = time(() => search.search('ong'));
    const inThread = time(() => search.search('line', { threadId: long }));
    // Baseline: what the app did before — the newest 500 threads, and a LIKE scan for search.
    const base500 = time(() => db.prepare('SELECT * FROM threads ORDER BY last_at DESC LIMIT 500').all(), 20);
    const like = time(
      () =>
        db
          .prepare("SELECT * FROM threads WHERE title LIKE @q OR phone LIKE @q OR id IN (SELECT thread_id FROM messages WHERE text LIKE @q) ORDER BY last_at DESC LIMIT 500")
          .all({ q: '%tubruk%' }),
      5,
    );
    console.log(`\n${threads.toLocaleString('en-US')} threads, ${MESSAGES.toLocaleString('en-US')} messages`);
    console.log(`  first page (100)        ${ms(first)}   (old newest-500 list: ${ms(base500)}; ${ratio(first, base500)}x)`);
    console.log(`  deep page (90% down)    ${ms(deep)}`);
    console.log(`  unread first page       ${ms(unreadFirst)}`);
    console.log(`  open thread (100 msgs)  ${ms(open)}`);
    console.log(`  load earlier (100)      ${ms(earlier)}`);
    console.log(`  search common "pesanan" ${ms(common)}`);
    console.log(`  search rare "tubruk"    ${ms(rare)}   (old LIKE scan: ${ms(like)}; ${ratio(rare, like)}x faster)`);
    console.log(`  search prefix "ong"     ${ms(prefix)}`);
    console.log(`  search in one thread    ${ms(inThread)}`);
    const worst = [common, rare, prefix].reduce((a, b) => (b.p50 > a.p50 ? b : a));
    return { page: first.p50 > deep.p50 ? first : deep, open, search: worst };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The shell on a 10,000-conversation inbox: Chromium opens it; time until the list shows rows. */
async function measureBrowser(): Promise<{ firstList: number; rss: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-shell-'));
  seedInbox(dir, { threads: 10_000, messages: Math.min(MESSAGES, 1_000_000), longThread: 500 });
  const shell = await startShellProcess({ SWITCHBOARD_KEYCHAIN_SERVICE: `SwitchboardBench-${randomUUID()}` }, dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await page.goto(i === 0 ? shell.openUrl : `${shell.openUrl.split('#')[0]}`);
      await page.getByRole('option').first().waitFor();
      runs.push(performance.now() - started);
    }
    // Exercise the main process the way an operator would before reading its memory.
    const client = await ShellClient.connect(shell.openUrl);
    for (const q of ['pesanan', 'tubruk', 'ong']) await client.call('search:messages', { query: q });
    client.close();
    runs.sort((a, b) => a - b);
    return { firstList: runs[Math.floor(runs.length / 2)]!, rss: rssOf(shell.child.pid!) };
  } finally {
    await browser.close();
    await shell.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const main = measureStore(THREADS);
if (!process.env.BENCH_SKIP_VARIANT) measureStore(100_000);
const browser = process.env.BENCH_SKIP_BROWSER ? { firstList: NaN, rss: NaN } : await measureBrowser();
if (!process.env.BENCH_SKIP_BROWSER) console.log(`\nbrowser shell, 10,000 threads: first visible list p50 ${browser.firstList.toFixed(0)} ms; shell RSS ${browser.rss.toFixed(0)} MB`);
console.log(
  `inbox: page p50 ${main.page.p50.toFixed(2)} ms; open p50 ${main.open.p50.toFixed(2)} ms; search p50 ${main.search.p50.toFixed(2)} ms; rss ${browser.rss.toFixed(0)} MB; first list ${browser.firstList.toFixed(0)} ms`,
);
