// Step 5: everything chosen, in one place, with how long sending should take at the account's pace.
import { useEffect, useState } from 'react';
import type { PacingRule, Template } from '../../../../../shared/model';
import { call } from '../../../api';
import { paceSummary } from '../../../format';
import { useAccounts } from '../../../stores/accounts';
import type { Draft } from '../../../stores/broadcastDraft';
import { count, duration, fromLocalInput, pacedDuration, when } from '../words';

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
  return { text: ms === null ? 'as fast as the provider accepts them' : duration(ms), rule };
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
          <dt>Broadcast</dt>
          <dd>{campaign.name}</dd>
        </div>
        <div>
          <dt>Account</dt>
          <dd>
            {account?.name ?? '—'} {provider ? <span className="badge provider">{provider.name}</span> : null}
          </dd>
        </div>
        <div>
          <dt>Template</dt>
          <dd>
            {template.name}
            {template.language ? <span className="muted"> ({template.language})</span> : null}
          </dd>
        </div>
        <div>
          <dt>Recipients</dt>
          <dd>
            <strong>{count(campaign.totals.total)}</strong>
            {left > 0 ? <span className="muted"> · {count(left)} left out or duplicate</span> : null}
          </dd>
        </div>
        <div>
          <dt>Starts</dt>
          <dd>{at !== null ? when(at) : 'Now, when you press “Start broadcast”'}</dd>
        </div>
        <div>
          <dt>Expected duration</dt>
          <dd>
            {expected.text ?? 'Working it out…'}
            {expected.rule && expected.rule.perMinute > 0 ? <span className="muted"> at the account's pace ({paceSummary(expected.rule)})</span> : null}
          </dd>
        </div>
      </dl>
      <p className="help">
        Messages go through the Outbox one by one at the account's sending pace (Accounts → Sending pace). You can pause, resume or cancel the broadcast from its page, and follow each recipient there.
      </p>
    </div>
  );
}
