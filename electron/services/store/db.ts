import Database from 'better-sqlite3';
import { AppFailure } from '../errors';
import { latestVersion, migrations } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the app database in WAL mode and brings it to the latest schema.
 * A database written by a newer Switchboard is refused untouched, never opened half-understood.
 */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestVersion) {
      throw new AppFailure(
        'conflict',
        `This data was saved by a newer version of Switchboard (data version ${version}; this app understands up to ${latestVersion}). Install the latest Switchboard to open it. Nothing was changed.`,
        file,
      ).keyed('errors.store.newerData', { version, latest: latestVersion });
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // NORMAL keeps WAL durable across app crashes (only an OS crash can lose the last commit).
    db.pragma('synchronous = NORMAL');
    migrate(db, version);
    cacheStatements(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function migrate(db: Db, from: number): void {
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/**
 * Repositories call `db.prepare(sql)` where they use it; compiling the same SQL again on every
 * call is the largest cost of a busy outbox, so each distinct statement is compiled once.
 */
function cacheStatements(db: Db): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = compile(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  }) as Db['prepare'];
}
