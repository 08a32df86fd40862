// "Public address": why providers need one, the local listener behind it, and the two ways to get
// one — an ngrok tunnel (turned on and off here) or the operator's own address (saved with Save).
import type { ReactNode } from 'react';
import type { WebhookStatus } from '../../../../shared/model';
import { TunnelControls } from './TunnelControls';

type Props = {
  status: WebhookStatus | null;
  /** The "Public base URL" field, owned by the settings form so Save stores it. */
  ownAddress: ReactNode;
};

function Listener({ status }: { status: WebhookStatus }) {
  return (
    <>
      <p className="listener">
        <span className={status.listening ? 'dot dot-connected' : 'dot dot-unreachable'} aria-hidden="true" />
        {status.listening ? (
          <>
            Listener: listening on <code className="mono">{status.localBaseUrl ?? `port ${status.port}`}</code>
          </>
        ) : (
          'Listener: not listening'
        )}
      </p>
      {status.error ? (
        <div className="notice error compact" role="alert">
          <p className="notice-message">{status.error}</p>
          <p className="muted">Check the listener port above (0 picks any free port) and save again.</p>
        </div>
      ) : null}
    </>
  );
}

function Reach({ status }: { status: WebhookStatus }) {
  if (!status.publicBaseUrl) {
    return (
      <p className="reach reach-none">
        No public address yet, so only this computer can reach the listener and providers can't deliver messages or reports. Pick one of
        the two ways below.
      </p>
    );
  }
  const viaTunnel = status.tunnel.state === 'connected' && status.tunnel.url === status.publicBaseUrl;
  return (
    <p className="reach reach-ok">
      Providers reach Switchboard at <code className="mono">{status.publicBaseUrl}</code> ({viaTunnel ? 'through the ngrok tunnel' : 'your own address'}).
    </p>
  );
}

export function PublicAddress({ status, ownAddress }: Props) {
  return (
    <section className="card public-address" aria-labelledby="public-address-title">
      <h2 id="public-address-title">Public address</h2>
      <p className="muted note">
        Providers on the internet deliver incoming messages and delivery reports to Switchboard's webhook listener. It runs on this
        computer, so they need a public address that forwards to it.
      </p>
      {status ? (
        <>
          <Listener status={status} />
          <Reach status={status} />
        </>
      ) : null}
      <div className="reach-options">
        <div className="subform" role="group" aria-labelledby="tunnel-title">
          <h3 id="tunnel-title">An ngrok tunnel</h3>
          <p className="help">The simplest way: ngrok gives this computer a public https address, with nothing to set up on your router.</p>
          {status ? <TunnelControls tunnel={status.tunnel} /> : <p className="muted">Loading the tunnel state…</p>}
        </div>
        <div className="subform" role="group" aria-labelledby="own-address-title">
          <h3 id="own-address-title">Your own public address</h3>
          <p className="help">If you run your own tunnel or reverse proxy, enter its address. While the ngrok tunnel is connected, its address is used instead.</p>
          {ownAddress}
        </div>
      </div>
    </section>
  );
}
