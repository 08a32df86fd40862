// "Copy" next to an address, with a way out when the clipboard can't be reached.
import { useState } from 'react';
import { t } from '../i18n';

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
        {state === 'copied' ? t('copy.copied') : t('copy.copy')}
      </button>
      {state === 'failed' ? <span className="field-error">{t('copy.failed')}</span> : null}
    </>
  );
}
