// "Public address": why providers need one, the local listener behind it, and the two ways to get
// one — an ngrok tunnel (turned on and off here) or the operator's own address (saved with Save).
import type { ReactNode } from 'react';
import type { WebhookStatus } from '../../../../shared/model';
import { TunnelControls } from './TunnelControls';
import { reasonText, t } from '../../i18n';
import { Trans } from 'react-i18next';

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
            <Trans i18nKey="reach.listening" values={{ address: status.localBaseUrl ?? t('reach.port', { port: status.port }) }} components={{ code: <code className="mono" /> }} />
          </>
        ) : (
          t('reach.notListening')
        )}
      </p>
      {status.error ? (
        <div className="notice error compact" role="alert">
          <p className="notice-message">{reasonText(status.error, status.errorWording)}</p>
          <p className="muted">{t('reach.checkPort')}</p>
        </div>
      ) : null}
    </>
  );
}

function Reach({ status }: { status: WebhookStatus }) {
  if (!status.publicBaseUrl) {
    return (
      <p className="reach reach-none">
        {t('reach.none')}
      </p>
    );
  }
  const viaTunnel = status.tunnel.state === 'connected' && status.tunnel.url === status.publicBaseUrl;
  return (
    <p className="reach reach-ok">
      <Trans
        i18nKey={viaTunnel ? 'reach.atTunnel' : 'reach.atOwn'}
        values={{ url: status.publicBaseUrl }}
        components={{ code: <code className="mono" /> }}
      />
    </p>
  );
}

export function PublicAddress({ status, ownAddress }: Props) {
  return (
    <section className="card public-address" aria-labelledby="public-address-title">
      <h2 id="public-address-title">{t('reach.title')}</h2>
      <p className="muted note">
        {t('reach.explain')}
      </p>
      {status ? (
        <>
          <Listener status={status} />
          <Reach status={status} />
        </>
      ) : null}
      <div className="reach-options">
        <div className="subform" role="group" aria-labelledby="tunnel-title">
          <h3 id="tunnel-title">{t('reach.tunnel')}</h3>
          <p className="help">{t('reach.tunnelHelp')}</p>
          {status ? <TunnelControls tunnel={status.tunnel} /> : <p className="muted">{t('reach.tunnelLoading')}</p>}
        </div>
        <div className="subform" role="group" aria-labelledby="own-address-title">
          <h3 id="own-address-title">{t('reach.own')}</h3>
          <p className="help">{t('reach.ownHelp')}</p>
          {ownAddress}
        </div>
      </div>
    </section>
  );
}
