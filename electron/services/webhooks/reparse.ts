// Stored webhooks that no parser understood are kept raw (Unparsed events). When an update brings
// better parsers, those events are parsed once more, so customers' messages received before the
// update are not lost. Bump PARSERS_GENERATION with every release whose parsers accept shapes
// the previous one refused.
import type { Db } from '../store/db';
import type { RawEventsRepo } from '../store/raw-events';

/**
 * 1: parsers written from the short provider docs.
 * 2: parsers rebuilt from the providers' real contracts (provider-docs/reference): both bot-API
 *    engines, Qontak's webhooks, Infobip inbound and seen reports, mconnect's engine event.
 */
export const PARSERS_GENERATION = 2;

const KEY = 'parsers_generation';

/** Puts events that failed under an older parser generation back in line; returns how many. */
export function requeueForNewParsers(db: Db, raw: RawEventsRepo, generation = PARSERS_GENERATION): number {
  return db.transaction(() => {
    const seen = Number(db.prepare('SELECT value FROM app_meta WHERE key = ?').pluck().get(KEY) ?? 1);
    if (seen >= generation) return 0;
    const requeued = raw.requeueFailed();
    db.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, String(generation));
    return requeued;
  })();
}
