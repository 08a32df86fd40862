// Inbox search and the background indexing of messages stored before the search index existed.
// Indexing runs in small transactions with a pause between them, so the listener, the outbox and
// the window keep their turns while a year of messages is indexed after an update.
import type { SearchResult } from '../../shared/inbox';
import { AppFailure } from './errors';
import type { Logger } from './log';
import type { Db } from './store/db';
import { SearchIndex } from './store/search';

export class SearchService {
  private readonly index: SearchIndex;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    db: Db,
    private readonly log: Logger,
    private readonly chunk = 2000,
  ) {
    this.index = new SearchIndex(db);
  }

  search(query: string, opts: { threadId?: string; limit?: number }, threadExists: (id: string) => boolean): SearchResult {
    if (opts.threadId && !threadExists(opts.threadId)) throw new AppFailure('not_found', 'That conversation no longer exists.').keyed('errors.notFound.thatConversation');
    return this.index.search(query, opts);
  }

  /** Starts indexing what an update left unindexed, if anything. */
  start(): void {
    if (this.running || this.index.progress() === null) return;
    this.running = true;
    this.log.info('indexing stored messages for search', this.index.progress());
    const step = () => {
      this.timer = null;
      if (!this.running) return;
      let more: boolean;
      try {
        more = this.index.backfillStep(this.chunk);
      } catch (err) {
        // A closed database at shutdown, or a disk problem: stop, try again at the next start.
        this.log.warn('search indexing stopped', { error: String(err) });
        more = false;
      }
      if (more) this.timer = setTimeout(step, 5);
      else this.running = false;
    };
    this.timer = setTimeout(step, 0);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
