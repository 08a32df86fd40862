// Small node:http helpers shared by the provider simulators: bounded body reading, body parsing
// (JSON, urlencoded, multipart via the WHATWG Request parser built into Node), JSON replies and
// the shape in which a simulator records what it received.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UploadedFile {
  filename: string;
  type: string;
  bytes: Buffer;
}

/** One request as a simulator received it, kept for assertions. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  files?: Record<string, UploadedFile>;
  at: number;
}

export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * Reads the whole body, or answers `null` when it exceeds `limit`. An oversized body is still
 * drained (not stored) so the client reads our 413 instead of a reset connection.
 */
export function readBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export type ParsedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; fields: Record<string, string>; files: Record<string, UploadedFile> }
  | { kind: 'invalid'; message: string };

/**
 * Parses by Content-Type. `curl --data '{...}'` (as provider docs often show) sends JSON labelled
 * as urlencoded, so a urlencoded body that looks like JSON is read as JSON; a body with any other
 * or no type must be JSON.
 */
export async function parseBody(body: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (body.length === 0) return { kind: 'none' };
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/form-data') return parseMultipart(body, contentType!);
  const text = body.toString('utf8');
  if (type === 'application/x-www-form-urlencoded' && !/^\s*[[{]/.test(text)) {
    return { kind: 'form', fields: Object.fromEntries(new URLSearchParams(text)), files: {} };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'invalid', message: 'Invalid JSON body' };
  }
}

async function parseMultipart(body: Buffer, contentType: string): Promise<ParsedBody> {
  let data: FormData;
  try {
    const request = new Request('http://simulator.local/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) });
    data = await request.formData();
  } catch {
    return { kind: 'invalid', message: 'Invalid multipart body' };
  }
  const fields: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};
  for (const [name, value] of data.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else files[name] = { filename: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
  }
  return { kind: 'form', fields, files };
}

export function headersRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** First value wins for a repeated key. */
export function queryRecord(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in out)) out[key] = value;
  return out;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

export function sendBytes(res: ServerResponse, status: number, contentType: string, bytes: Buffer | string, headers: Record<string, string> = {}): void {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(buf.length), ...headers });
  res.end(buf);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

/** Recorded requests as JSON-safe values: file bytes are replaced by their size. */
export function summariseRequests(requests: readonly RecordedRequest[]): unknown[] {
  return requests.map((r) => {
    if (!r.files) return r;
    const files = Object.fromEntries(Object.entries(r.files).map(([name, f]) => [name, { filename: f.filename, type: f.type, size: f.bytes.length }]));
    return { ...r, files };
  });
}

/** Starts a server and resolves with its base URL (no trailing slash). */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port: number,
  host: string,
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { server, url: `http://${shownHost}:${address.port}` };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A control-page request's body: a JSON object or form fields, capped at 1 MiB; anything else throws. */
export async function controlBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req, 1024 * 1024);
  if (!raw) throw new Error('Body too large');
  const parsed = await parseBody(raw, req.headers['content-type']);
  if (parsed.kind === 'json' && typeof parsed.value === 'object' && parsed.value !== null) return parsed.value as Record<string, unknown>;
  if (parsed.kind === 'form') return parsed.fields;
  throw new Error('Expected a JSON object body');
}
