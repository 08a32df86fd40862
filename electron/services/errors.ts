import type { AppError } from '../../shared/model';

/** A failure meant for the operator: `message` in plain words, `detail` for the curious. */
/** A failure that may pass: the network, the provider's server, or its rate limit (with Retry-After). */
export interface Transient {
  kind: 'network' | 'server' | 'rate';
  retryAfterMs?: number;
  /**
   * The request may have reached the provider and been acted on, but no clear answer came (a
   * reset after sending, a headers timeout, a 500). Sending it again could deliver it twice, so
   * the outbox marks such a message in doubt instead of retrying it.
   */
  maybeDelivered?: boolean;
}

export class AppFailure extends Error {
  /** A message key the renderer words in the operator's language; `message` stays the English fallback. */
  key?: string;
  params?: Record<string, string | number>;

  constructor(
    readonly code: AppError['code'],
    message: string,
    readonly detail?: string,
    readonly transient?: Transient,
  ) {
    super(message);
    this.name = 'AppFailure';
  }

  /** Names the message key (and its values) for the renderer: `throw new AppFailure(…).keyed('errors.x', { n })`. */
  keyed(key: string, params?: Record<string, string | number>): this {
    this.key = key;
    if (params) this.params = params;
    return this;
  }

  toAppError(): AppError {
    return {
      code: this.code,
      message: this.message,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(this.key ? { key: this.key } : {}),
      ...(this.params ? { params: this.params } : {}),
    };
  }
}

const notFoundThings = { 'This account': 'account', 'This campaign': 'campaign', 'This conversation': 'conversation', 'This instance': 'instance', 'This message': 'message', 'This template': 'template' } as const;

/** "This <thing> no longer exists", worded by errors.notFound.<thing>. */
export const notFound = (what: keyof typeof notFoundThings): AppFailure =>
  new AppFailure('not_found', `${what} no longer exists. It may have been removed in another window.`).keyed(`errors.notFound.${notFoundThings[what]}`);

/** The message key and values of a failure, for a result that carries its wording (ConnectionTest). */
export const wordingOf = (err: AppFailure): { key?: string; params?: Record<string, string | number> } => ({
  ...(err.key ? { key: err.key } : {}),
  ...(err.params ? { params: err.params } : {}),
});

export function toAppError(err: unknown): AppError {
  if (err instanceof AppFailure) return err.toAppError();
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: 'Something went wrong inside Switchboard. Your data is safe; please try again.', detail, key: 'errors.internal' };
}
