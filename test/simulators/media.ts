// Files as the real services handle them, shared by the simulators:
// - UrlFetcher: a provider that takes a link (mconnect file_url, bot API /message/fileurl and
//   MediaButton image, Infobip whatsApp.imageUrl) downloads it, as the real service does. Every
//   download is recorded as {url, status, bytes} so tests can compare bytes; a failed one is
//   recorded too (the simulators keep answering the send as documented, since none of the docs
//   says how a failed download is reported).
// - MediaHost: files a customer sends, kept on the simulator and served at a plain URL (mconnect's
//   whatsapp_image links) or encrypted as WhatsApp's CDN keeps them (bot API, Baileys `mediaKey`).
import { createCipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface FetchRecord {
  url: string;
  /** HTTP status, or null when the request itself failed. */
  status: number | null;
  contentType: string | null;
  /** The body of a 2xx answer. */
  bytes: Buffer | null;
  error?: string;
  at: number;
}

const FETCH_LIMIT = 110 * 1024 * 1024;

export class UrlFetcher {
  readonly fetches: FetchRecord[] = [];

  async fetch(url: string, timeoutMs = 30_000): Promise<FetchRecord> {
    const record: FetchRecord = { url, status: null, contentType: null, bytes: null, at: Date.now() };
    this.fetches.push(record);
    try {
      const res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
      record.status = res.status;
      record.contentType = res.headers.get('content-type');
      const body = Buffer.from(await res.arrayBuffer());
      if (body.length > FETCH_LIMIT) throw new Error(`file larger than ${FETCH_LIMIT} bytes`);
      if (res.ok) record.bytes = body;
    } catch (err) {
      record.error = err instanceof Error ? err.message : String(err);
    }
    return record;
  }

  /** The downloads of one link (a served link may be fetched more than once). */
  of(url: string): FetchRecord[] {
    return this.fetches.filter((f) => f.url === url);
  }
}

interface Hosted {
  bytes: Buffer;
  contentType: string;
}

export class MediaHost {
  private readonly files = new Map<string, Hosted>();

  /** Keeps `bytes` at `path` (which must start with `/`); answers the path. */
  add(path: string, bytes: Buffer, contentType: string): string {
    this.files.set(path, { bytes, contentType });
    return path;
  }

  remove(path: string): void {
    this.files.delete(path);
  }

  /** Answers a GET/HEAD for a hosted path; false when the path is not one of ours. */
  handle(method: string, path: string, res: ServerResponse): boolean {
    const file = this.files.get(path);
    if (!file) return false;
    res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.bytes.length) });
    res.end(method === 'HEAD' ? undefined : file.bytes);
    return true;
  }
}

const KEY_INFO = { image: 'WhatsApp Image Keys', video: 'WhatsApp Video Keys', audio: 'WhatsApp Audio Keys', document: 'WhatsApp Document Keys' } as const;

export interface EncryptedMedia {
  enc: Buffer;
  mediaKey: string;
  fileSha256: string;
  fileEncSha256: string;
}

/** WhatsApp media encryption as a phone uploads to the CDN: AES-256-CBC, then 10 bytes of HMAC-SHA256. */
export function encryptWhatsAppMedia(plain: Buffer, kind: keyof typeof KEY_INFO): EncryptedMedia {
  const mediaKey = randomBytes(32);
  const keys = Buffer.from(hkdfSync('sha256', mediaKey, Buffer.alloc(32), KEY_INFO[kind], 112));
  const iv = keys.subarray(0, 16);
  const cipher = createCipheriv('aes-256-cbc', keys.subarray(16, 48), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const mac = createHmac('sha256', keys.subarray(48, 80)).update(iv).update(body).digest().subarray(0, 10);
  const enc = Buffer.concat([body, mac]);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('base64');
  return { enc, mediaKey: mediaKey.toString('base64'), fileSha256: sha(plain), fileEncSha256: sha(enc) };
}
