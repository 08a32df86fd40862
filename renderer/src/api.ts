// The renderer's only door to the main side: one typed client over two transports. Inside Electron
// the preload exposes `window.switchboard`; in the browser shell the same contract travels over a
// loopback WebSocket guarded by a per-launch token, which a one-time link hands to the page.
import type { AppError } from '../../shared/model';
import { t } from './i18n';
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
  Result,
  ShellFrame,
  ShellRequest,
  SwitchboardApi,
} from '../../shared/ipc';

declare global {
  interface Window {
    switchboard?: SwitchboardApi;
  }
}

/** A failed call, carrying the AppError the main side phrased for humans. */
export class ApiError extends Error {
  readonly code: AppError['code'];
  readonly detail: string | undefined;
  /** The message's key and parameters, so the screen words it in the operator's language. */
  readonly key: AppError['key'];
  readonly params: AppError['params'];
  constructor(error: AppError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.detail = error.detail;
    this.key = error.key;
    this.params = error.params;
  }
  toAppError(): AppError {
    return { code: this.code, message: this.message, ...(this.detail ? { detail: this.detail } : {}), ...(this.key ? { key: this.key } : {}), ...(this.params ? { params: this.params } : {}) };
  }
}

/** Turns anything caught into an AppError fit for the screen. */
export function toAppError(err: unknown): AppError {
  if (err instanceof ApiError) return err.toAppError();
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: t('connectionErrors.internal'), key: 'connectionErrors.internal', detail };
}

/** How the renderer is connected; drives the full-page messages and the reconnect banner. */
export type ConnectionState =
  | 'electron' // preload bridge, always there
  | 'connecting' // browser shell, first attempt
  | 'open'
  | 'reconnecting' // was open (or tried), socket dropped, retrying with backoff
  | 'no-token' // opened without the access link
  | 'refused'; // the service does not accept this token

// Worded where they are shown (errorText), by their keys, in the language of that moment.
const UNREACHABLE: AppError = { code: 'unreachable', message: 'Lost connection to the Switchboard service. Reconnecting…', key: 'connectionErrors.lost' };
const REFUSED: AppError = { code: 'unreachable', message: 'The Switchboard service refused this access link.', key: 'connectionErrors.refused' };
const TOKEN_KEY = 'switchboard.token';
/** How long an invoke may wait in the queue for the socket before it gives up. */
const QUEUE_TIMEOUT_MS = 15_000;
/** Consecutive attempts that never opened while the server answers HTTP: the token is not accepted. */
const REFUSED_AFTER_ATTEMPTS = 2;

let connectionState: ConnectionState = 'connecting';
const connectionListeners = new Set<(state: ConnectionState) => void>();

function setConnectionState(next: ConnectionState): void {
  if (next === connectionState) return;
  connectionState = next;
  for (const listener of connectionListeners) listener(next);
}

export const connection = {
  get: (): ConnectionState => connectionState,
  subscribe(listener: (state: ConnectionState) => void): () => void {
    connectionListeners.add(listener);
    return () => connectionListeners.delete(listener);
  },
};

/** How this page holds the WebSocket token: known, not given, or refused (a spent or forged link). */
type TokenSource = Promise<{ token: string } | 'no-token' | 'refused'>;

function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/**
 * Takes the one-time code from `#code=…`, hides it from the address bar and this history entry at
 * once, and trades it (once) for the token, kept only in this tab's sessionStorage — never in a URL,
 * so never in the browser's history (see electron/shell/server.ts). Without a code, a reload or a
 * restored tab uses the token it already holds.
 */
