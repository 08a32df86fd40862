// Route matching and reply writing for the bot API simulator (Express-like paths with `:params`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendBytes, sendEmpty, sendJson } from '../http';
import type { Handler, Reply, ScopedHandler } from './context';

export type Route =
  | { method: string; pattern: RegExp; keys: string[]; scoped: false; handler: Handler }
  | { method: string; pattern: RegExp; keys: string[]; scoped: true; handler: ScopedHandler };

/** Express non-strict routing: `/a/b/` is `/a/b`. */
export const normalisePath = (path: string): string => (path.length > 1 ? path.replace(/\/$/, '') : path);

export function compile(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), keys };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (reply.bytes !== undefined) return sendBytes(res, reply.status, reply.contentType ?? 'application/octet-stream', reply.bytes);
  if (reply.json !== undefined) return sendJson(res, reply.status, reply.json);
  sendEmpty(res, reply.status);
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
