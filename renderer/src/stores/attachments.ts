// Files waiting above the composer, per conversation: each is read in the page, staged with
// `media:stage` (main checks its type and the provider's limits at once), then sent with
// `messages:send`. What goes wrong stays on the attachment in words; a caption is never lost.
import { create } from 'zustand';
import type { StagedFile } from '../../../shared/ipc';
import type { AppError } from '../../../shared/model';
import { ApiError, call, toAppError } from '../api';
import { MAX_FILE_BYTES, readAsDataUrl, viewable } from '../files';
import { fileSize } from '../format';
import { t } from '../i18n';
import { useInbox } from './inbox';
import { rememberMedia } from './mediaCache';

/** A problem found here, worded now and again by its key whenever the language changes. */
function keyed(key: string, params?: Record<string, string>): AppError {
  return { code: 'validation', message: t(key, params), key, ...(params ? { params } : {}) };
}

/** reading: in the page · staging: main is checking it · ready: can be sent · failed: refused or unreadable. */
export type AttachmentPhase = 'reading' | 'staging' | 'ready' | 'sending' | 'failed';

export type Attachment = {
  key: string;
  file: File;
  name: string;
  size: number;
  phase: AttachmentPhase;
  /** How much of the file has been read, 0…1. */
  progress: number;
  /** A picture's data: URL, for the thumbnail. */
  preview: string | null;
  staged: StagedFile | null;
  /** Sent as a document (main suggested it when the file is too big or of the wrong type as a picture). */
  asDocument: boolean;
  caption: string;
  error: AppError | null;
};

type AttachmentsState = {
  byThread: Record<string, Attachment[]>;
  add(threadId: string, files: File[]): void;
  remove(threadId: string, key: string): void;
  setCaption(threadId: string, key: string, caption: string): void;
  /** Stages the file again, e.g. after the public address was set; `asDocument` sends it as a document. */
  retry(threadId: string, key: string, asDocument?: boolean): void;
  /** Sends every ready attachment in order; false when one was refused (it stays, with the reason). */
  sendAll(threadId: string, captionable: (a: Attachment) => boolean): Promise<boolean>;
};

export const NO_ATTACHMENTS: Attachment[] = [];
let nextKey = 1;

export const useAttachments = create<AttachmentsState>()((set, get) => {
  const find = (threadId: string, key: string) => get().byThread[threadId]?.find((a) => a.key === key);
  const patch = (threadId: string, key: string, change: Partial<Attachment>) => {
    const list = get().byThread[threadId];
    if (!list?.some((a) => a.key === key)) return false; // removed meanwhile
    set({ byThread: { ...get().byThread, [threadId]: list.map((a) => (a.key === key ? { ...a, ...change } : a)) } });
    return true;
  };
  const drop = (threadId: string, key: string) => {
    const list = (get().byThread[threadId] ?? []).filter((a) => a.key !== key);
    set({ byThread: { ...get().byThread, [threadId]: list } });
  };

  /** Reads and stages one attachment; a file removed meanwhile is discarded again on main. */
  async function stage(threadId: string, key: string): Promise<void> {
    const a = find(threadId, key);
    if (!a) return;
    if (a.size > MAX_FILE_BYTES) {
      patch(threadId, key, { phase: 'failed', error: keyed('attachErrors.tooBig', { max: fileSize(MAX_FILE_BYTES), size: fileSize(a.size) }) });
      return;
    }
    if (a.size === 0) {
      patch(threadId, key, { phase: 'failed', error: keyed('attachErrors.empty') });
      return;
    }
    patch(threadId, key, { phase: 'reading', progress: 0, error: null, staged: null });
    try {
      const dataUrl = await readAsDataUrl(a.file, (progress) => patch(threadId, key, { progress }));
      if (!patch(threadId, key, { phase: 'staging', progress: 1 })) return;
      // As a document the provider's rules for pictures don't apply: main checks again on sending.
      const staged = await call('media:stage', { fileName: a.name, dataBase64: dataUrl, ...(a.asDocument ? {} : { threadId }) });
      const preview = viewable(staged.mimeType) === 'picture' ? dataUrl : null;
      if (!patch(threadId, key, { phase: 'ready', staged, preview })) void call('media:discard', { fileId: staged.fileId }).catch(() => undefined);
    } catch (err) {
      const error = err instanceof ApiError ? err.toAppError() : { ...keyed('attachErrors.unreadable'), detail: toAppError(err).detail };
      patch(threadId, key, { phase: 'failed', error });
    }
  }

  return {
    byThread: {},

    add(threadId, files) {
      const added: Attachment[] = files.map((file) => ({
        key: `a${nextKey++}`,
        file,
        name: file.name.trim() || `pasted-${Date.now()}`,
        size: file.size,
        phase: 'reading',
        progress: 0,
        preview: null,
        staged: null,
        asDocument: false,
        caption: '',
        error: null,
      }));
      set({ byThread: { ...get().byThread, [threadId]: [...(get().byThread[threadId] ?? []), ...added] } });
      // One after another: a few big files don't all sit in memory at once.
      void added.reduce((chain, a) => chain.then(() => stage(threadId, a.key)), Promise.resolve());
    },

    remove(threadId, key) {
      const a = find(threadId, key);
      if (!a) return;
      drop(threadId, key);
      if (a.staged) void call('media:discard', { fileId: a.staged.fileId }).catch(() => undefined);
    },

    setCaption: (threadId, key, caption) => void patch(threadId, key, { caption }),

    retry(threadId, key, asDocument) {
      const a = find(threadId, key);
      if (!a || a.phase === 'reading' || a.phase === 'staging' || a.phase === 'sending') return;
      if (a.staged) void call('media:discard', { fileId: a.staged.fileId }).catch(() => undefined);
      patch(threadId, key, { asDocument: asDocument ?? a.asDocument, staged: null, preview: null });
      void stage(threadId, key);
    },

    async sendAll(threadId, captionable) {
      for (const a of get().byThread[threadId] ?? []) {
        if (a.phase !== 'ready' || !a.staged) continue;
        const staged = a.staged;
        const caption = captionable(a) ? a.caption.trim() : '';
        patch(threadId, a.key, { phase: 'sending', error: null });
        try {
          const message = await useInbox.getState().send(threadId, {
            kind: 'media',
            mediaKind: a.asDocument ? 'document' : staged.kind,
            fileId: staged.fileId,
            fileName: staged.fileName,
            ...(caption ? { caption } : {}),
          });
          if (a.preview) rememberMedia(message.id, { dataUrl: a.preview, mimeType: staged.mimeType, fileName: staged.fileName, size: staged.size });
          drop(threadId, a.key);
        } catch (err) {
          patch(threadId, a.key, { phase: 'ready', error: toAppError(err) });
          return false; // the rest waits, so the files arrive in the order they were attached
        }
      }
      return true;
    },
  };
});
