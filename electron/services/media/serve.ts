// Files from this computer for providers that only take links (mconnect file_url, Infobip
// imageUrl): the webhook listener answers GET/HEAD /files/<token>[/<name>] with the one file that
// token was made for. A token is 32 random bytes (base64url), only its SHA-256 is stored, and it
// expires; an unknown, expired or malformed path is a plain 404, like any unknown hook path, and
// nothing maps a path onto the disk. The trailing name is cosmetic: some gateways name the file
// after the link's last segment. Answers are marked so nothing renders them as a page here.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { MediaRepo } from './repo';

const SERVED_PATH = /^\/files\/([A-Za-z0-9_-]{43})(?:\/[^/]*)?$/;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A fresh token and the link path for it (the caller puts the public base in front). */
export function newServedPath(fileName: string): { token: string; path: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, path: `/files/${token}/${encodeURIComponent(fileName)}` };
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: 'not found' }));
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function fileServer(repo: MediaRepo, root: string, now: () => number = Date.now): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void serve(repo, root, now(), req, res).catch(() => {
      if (!res.headersSent) notFound(res);
      else res.destroy();
    });
  };
}

async function serve(repo: MediaRepo, root: string, now: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.resume();
  const path = (req.url ?? '/').split('?')[0]!;
  const m = SERVED_PATH.exec(path);
  const file = m ? repo.served(hashToken(m[1]!), now) : undefined;
  if (!file?.path) return notFound(res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'cache-control': 'no-store' });
    res.end();
    return;
  }
  const abs = join(root, file.path);
  const size = (await stat(abs)).size;
  res.writeHead(200, {
    'content-type': file.mimeType ?? 'application/octet-stream',
    'content-length': String(size),
    'content-disposition': disposition(file.fileName),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'referrer-policy': 'no-referrer',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(abs);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
