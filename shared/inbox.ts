// The inbox at scale: pages of conversations and messages (keyset cursors, stable while new
// messages arrive) and full-text search results. Merged into `channels` by ipc.ts.
// Platform-free like the rest of shared/.
import { z } from 'zod';
import { Message, Thread } from './model';

const id = z.string().min(1, 'An id is required');
/** An opaque position in a list, as the main side handed it out. */
const Cursor = z.string().min(1).max(200);
const pageSize = (max: number) => z.number().int().min(1).max(max);

export const ThreadPage = z.object({
  threads: z.array(Thread),
  /** Where the next page starts; null at the end of the list. */
  next: Cursor.nullable(),
  /** Conversations in this view (account filter applied), and how many of them have unread messages; null on later pages (unchanged). */
  total: z.number().int().nullable(),
  unread: z.number().int().nullable(),
});
export type ThreadPage = z.infer<typeof ThreadPage>;

export const MessagePage = z.object({
  /** Oldest first. */
  messages: z.array(Message),
  /** Where older messages continue; null when the first message of the thread is included. */
  earlier: Cursor.nullable(),
  /** Where newer messages continue; null when the newest message is included. */
  later: Cursor.nullable(),
});
export type MessagePage = z.infer<typeof MessagePage>;

/**
 * Highlighted text as the main side marks it: the parts between MARK_START and MARK_END matched
 * the query. Private-use characters, so no message text can forge a highlight.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export const SearchHit = z.object({ messageId: id, at: z.number(), direction: z.enum(['in', 'out']), snippet: z.string() });
export const SearchGroup = z.object({
  thread: Thread,
  /** Newest first; empty when only the conversation's name or number matched. */
  hits: z.array(SearchHit),
  /** The conversation's name or number matched, highlighted. */
  titleSnippet: z.string().nullable(),
});
export const SearchResult = z.object({
  groups: z.array(SearchGroup),
  /** More messages matched than were returned: narrow the search. */
  truncated: z.boolean(),
  /** Stored messages not yet in the search index after an update (indexing runs in the background). */
  indexing: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
});
export type SearchGroup = z.infer<typeof SearchGroup>;
export type SearchResult = z.infer<typeof SearchResult>;

export const InboxCounts = z.object({
  /** Unread messages per account id (accounts without any are left out). */
  unreadByAccount: z.record(z.string(), z.number().int()),
});
export type InboxCounts = z.infer<typeof InboxCounts>;

export const inboxChannels = {
  /** Conversations by id (those a list has not loaded: the Outbox's, a search hit's). Unknown ids are left out. */
  'threads:get': { input: z.object({ ids: z.array(id).max(500) }).strict(), output: z.array(Thread) },
  /** Unread totals for the rail, the window title and the dock badge. */
  'threads:counts': { input: z.object({}).strict(), output: InboxCounts },
  /** One page of conversations, newest activity first (unread ones first when asked), per account or all. */
  'threads:page': {
    input: z.object({ accountId: id.optional(), unreadFirst: z.boolean().optional(), cursor: Cursor.optional(), limit: pageSize(500).optional() }).strict(),
    output: ThreadPage,
  },
  /** A thread's newest messages, or those before/after a cursor. */
  'messages:page': {
    input: z.object({ threadId: id, before: Cursor.optional(), after: Cursor.optional(), limit: pageSize(500).optional() }).strict(),
    output: MessagePage,
  },
  /** The messages around one message (jump to a search hit). */
  'messages:around': { input: z.object({ messageId: id, limit: pageSize(500).optional() }).strict(), output: MessagePage },
  /** Full-text search over messages, file names, conversation names and numbers; within one thread when given. */
  'search:messages': {
    input: z.object({ query: z.string().trim().min(1, 'Type something to search for').max(200), threadId: id.optional(), limit: pageSize(500).optional() }).strict(),
    output: SearchResult,
  },
} as const;
