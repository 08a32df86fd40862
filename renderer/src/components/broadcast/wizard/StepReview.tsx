// Step 5: everything chosen, in one place, with how long sending should take at the account's pace.
import { useEffect, useState } from 'react';
import type { PacingRule, Template } from '../../../../../shared/model';
import { call } from '../../../api';
import { paceSummary } from '../../../format';
import { t } from '../../../i18n';
import { useAccounts } from '../../../stores/accounts';
import type { Draft } from '../../../stores/broadcastDraft';
import { count, duration, fromLocalInput, pacedDuration, when } from '../words';
import { providerName } from '../../providerWords';

function useExpected(accountId: string, recipients: number, etaMs: number | null) {
  const [rule, setRule] = useState<PacingRule | null>(null);
  useEffect(() => {
    let stale = false;
    call('pacing:get', { accountId }).then(
      (p) => !stale && setRule(p.rule),
      () => undefined,
    );
    return () => {
      stale = true;
    };
  }, [accountId]);
  if (etaMs !== null) return { text: duration(etaMs), rule };
  if (!rule) return { text: null, rule };
  const ms = pacedDuration(recipients, rule);
  return { text: ms === null ? t('wizard.review.asFast') : duration(ms), rule };
}

export function StepReview({ draft, template }: { draft: Draft; template: Template }) {
  const account = useAccounts((s) => s.accounts.find((a) => a.id === draft.accountId));
  const provider = useAccounts((s) => s.providers.find((p) => p.id === account?.provider));
  const result = draft.created!.result;
  const campaign = result.campaign;
  const expected = useExpected(campaign.accountId, campaign.totals.total, campaign.etaMs);
  const at = draft.schedule === 'later' ? fromLocalInput(draft.at) : null;
  const left = result.rejectedCount + result.duplicateCount;

  return (
    <div className="wizard-step">
      <dl className="review">
        <div>
          <dt>{t('wizard.review.broadcast')}</dt>
          <dd>{campaign.name}</dd>
        </div>
        <div>
          <dt>{t('wizard.review.account')}</dt>
          <dd>
            {account?.name ?? '—'} {provider ? <span className="badge provider">{providerName(provider)}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('campaign.template')}</dt>
          <dd>
            {template.name}
            {template.language ? <span className="muted"> ({template.language})</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('campaign.report.title')}</dt>
          <dd>
            <strong>{count(campaign.totals.total)}</strong>
            {left > 0 ? <span className="muted"> · {t('wizard.review.leftOut', { n: count(left) })}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('campaign.page.starts')}</dt>
          <dd>{at !== null ? when(at) : t('wizard.review.now')}</dd>
        </div>
        <div>
          <dt>{t('wizard.review.expected')}</dt>
          <dd>
            {expected.text ?? t('wizard.review.workingOut')}
            {expected.rule && expected.rule.perMinute > 0 ? <span className="muted"> {t('wizard.review.atPace', { pace: paceSummary(expected.rule) })}</span> : null}
          </dd>
        </div>
      </dl>
      <p className="help">
        {t('wizard.review.help')}
      </p>
    </div>
  );
}
