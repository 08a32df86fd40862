import { AppFailure } from '../errors';

/**
 * A send that cannot go out until the operator changes something (e.g. turns on the tunnel). The
 * outbox marks it failed but not permanent, with these words, so a retry afterwards just works;
 * retrying on its own would only fail the same way.
 */
export class OperatorMustAct extends AppFailure {
  constructor(message: string) {
    super('validation', message);
    this.name = 'OperatorMustAct';
  }
}
