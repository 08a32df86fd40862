// The ngrok tunnel: its authtoken (kept in the keychain), on and off, its state and address. These
// act at once; they sit inside the settings form but never submit it.
import { useState, type KeyboardEvent } from 'react';
import type { TunnelStatus } from '../../../../shared/model';
import { tunnelStateLabel } from '../../format';
import { useAction } from '../../hooks/useAction';
import { useSettings } from '../../stores/settings';
import { CopyButton } from '../CopyButton';
import { ErrorNotice } from '../ErrorNotice';
import { Field } from '../Field';
import { reasonText, t } from '../../i18n';

export function TunnelControls({ tunnel }: { tunnel: TunnelStatus }) {
  const setTunnel = useSettings((s) => s.setTunnel);
  const { busy, error, run } = useAction();
  const [token, setToken] = useState('');
  const [tokenError, setTokenError] = useState<string | undefined>();
  const [turning, setTurning] = useState<'on' | 'off' | null>(null);

  async function turn(enabled: boolean) {
    setTokenError(undefined);
    const authtoken = token.trim();
    if (enabled && !authtoken && !tunnel.tokenSaved) {
      setTokenError(t('tunnel.pasteFirst'));
      return;
    }
    setTurning(enabled ? 'on' : 'off');
    if (await run(() => setTunnel(enabled, enabled && authtoken ? authtoken : undefined))) setToken('');
    setTurning(null);
  }

  // Enter in the token box turns the tunnel on instead of saving the rest of the settings.
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (!busy) void turn(true);
  }

  const help = tunnel.tokenSaved
    ? t('tunnel.savedHelp')
    : t('tunnel.freeHelp');

  return (
    <div className="tunnel">
      <p className="tunnel-state-line">
        {t('tunnel.tunnel')} <span className={`badge tunnel-${tunnel.state}`}>{tunnelStateLabel[tunnel.state]}</span>
      </p>
      {tunnel.state === 'connected' && tunnel.url ? (
        <div className="webhook-url">
          <code className="mono">{tunnel.url}</code>
          <CopyButton text={tunnel.url} />
        </div>
      ) : null}
      {tunnel.state === 'connecting' ? <p className="muted">{t('tunnel.opening')}</p> : null}
      {tunnel.state === 'failed' ? (
        <div className="notice error compact" role="alert">
          <p className="notice-message">{t('tunnel.couldNotOpen', { reason: reasonText(tunnel.error, tunnel.errorWording) ?? t('tunnel.noReason') })}</p>
        </div>
      ) : null}
      <Field id="tunnel-token" label={t('tunnel.authtoken')} help={help} error={tokenError}>
        {(a11y) => (
          <input
            {...a11y}
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            placeholder={tunnel.tokenSaved ? t('tunnel.savedPlaceholder') : undefined}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            onKeyDown={onKeyDown}
          />
        )}
      </Field>
      {error ? <ErrorNotice error={error} compact /> : null}
      <div className="subform-actions">
        {tunnel.enabled ? (
          <>
            {tunnel.state === 'failed' ? (
              <button type="button" className="btn small primary" onClick={() => void turn(true)} disabled={busy}>
                {turning === 'on' ? t('tunnel.connecting') : t('tunnel.tryAgain')}
              </button>
            ) : null}
            <button type="button" className="btn small" onClick={() => void turn(false)} disabled={busy}>
              {turning === 'off' ? t('tunnel.turningOff') : t('tunnel.turnOff')}
            </button>
          </>
        ) : (
          <button type="button" className="btn small primary" onClick={() => void turn(true)} disabled={busy}>
            {turning === 'on' ? t('tunnel.connecting') : t('tunnel.turnOn')}
          </button>
        )}
      </div>
    </div>
  );
}
