// What the operator can do with a campaign in its current state: pause, resume, cancel (confirmed),
// send the failed ones again, download the report, and delete a draft or a finished campaign.
import { useState } from 'react';
import { Trans } from 'react-i18next';
import type { Campaign } from '../../../../shared/broadcast';
import { useAction } from '../../hooks/useAction';
import { t } from '../../i18n';
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
        {status === 'scheduled' ? button(t('campaign.actions.startNow'), t('campaign.starting'), () => startCampaign(campaign.id), true) : null}
        {status === 'running' ? button(t('campaign.actions.pause'), t('campaign.actions.pausing'), () => campaignAction('pause', campaign.id)) : null}
        {status === 'paused' ? button(t('campaign.actions.resume'), t('campaign.actions.resuming'), () => campaignAction('resume', campaign.id), true) : null}
        {canRetry ? (
          // Sending again costs money and reaches people a second time: asked first.
          <button type="button" className="btn" disabled={acting.busy} onClick={() => setConfirming('retry')}>
            {t('campaign.actions.retryFailed')}
          </button>
        ) : null}
        {status !== 'draft' ? button(t('campaign.actions.export'), t('campaign.actions.exporting'), async () => setExported(await exportCampaign(campaign.id))) : null}
        {live ? (
          <button type="button" className="btn danger-text" disabled={acting.busy} onClick={() => setConfirming('cancel')}>
            {t('campaign.actions.cancel')}
          </button>
        ) : null}
        {canDelete ? (
          <button type="button" className="btn danger-text" disabled={acting.busy} onClick={() => setConfirming('delete')}>
            {t('common.delete')}
          </button>
        ) : null}
      </div>
      {acting.error ? <ErrorNotice error={acting.error} compact /> : null}
      {exported ? (
        <p className="saved" role="status">
          {t('campaign.actions.downloaded', { file: exported })}
        </p>
      ) : null}
      {confirming === 'cancel' ? (
        <ConfirmDialog
          title={t('campaign.actions.cancel')}
          confirmLabel={t('campaign.actions.cancel')}
          cancelLabel={t('campaign.actions.keepIt')}
          onConfirm={async () => void (await campaignAction('cancel', campaign.id))}
          onClose={() => setConfirming(null)}
        >
          <p>
            <Trans i18nKey="campaign.actions.cancelBody" values={{ name: campaign.name }} components={{ b: <strong /> }} />
            {totals.pending + totals.queued > 0 ? ` ${t('campaign.actions.cancelNow', { n: count(totals.pending + totals.queued) })}` : ''}. {t('campaign.actions.cancelOnTheirWay')}
          </p>
        </ConfirmDialog>
      ) : null}
      {confirming === 'retry' ? (
        <ConfirmDialog
          title={t('campaign.actions.retryTitle')}
          confirmLabel={t('campaign.actions.retryConfirm', { count: totals.failed, n: count(totals.failed) })}
          cancelLabel={t('campaign.actions.notNow')}
          onConfirm={async () => void (await campaignAction('retryFailed', campaign.id))}
          onClose={() => setConfirming(null)}
        >
          <p>
            <Trans i18nKey={totals.failed === 1 ? 'campaign.actions.retryBodyOne' : 'campaign.actions.retryBodyMany'} values={{ name: campaign.name, n: count(totals.failed) }} components={{ b: <strong /> }} />
          </p>
        </ConfirmDialog>
      ) : null}
      {confirming === 'delete' ? (
        <ConfirmDialog title={t('campaign.actions.deleteTitle', { name: campaign.name })} confirmLabel={t('common.delete')} onConfirm={() => removeCampaign(campaign.id)} onClose={() => setConfirming(null)}>
          <p>
            <Trans i18nKey="campaign.actions.deleteBody" values={{ name: campaign.name }} components={{ b: <strong /> }} />
            {status !== 'draft' ? ` ${t('campaign.actions.deleteExportFirst')}` : ''} {t('campaign.actions.deleteStays')}
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
