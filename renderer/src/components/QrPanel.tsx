// The QR code for linking a phone: polled every 3 s, re-fetched when it expires, with a countdown.
// When the poll answers "connected" the card switches over without waiting for an event.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, QrCode } from '../../../shared/model';
import { call, toAppError } from '../api';
import { countdown } from '../format';
import { ErrorNotice } from './ErrorNotice';

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
          <img src={qr.dataUrl} alt="WhatsApp QR code" width={200} height={200} />
        ) : (
          <div className="qr-placeholder" aria-live="polite">
            {error ? 'No code' : expired ? 'Getting a fresh code…' : 'Loading code…'}
          </div>
        )}
      </div>
      <div className="qr-side">
        <p>Open WhatsApp on your phone → Settings → Linked devices → Link a device, and scan this code.</p>
        {qr && !expired ? (
          <p className="muted" aria-live="off">
            Code refreshes in <span className="mono">{countdown(qr.expiresAt - now)}</span>
          </p>
        ) : null}
        {error ? <ErrorNotice error={error} onRetry={() => setError(null)} compact /> : null}
      </div>
    </div>
  );
}
