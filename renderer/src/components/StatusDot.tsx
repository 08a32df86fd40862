// A coloured dot whose shape also differs per status, with the status in words for tooltips and readers.
import type { AccountStatus } from '../../../shared/model';
import { accountStatusLabel } from '../format';

export function StatusDot({ status, detail }: { status: AccountStatus; detail?: string | null }) {
  const label = accountStatusLabel[status];
  const tooltip = detail ? `${label}: ${detail}` : label;
  return <span className={`dot dot-${status}`} role="img" aria-label={label} title={tooltip} />;
}
