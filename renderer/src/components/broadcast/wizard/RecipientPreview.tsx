// The message exactly as one recipient will get it (main fills it in), for any recipient: step
// through them one by one, or jump to a row of the file.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CampaignRecipient } from '../../../../../shared/broadcast';
import type { AppError, Template } from '../../../../../shared/model';
import { formatPhone } from '../../../../../shared/phone';
import { call, toAppError } from '../../../api';
import { t } from '../../../i18n';
import { ErrorNotice } from '../../ErrorNotice';
import { TemplatePreview } from '../../templates/TemplateText';
import { count } from '../words';

type Shown = { text: string; recipient: CampaignRecipient };
/** How far back to look for a row's place in the list (each row left out before it shifts it by one). */
const LOOK_BACK = 500;

type Props = { campaignId: string; total: number; template: Template; fromFile: boolean };

export function RecipientPreview({ campaignId, total, template, fromFile }: Props) {
  const [index, setIndex] = useState<number | null>(0);
  const [shown, setShown] = useState<Shown | null>(null);
  const [rowInput, setRowInput] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  /** The first data row: after the header in a file, 1 for picked contacts. */
  const base = fromFile ? 2 : 1;

  const showIndex = useCallback(
    async (i: number) => {
      setBusy(true);
      setError(null);
      try {
        const { items } = await call('broadcasts:recipients', { campaignId, offset: i, limit: 1 });
        const r = items[0];
        if (!r) return;
        const p = await call('broadcasts:preview', { campaignId, row: r.row });
        setShown(p);
        setIndex(i);
        setRowInput(String(r.row));
      } catch (err) {
        setError(toAppError(err));
      } finally {
        setBusy(false);
      }
    },
    [campaignId],
  );

  useEffect(() => {
    void showIndex(0);
  }, [showIndex]);

  async function showRow(e: FormEvent) {
    e.preventDefault();
    const row = Number(rowInput);
    if (!Number.isInteger(row) || row < 1) return setError({ code: 'validation', message: t('wizard.preview.rowNumber') });
    setBusy(true);
    setError(null);
    try {
      const p = await call('broadcasts:preview', { campaignId, row });
      setShown(p);
      const from = Math.max(0, row - base - (LOOK_BACK - 1));
      const { items } = await call('broadcasts:recipients', { campaignId, offset: from, limit: Math.max(1, Math.min(LOOK_BACK, row - base - from + 1)) });
      const at = items.findIndex((r) => r.row === row);
      setIndex(at >= 0 ? from + at : null);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }

  const r = shown?.recipient;
  return (
    <section className="recipient-preview" aria-labelledby="bc-preview-title">
      <div className="preview-nav">
        <h3 id="bc-preview-title">{t('wizard.preview.title')}</h3>
        <button type="button" className="btn small" disabled={busy || index === null || index <= 0} onClick={() => index !== null && void showIndex(index - 1)}>
          {t('wizard.preview.previous')}
        </button>
        <button type="button" className="btn small" disabled={busy || index === null || index >= total - 1} onClick={() => index !== null && void showIndex(index + 1)}>
          {t('wizard.preview.next')}
        </button>
        <form className="row-jump" onSubmit={showRow}>
          <label htmlFor="bc-preview-row">{fromFile ? t('campaign.report.row') : t('wizard.preview.contactNumber')}</label>
          <input id="bc-preview-row" type="number" min={1} inputMode="numeric" value={rowInput} onChange={(e) => setRowInput(e.target.value)} />
          <button type="submit" className="btn small" disabled={busy}>
            {t('wizard.preview.show')}
          </button>
        </form>
      </div>
      {error ? <ErrorNotice error={error} compact /> : null}
      {r && shown ? (
        <div className="preview-block" aria-live="polite">
          <span className="preview-label">
            {index !== null ? `${t('wizard.preview.recipientOf', { n: count(index + 1), total: count(total) })} · ` : ''}
            {fromFile ? t('wizard.preview.row', { row: r.row }) : t('wizard.preview.contact', { row: r.row })} · {r.name ? `${r.name}, ` : ''}
            {formatPhone(r.phone)}
          </span>
          <TemplatePreview template={template} body={shown.text} />
        </div>
      ) : null}
    </section>
  );
}
