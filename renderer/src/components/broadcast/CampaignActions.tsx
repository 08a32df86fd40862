// What the operator can do with a campaign in its current state: pause, resume, cancel (confirmed),
// send the failed ones again, download the report, and delete a draft or a finished campaign.
import { useState } from 'react';
import type { Campaign } from '../../../../shared/broadcast';
import { useAction } from '../../hooks/useAction';
import { campaignAction, exportCampaign, removeCampaign, startCampaign } from '../../stores/broadcasts';
import { ConfirmDialog } from '../ConfirmDialog';
import { ErrorNotice } from '../ErrorNotice';
import { count } from './words';

export function CampaignActions({ campaign }: { campaign: Campaign }) {
  const acting = useAction();
  const [busyWith, setBusyWith] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'cancel' | 'delete' | 'retry' | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const { status, totals } = campaign;
  const live = status === 'scheduled' || status === 'running' || status === 'paused';
  const canRetry = totals.failed > 0 && (status === 'running' || status === 'paused' || status === 'completed');
  const canDelete = status === 'draft' || status === 'completed' || status === 'cancelled';

  async function act(label: string, action: () => Promise<unknown>) {
    setBusyWith(label);
    setExported(null);
    await acting.run(action);
    setBusyWith(null);
  }

  const button = (label: string, busyLabel: string, action: () => Promise<unknown>, primary = false) => (
    <button type="button" className={primary ? 'btn primary' : 'btn'} disabled={acting.busy} aria-busy={busyWith === label} onClick={() => void act(label, action)}>
      {busyWith === label ? busyLabel : label}
    </button>
  );

  return (
    <div className="campaign-actions">
      <div className="card-actions">
        {status === 'scheduled' ? button('Start now', 'Starting…', () => startCampaign(campaign.id), true) : null}
        {status === 'running' ? button('Pause', 'Pausing…', () => campaignAction('pause', campaign.id)) : null}
        {status === 'paused' ? button('Resume', 'Resuming…', () => campaignAction('resume', campaign.id), true) : null}
        {canRetry ? (
          // Sending again costs money and reaches people a second time: asked first.
          <button type="button" className="btn" disabled={acting.busy} onClick={() => setConfirming('retry')}>
            Retry failed
          </button>
        ) : null}
        {status !== 'draft' ? button('Export CSV', 'Exporting…', async () => setExported(await exportCampaign(campaign.id))) : null}
        {live ? (
          <button type="button" className="btn danger-text" disabled={acting.busy} onClick={() => setConfirming('cancel')}>
            Cancel broadcast
          </button>
        ) : null}
        {canDelete ? (
          <button type="button" className="btn danger-text" disabled={acting.busy} onClick={() => setConfirming('delete')}>
            Delete
          </button>
        ) : null}
      </div>
      {acting.error ? <ErrorNotice error={acting.error} compact /> : null}
      {exported ? (
        <p className="saved" role="status">
          Downloaded {exported}.
        </p>
      ) : null}
      {confirming === 'cancel' ? (
        <ConfirmDialog
          title="Cancel broadcast"
          confirmLabel="Cancel broadcast"
          cancelLabel="Keep it"
          onConfirm={async () => void (await campaignAction('cancel', campaign.id))}
          onClose={() => setConfirming(null)}
        >
          <p>
            Stop <strong>{campaign.name}</strong>? Recipients not yet sent to will be skipped
            {totals.pending + totals.queued > 0 ? ` (${count(totals.pending + totals.queued)} now)` : ''}. Messages already on their way can't be called back.
          </p>
        </ConfirmDialog>
      ) : null}
      {confirming === 'retry' ? (
        <ConfirmDialog
          title="Retry failed messages"
          confirmLabel={`Send again to ${count(totals.failed)} ${totals.failed === 1 ? 'recipient' : 'recipients'}`}
          cancelLabel="Not now"
          onConfirm={async () => void (await campaignAction('retryFailed', campaign.id))}
          onClose={() => setConfirming(null)}
        >
          <p>
            Send <strong>{campaign.name}</strong> again to the {totals.failed === 1 ? 'recipient' : `${count(totals.failed)} recipients`} whose message failed? Each is sent once more, at
            the account’s pace, and the report then shows the new send time. Check the reasons in the report first: a wrong number fails again.
          </p>
        </ConfirmDialog>
      ) : null}
      {confirming === 'delete' ? (
        <ConfirmDialog title={`Delete ${campaign.name}`} confirmLabel="Delete" onConfirm={() => removeCampaign(campaign.id)} onClose={() => setConfirming(null)}>
          <p>
            Delete <strong>{campaign.name}</strong> and its per-recipient report from Switchboard?
            {status !== 'draft' ? ' Use “Export CSV” first if you want to keep the report.' : ''} Messages already sent stay in their conversations.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
