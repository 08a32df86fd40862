// Seeds an app database with a busy shop's inbox: many conversations, many messages, through the
// app's own schema (openDatabase runs the migrations, so the search triggers index every row).
// Used by the inbox end-to-end test and bench/inbox.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/services/store/db';

export interface SeedOptions {
  threads: number;
  /** Messages spread over the threads (each thread gets at least one). */
  messages: number;
  accountId?: string;
  /** Extra messages for one long conversation titled "Long talk". */
  longThread?: number;
  /** Called every 100,000 messages. */
  progress?: (done: number) => void;
}

const WORDS = ['halo', 'kak', 'pesanan', 'saya', 'sudah', 'dikirim', 'belum', 'terima', 'kasih', 'stok', 'warna', 'ukuran', 'harga', 'ongkir', 'besok', 'bisa', 'minta', 'nomor', 'resi', 'promo', 'diskon', 'baju', 'kopi', 'batik', 'tas', 'sepatu', 'jakarta', 'bandung', 'surabaya', 'transfer'];
// Deterministic, so two runs measure the same data.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function sentence(rand: () => number, n = 4 + Math.floor(rand() * 8)): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  return out.join(' ');
}

/** Creates dataDir/switchboard.db with the inbox; returns the ids it made. */
export function seedInbox(dataDir: string, o: SeedOptions): { accountId: string; threadIds: string[]; longThreadId: string | null } {
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'switchboard.db'));
  try {
    return seed(db, o);
  } finally {
    db.close();
  }
}

function seed(db: Db, o: SeedOptions) {
  const rand = rng(42);
  const accountId = o.accountId ?? randomUUID();
  db.prepare(
    "INSERT OR IGNORE INTO accounts (id, provider, name, config, webhook_secret_hash, created_at) VALUES (?, 'mconnect', 'Toko Besar', '{\"endpointUrl\":\"http://127.0.0.1:9\",\"wpNum\":\"6281100000001\",\"company\":\"toko\",\"username\":\"toko\"}', 'x', 0)",
  ).run(accountId);
  const insThread = db.prepare('INSERT INTO threads (id, account_id, instance_id, peer_id, title, phone, last_at, last_message, unread) VALUES (?, ?, \'\', ?, ?, ?, ?, ?, ?)');
  const insMessage = db.prepare(
    "INSERT INTO messages (id, account_id, thread_id, direction, kind, text, provider_message_id, status, at, created_at) VALUES (?, ?, ?, ?, 'text', ?, ?, ?, ?, ?)",
  );
  const setLast = db.prepare('UPDATE threads SET last_message = ?, last_at = ? WHERE id = ?');
  const start = Date.UTC(2025, 11, 1);
  const span = 365 * 24 * 3600 * 1000;
  const threadIds: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < o.threads; i++) {
      const id = randomUUID();
      const phone = `628${String(1_000_000_000 + i)}`;
      insThread.run(id, accountId, phone, `Pelanggan ${String(i).padStart(5, '0')}`, phone, start + Math.floor((i / o.threads) * span), null, i % 17 === 0 ? 1 + (i % 3) : 0);
      threadIds.push(id);
    }
  })();
  // Messages in time order; thread i's messages cluster around its own time.
  const batch = 50_000;
  for (let done = 0; done < o.messages; done += batch) {
    db.transaction(() => {
      for (let k = done; k < Math.min(o.messages, done + batch); k++) {
        const t = k < o.threads ? k : Math.floor(rand() * o.threads);
        const at = start + Math.floor((k / o.messages) * span);
        const text = sentence(rand);
        insMessage.run(randomUUID(), accountId, threadIds[t]!, k % 3 === 0 ? 'out' : 'in', text, `seed-${k}`, k % 3 === 0 ? 'read' : 'received', at, at);
      }
    })();
    o.progress?.(Math.min(o.messages, done + batch));
  }
  // Each conversation's last message, once at the end (per message it would double the seeding time).
  db.prepare(
    `UPDATE threads SET (last_message, last_at) = (SELECT m.text, m.at FROM messages m WHERE m.thread_id = threads.id ORDER BY m.at DESC LIMIT 1)
     WHERE account_id = ? AND EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = threads.id)`,
  ).run(accountId);
  let longThreadId: string | null = null;
  if (o.longThread) {
    longThreadId = randomUUID();
    const at0 = start + span + 1000;
    db.transaction(() => {
      insThread.run(longThreadId, accountId, '6281999999999', 'Long talk', '6281999999999', at0, null, 0);
      for (let k = 0; k < o.longThread!; k++) {
        const text = k === 40 ? 'kopi tubruk untuk acara kantor' : `line ${k}`;
        insMessage.run(randomUUID(), accountId, longThreadId, k % 2 ? 'out' : 'in', text, `long-${k}`, k % 2 ? 'read' : 'received', at0 + k * 60_000, at0 + k * 60_000);
        setLast.run(text, at0 + k * 60_000, longThreadId);
      }
    })();
  }
  return { accountId, threadIds, longThreadId };
}
