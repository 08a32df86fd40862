// "Copy" next to an address, with a way out when the clipboard can't be reached.
import { useState } from 'react';

export function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2500);
  }
  return (
    <>
      <button type="button" className="btn small" onClick={copy}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      {state === 'failed' ? <span className="field-error">Couldn't reach the clipboard — select the address and copy it by hand.</span> : null}
    </>
  );
}
