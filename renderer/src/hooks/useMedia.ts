// A message's file for a bubble: read (through the in-memory cache) once the bubble scrolls near
// view, and read again when the file changes (downloaded again, say).
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { MediaContent } from '../../../shared/ipc';
import type { AppError } from '../../../shared/model';
import { toAppError } from '../api';
import { cachedMedia, readMedia } from '../stores/mediaCache';

/** True from the moment the element comes within `margin` of the screen. */
export function useNearView<T extends Element>(margin = '300px'): [RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: margin });
    observer.observe(el);
    return () => observer.disconnect();
  }, [near, margin]);
  return [ref, near];
}

type Loaded = { key: string; content: MediaContent | null; error: AppError | null };

/** The file of `messageId` once `wanted`; `version` changes when the file does. */
export function useMediaContent(messageId: string, version: string, wanted: boolean): { content: MediaContent | null; error: AppError | null } {
  const key = `${messageId}:${version}`;
  const [loaded, setLoaded] = useState<Loaded>(() => ({ key, content: cachedMedia(messageId) ?? null, error: null }));
  const current = loaded.key === key ? loaded : { key, content: cachedMedia(messageId) ?? null, error: null };

  useEffect(() => {
    if (!wanted || current.content) return;
    let live = true;
    readMedia(messageId).then(
      (content) => live && setLoaded({ key, content, error: null }),
      (err: unknown) => live && setLoaded({ key, content: null, error: toAppError(err) }),
    );
    return () => {
      live = false;
    };
    // current.content follows from the key: read again only when the key or the wish changes.
  }, [key, wanted]);
  return { content: current.content, error: current.error };
}
