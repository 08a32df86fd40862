// Fault injection shared by every simulator: "the next n requests (to this path) answer this
// instead" — a status and body, a delay, or a dropped connection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { delay, sendBytes, sendEmpty, sendJson } from './http';

export interface FaultReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Drop the connection without answering. */
  destroy?: boolean;
  /** Let this many matching requests through normally first (e.g. fail only a second page). */
  skip?: number;
}

export class FaultQueue {
  private readonly faults: { remaining: number; reply: FaultReply; path?: string }[] = [];

  /** `normalise` maps a request path to the form faults are registered under (e.g. no trailing slash). */
  constructor(private readonly normalise: (path: string) => string = (p) => p) {}

  add(n: number, reply: FaultReply, path?: string): void {
    if (n > 0) this.faults.push({ remaining: n, reply, path: path === undefined ? undefined : this.normalise(path) });
  }

  /** Forgets every fault not yet met. */
  clear(): void {
    this.faults.length = 0;
  }

  /** The fault this request meets, if any (consuming one of its uses). */
  take(path: string): FaultReply | null {
    const wanted = this.normalise(path);
    const fault = this.faults.find((f) => f.path === undefined || f.path === wanted);
    if (!fault) return null;
    if (fault.reply.skip) {
      fault.reply = { ...fault.reply, skip: fault.reply.skip - 1 };
      return null;
    }
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault.reply;
  }
}

export async function replyFault(req: IncomingMessage, res: ServerResponse, fault: FaultReply): Promise<void> {
  if (fault.delayMs) await delay(fault.delayMs);
  if (fault.destroy) {
    req.socket.destroy();
    return;
  }
  const headers = fault.headers ?? {};
  if (fault.body === undefined) return sendEmpty(res, fault.status, headers);
  if (typeof fault.body === 'string' || Buffer.isBuffer(fault.body)) {
    return sendBytes(res, fault.status, headers['Content-Type'] ?? headers['content-type'] ?? 'text/plain; charset=utf-8', fault.body, headers);
  }
  sendJson(res, fault.status, fault.body, headers);
}
