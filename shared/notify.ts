// Which live updates become an OS notification, and what it says. Pure, so the window (which
// knows what is on screen) and the tests share one definition.
import type { DesktopPrefs, NotificationContent } from './desktop';
import type { Message, Thread } from './model';
import { unnamedGroupId } from './thread-title';

/** What the operator is looking at: the conversation on screen and whether the window has focus. */
export type Focus = { threadId: string | null; windowFocused: boolean };

/** Why a message raised no notification (null: it should raise one). */
export type Silence = 'doNotDisturb' | 'accountMuted' | 'threadMuted' | 'onScreen' | null;

/** Ids remembered per window; older ones are forgotten first. */
const SEEN_LIMIT = 5000;

/**
 * Messages that just arrived, from one batch of live updates. Storing a new inbound message
 * publishes the message and its thread together (so they share a batch), while later changes to
 * it (a media download finishing) publish the message alone: requiring the thread in the same
 * batch keeps those updates, and anything already seen, from notifying again — also after a reload,
 * when `seen` starts empty.
 */
export function arrivals(messages: Message[], threads: Thread[], seen: Set<string>): Message[] {
  const changedThreads = new Set(threads.map((t) => t.id));
  const out: Message[] = [];
  for (const m of messages) {
    if (m.direction !== 'in' || m.status !== 'received') continue;
    if (seen.has(m.id)) continue;
    remember(seen, m.id);
    if (changedThreads.has(m.threadId)) out.push(m);
  }
  return out;
}

function remember(seen: Set<string>, id: string): void {
  seen.add(id);
  if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
}

export function silencedBy(thread: Pick<Thread, 'id' | 'accountId'>, prefs: DesktopPrefs, focus: Focus): Silence {
  if (prefs.doNotDisturb) return 'doNotDisturb';
  if (prefs.mutedAccounts.includes(thread.accountId)) return 'accountMuted';
  if (prefs.mutedThreads.includes(thread.id)) return 'threadMuted';
  if (focus.windowFocused && focus.threadId === thread.id) return 'onScreen';
  return null;
}

const PREVIEW_MAX = 140;

/** The words around the sender and preview; the window passes them in the operator's language. */
export interface NotifyLabels {
  kind: Record<Message['kind'], string>;
  someone: string;
  inGroup(author: string, group: string): string;
  more(text: string, count: number): string;
  /** A group nobody named (shared/thread-title.ts), by its id. */
  unnamedGroup(id: string): string;
}

const kindLabel: Record<Message['kind'], string> = {
  text: 'Message',
  image: 'Photo',
  video: 'Video',
  audio: 'Audio',
  document: 'Document',
  location: 'Location',
  contact: 'Contact',
  interactive: 'Message',
  template: 'Message',
  unsupported: 'New message',
};

export const englishLabels: NotifyLabels = {
  kind: kindLabel,
  someone: 'Someone',
  inGroup: (author, group) => `${author} in ${group}`,
  more: (text, count) => `${text} (+${count} more)`,
  unnamedGroup: (id) => `Group ${id}`,
};

/** One line of what was said: the text (or caption), else what kind of message it is. */
export function preview(m: Pick<Message, 'kind' | 'text' | 'media'>, labels: NotifyLabels = englishLabels): string {
  const text = (m.text ?? '').replace(/\s+/g, ' ').trim();
  const label = m.kind === 'document' && m.media?.fileName ? `${labels.kind.document}: ${m.media.fileName}` : labels.kind[m.kind];
  const line = text ? (m.kind === 'text' ? text : `${label} · ${text}`) : label;
  return line.length > PREVIEW_MAX ? `${line.slice(0, PREVIEW_MAX - 1).trimEnd()}…` : line;
}

/** The sender in the title (in a group: who, and in which group) and the preview as the body. */
export function notificationContent(m: Message, thread: Thread, more = 0, labels: NotifyLabels = englishLabels): NotificationContent {
  const unnamed = unnamedGroupId(thread);
  const name = unnamed ? labels.unnamedGroup(unnamed) : thread.title;
  const title = thread.isGroup ? labels.inGroup(m.author ?? labels.someone, name) : name;
  const body = more > 0 ? labels.more(preview(m, labels), more) : preview(m, labels);
  return { threadId: thread.id, title: title.slice(0, 200), body: body.slice(0, 500) };
}

/**
 * The notifications one batch raises: at most one per conversation (its newest message, with how
 * many more came along), none for silenced ones.
 */
export function notificationsFor(
  batch: { messages: Message[]; threads: Thread[] },
  seen: Set<string>,
  prefs: DesktopPrefs,
  focus: Focus,
  labels: NotifyLabels = englishLabels,
): NotificationContent[] {
  const threads = new Map(batch.threads.map((t) => [t.id, t]));
  const perThread = new Map<string, Message[]>();
  for (const m of arrivals(batch.messages, batch.threads, seen)) perThread.set(m.threadId, [...(perThread.get(m.threadId) ?? []), m]);
  const out: NotificationContent[] = [];
  for (const [threadId, list] of perThread) {
    const thread = threads.get(threadId)!;
    if (silencedBy(thread, prefs, focus)) continue;
    const newest = list.reduce((a, b) => (b.at >= a.at ? b : a));
    out.push(notificationContent(newest, thread, list.length - 1, labels));
  }
  return out;
}
