// A connection check that sends no HTTP request: a TCP (and for https, TLS) handshake with the
// endpoint's host, then hang up. Used where every request the provider's API takes would act
// (see client.ts testConnection): it proves the address resolves and answers, nothing more.
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Wording } from '../../../../shared/model';

export interface Reach {
  ok: boolean;
  host: string;
  /** Why not, when !ok: the system's own words, or Switchboard's (then worded by `errorWording`). */
  error?: string;
  errorWording?: Wording;
}

export function reachHost(url: string, timeoutMs = 10_000): Promise<Reach> {
  const u = new URL(url);
  const secure = u.protocol === 'https:';
  const port = Number(u.port) || (secure ? 443 : 80);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Reach): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(r);
    };
    const ready = (): void => finish({ ok: true, host: u.host });
    const socket: Socket = secure ? tlsConnect({ host, port, servername: host, timeout: timeoutMs }, ready) : tcpConnect({ host, port, timeout: timeoutMs }, ready);
    socket.on('timeout', () => {
      const seconds = Math.round(timeoutMs / 1000);
      const silent = { message: `no answer within ${seconds} s`, key: 'errors.connection.noAnswerWithin', params: { seconds } };
      finish({ ok: false, host: u.host, error: silent.message, errorWording: { key: silent.key, params: silent.params } });
    });
    socket.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, host: u.host, error: err.code ? `${err.code}: ${err.message}` : err.message }));
  });
}
