// Files in the page: reading one the operator picked, dropped or pasted (as a data: URL, which is
// how `media:stage` takes it), and saving one of a message's files back to disk.
import type { MediaContent } from '../../shared/ipc';
import type { MediaKind, ProviderInfo } from '../../shared/model';
import { t } from './i18n';
import { providerName } from './components/providerWords';

/** WhatsApp's largest file (a document); bigger ones are refused before they are read at all. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** Reads a file as a data: URL, reporting how far it got (0…1) on the way. */
export function readAsDataUrl(file: File, onProgress?: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error(t('attachErrors.notRead'))));
    reader.onerror = () => reject(reader.error ?? new Error(t('attachErrors.notRead')));
    reader.readAsDataURL(file);
  });
}

/** The files in a drop or paste, if any (text and links are left alone). */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  return Array.from(data.files);
}

/** Whether a drag carries files from the desktop (not text or a link from the page). */
export function dragHasFiles(data: DataTransfer | null): boolean {
  return !!data && Array.from(data.types).includes('Files');
}

/** Whether this provider can send a file from this computer (uploaded, or fetched from a served link). */
export function canSendFiles(provider: ProviderInfo | undefined): boolean {
  return !!provider && (provider.capabilities.includes('mediaUpload') || provider.capabilities.includes('mediaUrl'));
}

/** "Infobip OMNI (WhatsApp with SMS failover)" → "Infobip OMNI", for sentences. */
export const shortProviderName = (provider: ProviderInfo): string => providerName(provider).replace(/\s*\(.*\)\s*$/, '');

/**
 * Why a file of this kind goes without a caption on this provider, or null when it can carry one.
 * Uploads carry captions on pictures and videos; links (mconnect, Infobip) on documents too.
 */
export function noCaptionReason(provider: ProviderInfo, kind: MediaKind): string | null {
  if (kind === 'audio') return t('attachErrors.noCaptionAudio');
  // Qontak's room endpoint takes a file and no caption field at all (providers/qontak/room.ts).
  if (provider.id === 'qontak') return `${shortProviderName(provider)} sends files without a caption.`;
  if (kind === 'document' && provider.capabilities.includes('mediaUpload')) return t('attachErrors.noCaptionDocument', { provider: shortProviderName(provider) });
  return null;
}

/** Types the page can show itself: pictures in an <img>, sound and video in the player. */
export function viewable(mimeType: string | null): 'picture' | 'audio' | 'video' | 'pdf' | null {
  const type = (mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  if (['image/jpeg', 'image/png', 'image/gif', 'image/webp'].includes(type)) return 'picture';
  if (['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/ogg', 'audio/wav'].includes(type)) return 'audio';
  if (['video/mp4', 'video/webm'].includes(type)) return 'video';
  if (type === 'application/pdf') return 'pdf';
  return null;
}

function dataUrlToBlob(dataUrl: string, mimeType: string): Blob {
  const comma = dataUrl.indexOf(',');
  const binary = atob(dataUrl.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mimeType });
}

/** Saves a message's file under its own name (the browser's download, Electron's save dialog). */
export function saveFile(content: MediaContent): void {
  const url = URL.createObjectURL(dataUrlToBlob(content.dataUrl, content.mimeType));
  const link = document.createElement('a');
  link.href = url;
  link.download = content.fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
