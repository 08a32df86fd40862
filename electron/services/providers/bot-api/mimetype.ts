// The `mimetype` a file-by-URL send must carry (reference note, Endpoints: `/message/fileurl`
// form chatId, url, type, mimetype, caption). The engine hands it to WhatsApp as the file's type
// and the gateway refuses the send without it (HTTP 400), so it is never left out. In order:
// 1. the type the operator or the staged file already gave;
// 2. the link's file extension;
// 3. the Content-Type the link's server answers a HEAD request with (5 s at most; a generic
//    octet-stream or an HTML page, e.g. a login wall, says nothing and is passed over);
// 4. a default per kind that WhatsApp plays or shows: image/jpeg, video/mp4, audio/mpeg, and for
//    documents application/octet-stream (shown as a file with its name, never rendered).
import { request } from 'undici';
import type { MediaKind } from '../types';

const byExtension: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  '3gp': 'video/3gpp',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  amr: 'audio/amr',
  wav: 'audio/wav',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
};

export const DEFAULT_MIME: Record<MediaKind, string> = { image: 'image/jpeg', video: 'video/mp4', audio: 'audio/mpeg', document: 'application/octet-stream' };

export function mimeFromExtension(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const ext = /\.([a-z0-9]{2,4})$/i.exec(path)?.[1]?.toLowerCase();
  return ext ? (byExtension[ext] ?? null) : null;
}

export async function mimeFromHead(url: string, timeoutMs = 5_000): Promise<string | null> {
  try {
    const res = await request(url, { method: 'HEAD', headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    await res.body.dump();
    if (res.statusCode >= 300) return null;
    const type = String(res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(type) || type === 'application/octet-stream' || type === 'text/html') return null;
    return type;
  } catch {
    return null;
  }
}

export async function mimetypeFor(kind: MediaKind, url: string, given?: string | null): Promise<string> {
  return given || mimeFromExtension(url) || (await mimeFromHead(url)) || DEFAULT_MIME[kind];
}
