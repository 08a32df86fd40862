import WebSocket from 'ws';
import type { Channel, ChannelInput, ChannelOutput, EventName, Result } from '../../shared/ipc';

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

  static connect(openUrl: string): Promise<ShellClient> {
    const u = new URL(openUrl);
    const token = new URLSearchParams(u.hash.slice(1)).get('token');
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