async function takeToken(): TokenSource {
  const code = new URLSearchParams(location.hash.replace(/^#/, '')).get('code');
  if (!code) {
    const held = storedToken();
    return held ? { token: held } : 'no-token';
  }
  history.replaceState(null, '', location.pathname + location.search);
  let res: Response;
  try {
    res = await fetch('/session', { method: 'POST', headers: { 'x-switchboard-code': code }, cache: 'no-store', credentials: 'omit' });
  } catch {
    // The service is not answering; a token this tab already holds will do once it is back.
    const held = storedToken();
    return held ? { token: held } : 'no-token';
  }
  if (!res.ok) {
    // A spent link opened again in a tab that is already connected keeps working.
    const held = storedToken();
    return held ? { token: held } : 'refused';
  }
  const { token } = (await res.json()) as { token: string };
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage can be disabled; the token still works for this page load.
  }
  return { token };
}

type Pending = { resolve: (result: Result<unknown>) => void };
type Queued = Pending & { frame: ShellRequest; timer: ReturnType<typeof setTimeout> };

function createShellApi(source: TokenSource): SwitchboardApi {
  let token: string | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  let queue: Queued[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let failedAttempts = 0;
  let everOpened = false;

  function failQueued(error: AppError): void {
    for (const item of queue) {
      clearTimeout(item.timer);
      item.resolve({ ok: false, error });
    }
    queue = [];
  }

  function failPending(error: AppError): void {
    for (const item of pending.values()) item.resolve({ ok: false, error });
    pending.clear();
  }

  function flush(): void {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    for (const item of queue) {
      clearTimeout(item.timer);
      pending.set(item.frame.id, item);
      socket.send(JSON.stringify(item.frame));
    }
    queue = [];
  }

  function onFrame(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let frame: ShellFrame;
    try {
      frame = JSON.parse(raw) as ShellFrame;
    } catch {
      return;
    }
    if (frame.kind === 'result') {
      const item = pending.get(frame.id);
      pending.delete(frame.id);
      item?.resolve(frame.result);
    } else if (frame.kind === 'events') {
      for (const [event, payload] of frame.events) {
        for (const listener of listeners.get(event) ?? []) {
          try {
            listener(payload);
          } catch (err) {
            console.error(`Listener for ${event} failed`, err);
          }
        }
      }
    }
  }

  function refuse(): void {
    setConnectionState('refused');
    failPending(REFUSED);
    failQueued(REFUSED);
  }

  /** A socket that never opened: ask over plain HTTP whether the server is up and what it thinks of the token. */
  async function diagnose(): Promise<'refused' | 'up' | 'down'> {
    try {
      const res = await fetch(`/ipc?token=${encodeURIComponent(token ?? '')}`, { cache: 'no-store' });
      if (res.status === 401 || res.status === 403) return 'refused';
      return 'up';
    } catch {
      return 'down';
    }
  }

  function scheduleReconnect(): void {
    const delay = Math.min(10_000, 500 * 2 ** Math.min(failedAttempts, 5));
    setTimeout(connect, delay);
  }

  function connect(): void {
    let opened = false;
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ipc?token=${encodeURIComponent(token ?? '')}`);
    socket = ws;
    ws.onopen = () => {
      opened = true;
      everOpened = true;
      failedAttempts = 0;
      setConnectionState('open');
      flush();
    };
    ws.onmessage = (ev) => onFrame(ev.data);
    ws.onclose = (ev) => {
      if (socket === ws) socket = null;
      failPending(UNREACHABLE);
      // 1008 (policy violation) and 44xx are how a server says "not this token".
      if (ev.code === 1008 || ev.code === 4001 || ev.code === 4401 || ev.code === 4403) return refuse();
      if (opened) {
        setConnectionState('reconnecting');
        return scheduleReconnect();
      }
      failedAttempts += 1;
      void diagnose().then((verdict) => {
        if (verdict === 'refused' || (verdict === 'up' && failedAttempts >= REFUSED_AFTER_ATTEMPTS)) return refuse();
        setConnectionState(everOpened ? 'reconnecting' : 'connecting');
        scheduleReconnect();
      });
    };
  }

  void source.then((given) => {
    if (given === 'no-token' || given === 'refused') {
      setConnectionState(given);
      failQueued(REFUSED);
      return;
    }
    token = given.token;
    connect();
  });

  return {
    invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
      return new Promise((resolve) => {
        const done = resolve as (result: Result<unknown>) => void;
        if (connectionState === 'no-token' || connectionState === 'refused') return done({ ok: false, error: REFUSED });
        const frame: ShellRequest = { kind: 'invoke', id: nextId++, channel, input };
        const item: Queued = {
          frame,
          resolve: done,
          timer: setTimeout(() => {
            queue = queue.filter((q) => q !== item);
            done({ ok: false, error: UNREACHABLE });
          }, QUEUE_TIMEOUT_MS),
        };
        queue.push(item);
        flush();
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}

function createApi(): SwitchboardApi {
  if (window.switchboard) {
    connectionState = 'electron';
    return window.switchboard;
  }
  return createShellApi(takeToken());
}

export const api: SwitchboardApi = createApi();

/** Invokes a channel and returns its value, or throws an ApiError with the main side's words. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  let result: Result<ChannelOutput<C>>;
  try {
    result = await api.invoke(channel, input);
  } catch (err) {
    // The preload should never throw, but a broken bridge must still read as an error, not a crash.
    throw new ApiError(toAppError(err));
  }
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
