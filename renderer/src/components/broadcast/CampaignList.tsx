// Every campaign, newest first: name, account, template, state, progress and when it was made or
// is due. A row opens the campaign's page.
import { useEffect } from 'react';
import type { Campaign } from '../../../../shared/broadcast';
import { listTime } from '../../format';
import { t } from '../../i18n';
import { useAccounts } from '../../stores/accounts';
import { useTemplates } from '../../stores/templates';
import { ProgressBar, ProgressSummary } from './CampaignProgress';
import { campaignStatusLabel, when } from './words';

function CampaignRow({ campaign, onOpen }: { campaign: Campaign; onOpen(): void }) {
  const account = useAccounts((s) => s.accounts.find((a) => a.id === campaign.accountId));
  const template = useTemplates((s) => s.byAccount[campaign.accountId]?.list.find((t) => t.id === campaign.templateId));
  const templatesKnown = useTemplates((s) => !!s.byAccount[campaign.accountId]?.loaded);
  const scheduled = campaign.status === 'scheduled' && campaign.scheduledAt !== null;
  return (
    <li>
      <button type="button" className="campaign-row" data-status={campaign.status} onClick={onOpen}>
        <span className="campaign-row-top">
          <span className="campaign-name">{campaign.name}</span>
          <span className={`badge campaign-state cs-${campaign.status}`}>{campaignStatusLabel[campaign.status]}</span>
          <time className="muted" dateTime={new Date(scheduled ? campaign.scheduledAt! : campaign.createdAt).toISOString()}>
            {scheduled ? t('campaign.list.starts', { when: when(campaign.scheduledAt!) }) : t('campaign.list.made', { when: listTime(campaign.createdAt) })}
          </time>
        </span>
        <span className="campaign-row-meta muted">
          {account?.name ?? t('campaign.list.removedAccount')} · {template?.name ?? (templatesKnown ? t('campaign.list.removedTemplate') : t('campaign.template'))}
        </span>
        <ProgressBar campaign={campaign} />
        <span className="campaign-row-meta muted">
          <ProgressSummary campaign={campaign} />
          {campaign.error ? <span className="summary-failed"> · {t('campaign.list.needsAttention')}</span> : null}
        </span>
      </button>
    </li>
  );
}

export function CampaignList({ campaigns, onOpen }: { campaigns: Campaign[]; onOpen(id: string): void }) {
  // Template names come from each account's list; read the ones not yet loaded, once.
  const accountIds = [...new Set(campaigns.map((c) => c.accountId))].join(',');
  useEffect(() => {
    const { byAccount, load } = useTemplates.getState();
    for (const id of accountIds.split(',').filter(Boolean)) if (!byAccount[id]) void load(id);
  }, [accountIds]);

  return (
    <ul className="campaign-list" aria-label={t('nav.broadcasts')}>
      {campaigns.map((c) => (
        <CampaignRow key={c.id} campaign={c} onOpen={() => onOpen(c.id)} />
      ))}
    </ul>
  );
}
