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
  constructor(
    readonly code: AppError['code'],
    message: string,
    readonly detail?: string,
    readonly transient?: Transient,
  ) {
    super(message);
    this.name = 'AppFailure';
  }

  toAppError(): AppError {
    return this.detail === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, detail: this.detail };
  }
}

export const notFound = (what: string): AppFailure => new AppFailure('not_found', `${what} no longer exists. It may have been removed in another window.`);

export function toAppError(err: unknown): AppError {
  if (err instanceof AppFailure) return err.toAppError();
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: 'Something went wrong inside Switchboard. Your data is safe; please try again.', detail };
}
