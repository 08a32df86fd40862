// Field errors that appear on the first submit and then follow the typing: an error disappears as
// soon as the field is fixed, without waiting for the next submit.
import { useState } from 'react';

type Errors = Partial<Record<string, string | undefined>>;

export function useValidation<E extends Errors>(validate: () => E) {
  const [tried, setTried] = useState(false);
  const errors: E = tried ? validate() : ({} as E);
  return {
    errors,
    /** Shows the errors from now on; true when there are none. */
    check(): boolean {
      setTried(true);
      return Object.values(validate()).every((v) => !v);
    },
  };
}
