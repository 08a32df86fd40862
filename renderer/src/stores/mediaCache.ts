// Files of messages as the bubbles show them: `media:read` answers a data: URL, kept here in a
// small in-memory cache (newest used last, oldest dropped first) so scrolling back and forth or
// reopening a picture doesn't fetch it again. Two bubbles asking at once share one request.
import type { MediaContent } from '../../../shared/ipc';
import { call } from '../api';

/** About 60 MB of files (a data: URL is a third larger than its file). */
const MAX_CHARS = 80 * 1024 * 1024;

const cache = new Map<string, MediaContent>();
const inflight = new Map<string, Promise<MediaContent>>();
let total = 0;

function drop(messageId: string): void {
  const old = cache.get(messageId);
  if (!old) return;
  total -= old.dataUrl.length;
  cache.delete(messageId);
}

/** Keeps a message's file, e.g. the picture just sent from this computer, read in the page already. */
export function rememberMedia(messageId: string, content: MediaContent): void {
  drop(messageId);
  if (content.dataUrl.length > MAX_CHARS / 2) return; // one big video would push out every thumbnail
  cache.set(messageId, content);
  total += content.dataUrl.length;
  for (const [id, c] of cache) {
    if (total <= MAX_CHARS) break;
    total -= c.dataUrl.length;
    cache.delete(id);
  }
}

/** The cached copy, marked as just used; undefined when it has to be read. */
export function cachedMedia(messageId: string): MediaContent | undefined {
  const hit = cache.get(messageId);
  if (hit) {
    cache.delete(messageId);
    cache.set(messageId, hit);
  }
  return hit;
}

/** The message's file from the cache or from main; rejects with main's words (an ApiError). */
export function readMedia(messageId: string): Promise<MediaContent> {
  const hit = cachedMedia(messageId);
  if (hit) return Promise.resolve(hit);
  const running = inflight.get(messageId);
  if (running) return running;
  const request = call('media:read', { messageId })
    .then((content) => {
      rememberMedia(messageId, content);
      return content;
    })
    .finally(() => inflight.delete(messageId));
  inflight.set(messageId, request);
  return request;
}

/** Forgets a message's file, e.g. when it was downloaded again. */
export function forgetMedia(messageId: string): void {
  drop(messageId);
}
