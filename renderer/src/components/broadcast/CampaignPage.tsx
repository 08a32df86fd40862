// One campaign: where it stands and why (its own error when it paused itself), what can be done,
// its progress live, and the per-recipient report. A draft left from the wizard can start here.
import { useEffect } from 'react';
import type { Campaign } from '../../../../shared/broadcast';
import { reasonText, t } from '../../i18n';
import { useAccounts } from '../../stores/accounts';
import { useBroadcasts } from '../../stores/broadcasts';
import { useTemplates } from '../../stores/templates';
import { CampaignActions } from './CampaignActions';
import { CampaignProgress } from './CampaignProgress';
import { RecipientReport } from './RecipientReport';
import { DraftStart } from './DraftStart';
import { campaignStatusLabel, count, when } from './words';
import { providerName } from '../providerWords';

function Attention({ campaign }: { campaign: Campaign }) {
  if (!campaign.error) return null;
  const paused = campaign.status === 'paused';
  return (
    <div className="notice attention" role="alert">
      <p className="notice-title">{paused ? t('campaign.page.pausedTitle') : t('campaign.page.attentionTitle')}</p>
      <p>{reasonText(campaign.error, campaign.errorWording)}</p>
      {paused ? <p className="muted">{t('campaign.page.pausedHelp')}</p> : null}
    </div>
  );
}

function Timeline({ campaign }: { campaign: Campaign }) {
  const items: [string, number | null][] = [
    [t('campaign.page.made'), campaign.createdAt],
    [campaign.status === 'scheduled' ? t('campaign.page.starts') : t('campaign.page.scheduledFor'), campaign.status === 'scheduled' || !campaign.startedAt ? campaign.scheduledAt : null],
    [t('campaign.page.started'), campaign.startedAt],
    [campaign.status === 'cancelled' ? t('campaign.page.cancelled') : t('campaign.page.finished'), campaign.finishedAt],
  ];
  return (
    <dl className="timeline">
      {items
        .filter((i): i is [string, number] => i[1] !== null)
        .map(([label, at]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <time dateTime={new Date(at).toISOString()}>{when(at)}</time>
            </dd>
          </div>
        ))}
    </dl>
  );
}

export function CampaignPage({ campaign }: { campaign: Campaign }) {
  const show = useBroadcasts((s) => s.show);
  const account = useAccounts((s) => s.accounts.find((a) => a.id === campaign.accountId));
  const provider = useAccounts((s) => s.providers.find((p) => p.id === account?.provider));
  const template = useTemplates((s) => s.byAccount[campaign.accountId]?.list.find((t) => t.id === campaign.templateId));
  const templatesLoaded = useTemplates((s) => !!s.byAccount[campaign.accountId]);
  const templatesKnown = useTemplates((s) => !!s.byAccount[campaign.accountId]?.loaded);

  useEffect(() => {
    if (!templatesLoaded) void useTemplates.getState().load(campaign.accountId);
  }, [templatesLoaded, campaign.accountId]);

  return (
    <main className="screen" aria-labelledby="campaign-title">
      <header className="screen-head">
        <div className="campaign-head">
          <button type="button" className="link-button back-link" onClick={() => show({ kind: 'list' })}>
            ‹ {t('campaign.page.allBroadcasts')}
          </button>
          <h1 id="campaign-title">
            {campaign.name} <span className={`badge campaign-state cs-${campaign.status}`}>{campaignStatusLabel[campaign.status]}</span>
          </h1>
        </div>
      </header>
      <div className="screen-body">
        <section className="card campaign-summary" aria-label={t('campaign.page.about')}>
          <p>
            <strong>{template?.name ?? (templatesKnown ? t('campaign.page.removedTemplate') : t('campaign.template'))}</strong>
            <span className="muted"> {t('campaign.page.from')} </span>
            <strong>{account?.name ?? t('campaign.page.removedAccount')}</strong>
            {provider ? <span className="badge provider">{providerName(provider)}</span> : null}
          </p>
          <Timeline campaign={campaign} />
          <Attention campaign={campaign} />
          {campaign.status === 'paused' && campaign.totals.queued > 0 ? (
            <p className="help">
              {t('campaign.page.queuedStillGo', { count: campaign.totals.queued, n: count(campaign.totals.queued) })}
            </p>
          ) : null}
          {campaign.status === 'draft' ? <DraftStart campaign={campaign} /> : null}
          <CampaignActions campaign={campaign} />
        </section>
        <CampaignProgress campaign={campaign} />
        <RecipientReport campaign={campaign} />
      </div>
    </main>
  );
}
