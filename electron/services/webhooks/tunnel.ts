// An optional public address for the webhook listener through ngrok (its authtoken lives in the
// keychain). Only the listener's port is forwarded: the browser shell and IPC are never exposed.
import type { Wording } from '../../../shared/model';
import type { Logger } from '../log';

/** A reason in English with its message key and values, for the renderer to word (see shared Wording). */
export interface Worded {
  message: string;
  key: string;
  params?: Record<string, string | number>;
}

const wording = (w: Worded): Wording => ({ key: w.key, ...(w.params ? { params: w.params } : {}) });

export interface TunnelHandle {
  url: string;
  close(): Promise<void>;
}

/** How a tunnel is opened; ngrok in the app, a fake in tests. `mark` is a header every forwarded request must carry. */
export type TunnelConnector = (port: number, authtoken: string, mark?: { header: string; value: string }) => Promise<TunnelHandle>;

export const ngrokConnector: TunnelConnector = async (port, authtoken, mark) => {
  const ngrok = await import('@ngrok/ngrok');
  // The mark lets the listener trust the X-Forwarded-For ngrok adds, and only on requests ngrok forwarded.
  const headers = mark ? { request_header_remove: [mark.header], request_header_add: [`${mark.header}:${mark.value}`] } : {};
  const listener = await ngrok.forward({ addr: `127.0.0.1:${port}`, authtoken, ...headers });
  const url = listener.url();
  if (!url) throw new Error('ngrok opened a tunnel without a public URL');
  return { url, close: () => listener.close() };
};

export type TunnelState = { state: 'off' | 'connecting' | 'connected' | 'failed'; url: string | null; error: string | null; errorWording?: Wording | null };

/** Turns ngrok's errors into what the owner can do about them. */
export function explainTunnelError(err: unknown): Worded {
  const text = err instanceof Error ? err.message : String(err);
  const code = (err as { errorCode?: string }).errorCode ?? '';
  if (/ERR_NGROK_10[57]|authtoken|authentication failed/i.test(`${code} ${text}`)) {
    return { message: 'ngrok refused the authtoken. Copy it again from your ngrok dashboard (Your Authtoken) and save it here.', key: 'errors.tunnel.authtoken' };
  }
  if (/failed to (connect|establish)|dns|resolve|network|timed out|ECONN/i.test(text)) {
    return {
      message: "Couldn't reach ngrok: this computer seems to be offline or a firewall blocks it. Webhooks keep arriving on the local address; try again when you are online.",
      key: 'errors.tunnel.offline',
    };
  }
  if (/ERR_NGROK_108|simultaneous|limit/i.test(`${code} ${text}`)) {
    return { message: 'Your ngrok account already has as many tunnels open as its plan allows. Close the other one (or upgrade), then try again.', key: 'errors.tunnel.limit' };
  }
  return { message: `The tunnel could not be opened: ${text}`, key: 'errors.tunnel.failed', params: { reason: text } };
}

export class Tunnel {
  private handle: TunnelHandle | null = null;
  private current: TunnelState = { state: 'off', url: null, error: null };

  constructor(
    private readonly connector: TunnelConnector,
    private readonly log: Logger,
  ) {}

  get state(): TunnelState {
    return { ...this.current };
  }

  async open(port: number, authtoken: string | undefined, mark?: { header: string; value: string }): Promise<TunnelState> {
    await this.close();
    if (!authtoken) {
      const why: Worded = { message: 'Save your ngrok authtoken first (from the ngrok dashboard → Your Authtoken).', key: 'errors.tunnel.noAuthtoken' };
      this.current = { state: 'failed', url: null, error: why.message, errorWording: wording(why) };
      return this.state;
    }
    this.current = { state: 'connecting', url: null, error: null };
    try {
      this.handle = await this.connector(port, authtoken, mark);
      this.current = { state: 'connected', url: this.handle.url.replace(/\/+$/, ''), error: null };
    } catch (err) {
      const why = explainTunnelError(err);
      this.current = { state: 'failed', url: null, error: why.message, errorWording: wording(why) };
      this.log.warn('tunnel failed', { error: err instanceof Error ? err.message : String(err) });
    }
    return this.state;
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    this.current = { state: 'off', url: null, error: null };
    if (h) await h.close().catch(() => undefined);
  }
}

