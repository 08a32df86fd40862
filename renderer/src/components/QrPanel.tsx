// The QR code for linking a phone: polled every 3 s, re-fetched when it expires, with a countdown.
// When the poll answers "connected" the card switches over without waiting for an event.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, QrCode } from '../../../shared/model';
import { call, toAppError } from '../api';
import { countdown } from '../format';
import { ErrorNotice } from './ErrorNotice';
import { t } from '../i18n';
import { Trans } from 'react-i18next';

const POLL_MS = 3000;

type Props = {
  instanceId: string;
  onConnected(phone: string | null, displayName: string | null): void;
};

export function QrPanel({ instanceId, onConnected }: Props) {
  const [qr, setQr] = useState<Extract<QrCode, { kind: 'qr' }> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const inFlight = useRef(false);
  const alive = useRef(true);
  const connected = useRef(onConnected);
  connected.current = onConnected;

  const fetchQr = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const result = await call('instances:qr', { id: instanceId });
      if (!alive.current) return;
      setError(null);
      if (result.kind === 'connected') connected.current(result.phone, result.displayName);
      else setQr(result);
    } catch (err) {
      if (alive.current) setError(toAppError(err));
    } finally {
      inFlight.current = false;
    }
  }, [instanceId]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // Poll while there is no error; an error waits for Retry rather than hammering the provider.
  useEffect(() => {
    if (error) return;
    void fetchQr();
    const poll = setInterval(() => void fetchQr(), POLL_MS);
    return () => clearInterval(poll);
  }, [fetchQr, error]);

  // The countdown ticks every second and fetches a fresh code the moment the old one expires.
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);
  const expired = !!qr && qr.expiresAt <= now;
  useEffect(() => {
    if (expired && !error) void fetchQr();
  }, [expired, error, fetchQr]);

  return (
    <div className="qr-panel">
      <div className={qr && !expired ? 'qr-frame has-code' : 'qr-frame'}>
        {qr && !expired ? (
          <img src={qr.dataUrl} alt={t('instances.qrAlt')} width={200} height={200} />
        ) : (
          <div className="qr-placeholder" aria-live="polite">
            {error ? t('instances.noCode') : expired ? t('instances.freshCode') : t('instances.loadingCode')}
          </div>
        )}
      </div>
      <div className="qr-side">
        <p>{t('instances.scanHelp')}</p>
        {qr && !expired ? (
          <p className="muted" aria-live="off">
            <Trans i18nKey="instances.refreshesIn" values={{ time: countdown(qr.expiresAt - now) }} components={{ mono: <span className="mono" /> }} />
          </p>
        ) : null}
        {error ? <ErrorNotice error={error} onRetry={() => setError(null)} compact /> : null}
      </div>
    </div>
  );
}
