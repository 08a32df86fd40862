// A draft whose recipients list is made but which never started (the wizard was left midway):
// start it now or schedule it, from its page.
import { useState } from 'react';
import type { Campaign } from '../../../../shared/broadcast';
import { useAction } from '../../hooks/useAction';
import { t } from '../../i18n';
import type { Draft } from '../../stores/broadcastDraft';
import { startCampaign } from '../../stores/broadcasts';
import { ErrorNotice } from '../ErrorNotice';
import { ScheduleFields } from './wizard/ScheduleFields';
import { scheduleProblem } from './wizard/validate';
import { fromLocalInput } from './words';

export function DraftStart({ campaign }: { campaign: Campaign }) {
  const [when, setWhen] = useState<{ schedule: Draft['schedule']; at: string }>({ schedule: 'now', at: '' });
  const [tried, setTried] = useState(false);
  const starting = useAction();
  const problem = scheduleProblem(when.schedule, when.at);

  async function start() {
    setTried(true);
    if (problem) return;
    await starting.run(() => startCampaign(campaign.id, when.schedule === 'later' ? (fromLocalInput(when.at) ?? undefined) : undefined));
  }

  return (
    <div className="draft-start subform">
      <p>{t('campaign.draft.ready')}</p>
      <ScheduleFields idPrefix={`draft-${campaign.id}`} schedule={when.schedule} at={when.at} error={tried ? problem : undefined} onChange={setWhen} />
      {starting.error ? <ErrorNotice error={starting.error} compact /> : null}
      <div className="subform-actions">
        <button type="button" className="btn primary" onClick={() => void start()} disabled={starting.busy} aria-busy={starting.busy}>
          {starting.busy ? t('campaign.starting') : t('campaign.start')}
        </button>
      </div>
    </div>
  );
}
