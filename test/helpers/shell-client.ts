import WebSocket from 'ws';
import type { Channel, ChannelInput, ChannelOutput, EventName, Result } from '../../shared/ipc';

/** Trades a link's one-time code for the launch's token, as the page does (POST /session from its own origin). */
export async function exchangeCode(openUrl: string): Promise<string> {
  const u = new URL(openUrl);
  const code = new URLSearchParams(u.hash.slice(1)).get('code') ?? u.searchParams.get('code');
  if (!code) throw new Error(`no one-time code in ${openUrl}`);
  const res = await fetch(`${u.origin}/session`, { method: 'POST', headers: { origin: u.origin, 'x-switchboard-code': code } });
  if (!res.ok) throw new Error(`the shell refused the link's code (HTTP ${res.status})`);
  return ((await res.json()) as { token: string }).token;
}

/** A fresh one-time link from a token holder (POST /link), for another page or client. */
export async function mintLink(origin: string, token: string): Promise<string> {
  const res = await fetch(`${origin}/link`, { method: 'POST', headers: { origin, authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`the shell would not make a link (HTTP ${res.status})`);
  return ((await res.json()) as { openUrl: string }).openUrl;
}

/** Talks to a running browser shell the way the renderer does: the IPC contract over its WebSocket. */
export class ShellClient {
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  readonly events: { event: EventName; payload: unknown }[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { kind: string; id?: number; result?: Result<unknown>; events?: [EventName, unknown][] };
      if (frame.kind === 'result') this.pending.get(frame.id!)?.(frame.result!);
      else if (frame.kind === 'events') for (const [event, payload] of frame.events!) this.events.push({ event, payload });
    });
  }

  /** Connects with a one-time link (it is spent, as a browser would spend it). */
  static async connect(openUrl: string): Promise<ShellClient> {
    const u = new URL(openUrl);
    const token = await exchangeCode(openUrl);
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${u.host}/ipc?token=${token}`, { origin: u.origin });
      ws.once('open', () => resolve(new ShellClient(ws)));
      ws.once('error', reject);
    });
  }

  async call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const id = this.nextId++;
    const result = await new Promise<Result<unknown>>((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ kind: 'invoke', id, channel, input }));
    });
    this.pending.delete(id);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as ChannelOutput<C>;
  }

  close(): void {
    this.ws.terminate();
  }
}
