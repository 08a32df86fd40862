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

export function InstanceCard({ instance, providerName, botSettings }: { instance: Instance; providerName: string; botSettings: boolean }) {
  const { logout, remove, markConnected } = useInstances.getState();
  const [dialog, setDialog] = useState<'logout' | 'delete' | null>(null);
  const connected = instance.state === 'connected';
  const who = [instance.displayName, instance.phone ? formatPhone(instance.phone) : null].filter(Boolean).join(' · ');
  const label = who || `instance ${instance.sessionId}`;

  return (
    <li className="card instance-card" aria-label={who || `Instance ${instance.sessionId}`}>
      <div className="instance-head">
        <span className={`badge state state-${instance.state}`}>{instanceStateLabel[instance.state]}</span>
        {connected ? <strong className="instance-who">{who || 'Linked phone'}</strong> : null}
      </div>
      <p className="session">
        Session <span className="mono">{instance.sessionId}</span>
      </p>
      {instance.state === 'error' && instance.lastError ? (
        <div className="notice error compact" role="alert">
          <p className="notice-message">{instance.lastError}</p>
        </div>
      ) : null}
      {!connected ? <QrPanel instanceId={instance.id} onConnected={(phone, name) => markConnected(instance.id, phone, name)} /> : null}
      <div className="card-actions">
        {connected ? (
          <button type="button" className="btn" onClick={() => setDialog('logout')}>
            Log out
          </button>
        ) : null}
        <button type="button" className="btn danger-text" onClick={() => setDialog('delete')}>
          Delete
        </button>
      </div>
      {connected && botSettings ? <BotSettings instanceId={instance.id} /> : null}
      {dialog === 'logout' ? (
        <ConfirmDialog title={`Log out ${label}`} confirmLabel="Log out" onConfirm={() => logout(instance.id)} onClose={() => setDialog(null)}>
          <p>
            Logging out unlinks <strong>{who || 'the phone'}</strong> from this instance: Switchboard stops sending and receiving through it, and
            it disappears from Linked devices on the phone. You can link a phone again by scanning a new QR code.
          </p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog title={`Delete ${label}`} confirmLabel="Delete" onConfirm={() => remove(instance.id)} onClose={() => setDialog(null)}>
          <p>
            Deleting removes this instance (session <span className="mono">{instance.sessionId}</span>) at {providerName}
            {connected ? ' and unlinks its phone' : ''}. To use WhatsApp here again you'll create a new instance and scan its QR code.
          </p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}
