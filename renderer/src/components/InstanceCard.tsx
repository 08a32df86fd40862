// One QR-linked instance: its state, the phone once linked, logout/delete with confirmation, and
// the bot settings once connected (for providers that have them).
import { useState } from 'react';
import type { Instance } from '../../../shared/model';
import { formatPhone } from '../../../shared/phone';
import { instanceStateLabel } from '../format';
import { useInstances } from '../stores/instances';
import { ConfirmDialog } from './ConfirmDialog';
import { BotSettings } from './instances/BotSettings';
import { QrPanel } from './QrPanel';
import { reasonText, t } from '../i18n';
import { Trans } from 'react-i18next';

export function InstanceCard({ instance, providerName, botSettings }: { instance: Instance; providerName: string; botSettings: boolean }) {
  const { logout, remove, markConnected } = useInstances.getState();
  const [dialog, setDialog] = useState<'logout' | 'delete' | null>(null);
  const connected = instance.state === 'connected';
  const who = [instance.displayName, instance.phone ? formatPhone(instance.phone) : null].filter(Boolean).join(' · ');
  const label = who || t('instances.labelLower', { session: instance.sessionId });

  return (
    <li className="card instance-card" aria-label={who || t('instances.label', { session: instance.sessionId })}>
      <div className="instance-head">
        <span className={`badge state state-${instance.state}`}>{instanceStateLabel[instance.state]}</span>
        {connected ? <strong className="instance-who">{who || t('instances.linkedPhone')}</strong> : null}
      </div>
      <p className="session">
        {t('instances.session')} <span className="mono">{instance.sessionId}</span>
      </p>
      {instance.state === 'error' && instance.lastError ? (
        <div className="notice error compact" role="alert">
          <p className="notice-message">{reasonText(instance.lastError, instance.lastErrorWording)}</p>
        </div>
      ) : null}
      {!connected ? <QrPanel instanceId={instance.id} onConnected={(phone, name) => markConnected(instance.id, phone, name)} /> : null}
      <div className="card-actions">
        {connected ? (
          <button type="button" className="btn" onClick={() => setDialog('logout')}>
            {t('instances.logout')}
          </button>
        ) : null}
        <button type="button" className="btn danger-text" onClick={() => setDialog('delete')}>
          {t('common.delete')}
        </button>
      </div>
      {connected && botSettings ? <BotSettings instanceId={instance.id} /> : null}
      {dialog === 'logout' ? (
        <ConfirmDialog title={t('instances.logoutTitle', { label })} confirmLabel={t('instances.logout')} onConfirm={() => logout(instance.id)} onClose={() => setDialog(null)}>
          <p>
            <Trans i18nKey="instances.logoutBody" values={{ who: who || t('instances.thePhone') }} components={{ strong: <strong /> }} />
          </p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog title={t('instances.deleteTitle', { label })} confirmLabel={t('common.delete')} onConfirm={() => remove(instance.id)} onClose={() => setDialog(null)}>
          <p>
            <Trans
              i18nKey={connected ? 'instances.deleteBodyConnected' : 'instances.deleteBody'}
              values={{ session: instance.sessionId, provider: providerName }}
              components={{ mono: <span className="mono" /> }}
            />
          </p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}
