// What "Create recipients list" made of the file or the picked contacts: who will receive it, the
// duplicates removed, and the rows left out with the reason for each.
import { plural } from '../../../format';
import type { CreateResult } from '../../../stores/broadcastDraft';
import { count } from '../words';

/** Rows drawn in the table; main lists up to MAX_REJECTED_LISTED and counts them all. */
const LISTED = 100;

export function CreateOutcome({ result, fromFile }: { result: CreateResult; fromFile: boolean }) {
  const { campaign, rejected, rejectedCount, duplicateCount } = result;
  // The list holds the duplicates too, each with its reason; all of them are counted apart.
  const shown = rejected.slice(0, LISTED);
  const listedOf = rejectedCount + duplicateCount;
  return (
    <section className="outcome" aria-label="Recipients list">
      <ul className="outcome-counts" role="status">
        <li className="outcome-ok">
          <strong>{count(campaign.totals.total)}</strong> {campaign.totals.total === 1 ? 'recipient' : 'recipients'} will receive it
        </li>
        <li>
          <strong>{count(duplicateCount)}</strong> {duplicateCount === 1 ? 'duplicate' : 'duplicates'} removed
          <span className="muted"> (the same number more than once: each gets one message)</span>
        </li>
        <li className={rejectedCount > 0 ? 'outcome-bad' : undefined}>
          <strong>{count(rejectedCount)}</strong> {fromFile ? (rejectedCount === 1 ? 'row' : 'rows') : rejectedCount === 1 ? 'contact' : 'contacts'} left out
          {rejectedCount > 0 ? <span className="muted"> (not a usable number, or a value missing)</span> : null}
        </li>
      </ul>
      {shown.length > 0 ? (
        <>
          <div className="table-wrap rejected">
            <table className="report-table">
              <caption className="visually-hidden">Rows left out, and why</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Row
                  </th>
                  <th scope="col">Value</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={`${r.row}-${r.reason}`}>
                    <td className="num">{r.row}</td>
                    <td className="mono nowrap">{r.value || <span className="muted">(empty)</span>}</td>
                    <td>{r.reason.replace(`Row ${r.row}: `, '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {listedOf > shown.length ? (
            <p className="help">
              The first {plural(shown.length, 'row')} of {count(listedOf)} left out are listed. Fix them in your spreadsheet and import it again if they should be included.
            </p>
          ) : (
            <p className="help">Fix them in your spreadsheet and import it again if they should be included; the others can go ahead without them.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
