// Sends one composed message on a thread, with the busy flag and the main side's error for the form.
import { useInbox, type Outgoing } from '../../stores/inbox';
import { useAction } from '../../hooks/useAction';

export function useSend(threadId: string) {
  const action = useAction();
  const send = useInbox((s) => s.send);
  return { ...action, send: (message: Outgoing) => action.run(() => send(threadId, message)) };
}

/** A full web address, as the contract requires for links the provider fetches. */
export function isWebUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(value.trim());
}

const mimeByExt: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  '3gp': 'video/3gpp',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain',
  csv: 'text/csv',
};

/** The file type a link most likely points at, from its extension; undefined when unsure. */
export function guessMime(url: string): string | undefined {
  try {
    const ext = new URL(url.trim()).pathname.split('.').pop()?.toLowerCase() ?? '';
    return mimeByExt[ext];
  } catch {
    return undefined;
  }
}
