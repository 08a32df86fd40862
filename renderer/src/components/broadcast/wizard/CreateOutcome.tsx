// What "Create recipients list" made of the file or the picked contacts: who will receive it, the
// duplicates removed, and the rows left out with the reason for each.
import { t } from '../../../i18n';
import type { CreateResult } from '../../../stores/broadcastDraft';
import { count, rejectedReasonText } from '../words';

/** Rows drawn in the table; main lists up to MAX_REJECTED_LISTED and counts them all. */
const LISTED = 100;

export function CreateOutcome({ result, fromFile }: { result: CreateResult; fromFile: boolean }) {
  const { campaign, rejected, rejectedCount, duplicateCount } = result;
  // The list holds the duplicates too, each with its reason; all of them are counted apart.
  const shown = rejected.slice(0, LISTED);
  const listedOf = rejectedCount + duplicateCount;
  return (
    <section className="outcome" aria-label={t('wizard.outcome.list')}>
      <ul className="outcome-counts" role="status">
        <li className="outcome-ok">
          <strong>{count(campaign.totals.total)}</strong> {t('wizard.outcome.willReceive', { count: campaign.totals.total })}
        </li>
        <li>
          <strong>{count(duplicateCount)}</strong> {t('wizard.outcome.duplicates', { count: duplicateCount })}
          <span className="muted"> {t('wizard.outcome.duplicatesHelp')}</span>
        </li>
        <li className={rejectedCount > 0 ? 'outcome-bad' : undefined}>
          <strong>{count(rejectedCount)}</strong> {fromFile ? t('wizard.outcome.rowsLeftOut', { count: rejectedCount }) : t('wizard.outcome.contactsLeftOut', { count: rejectedCount })}
          {rejectedCount > 0 ? <span className="muted"> {t('wizard.outcome.leftOutHelp')}</span> : null}
        </li>
      </ul>
      {shown.length > 0 ? (
        <>
          <div className="table-wrap rejected">
            <table className="report-table">
              <caption className="visually-hidden">{t('wizard.outcome.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('campaign.report.row')}
                  </th>
                  <th scope="col">{t('wizard.outcome.value')}</th>
                  <th scope="col">{t('wizard.outcome.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={`${r.row}-${r.reason}`}>
                    <td className="num">{r.row}</td>
                    <td className="mono nowrap">{r.value || <span className="muted">{t('wizard.outcome.empty')}</span>}</td>
                    <td>{rejectedReasonText(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {listedOf > shown.length ? (
            <p className="help">
              {t('wizard.outcome.firstListed', { count: shown.length, total: count(listedOf) })}
            </p>
          ) : (
            <p className="help">{t('wizard.outcome.fixThem')}</p>
          )}
        </>
      ) : null}
    </section>
  );
}
