// Pick one of the account's templates, fill its placeholders with a live preview, and send it.
// Providers that list templates get "Sync now"; SMS-failover providers take an optional SMS text.
import { useEffect, useState, type FormEvent } from 'react';
import type { Account, ProviderInfo, Template } from '../../../../shared/model';
import { fillTemplate } from '../../../../shared/placeholders';
import { HEADER_URL, isExtraInput } from '../../../../shared/template-inputs';
import { templateSendable } from '../../../../shared/template-status';
import { Trans } from 'react-i18next';
import { t } from '../../i18n';
import { useAction } from '../../hooks/useAction';
import { useTemplates } from '../../stores/templates';
import { Dialog, DialogActions } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { Field, Optional } from '../Field';
import { placeholderLabel, TemplatePreview } from '../templates/TemplateText';
import { blockedReason, extraHelp, extraLabel, statusWords } from '../templates/templateWords';
import { useSend } from './useSend';
import { providerName } from '../providerWords';

type Props = { threadId: string; account: Account; provider: ProviderInfo; onClose(): void; onManage(): void };

function optionText(tpl: Template): string {
  const status = templateSendable(tpl) ? '' : ` — ${statusWords(tpl.status)}`;
  return `${tpl.name}${tpl.language ? ` (${tpl.language})` : ''}${status}`;
}

export function TemplateDialog({ threadId, account, provider, onClose, onManage }: Props) {
  const slot = useTemplates((s) => s.byAccount[account.id]);
  const load = useTemplates((s) => s.load);
  const sync = useTemplates((s) => s.sync);
  const syncing = useAction();
  const sending = useSend(threadId);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [sms, setSms] = useState('');
  const [tried, setTried] = useState(false);
  const [synced, setSynced] = useState<number | null>(null);
  const canSync = provider.capabilities.includes('templateSync');
  const canSms = provider.capabilities.includes('smsFailover');

  useEffect(() => {
    void load(account.id);
  }, [account.id, load]);

  const list = slot?.list ?? [];
  // Start from an approved template; one pending approval can be looked at but not sent.
  const template = list.find((x) => x.id === chosenId) ?? list.find(templateSendable) ?? list[0];
  const blocked = template ? blockedReason(template) : null;
  const missing = template ? template.placeholders.filter((k) => !values[k]?.trim()) : [];
  const filled = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim()));

  async function syncNow() {
    setSynced(null);
    let count = 0;
    if (await syncing.run(async () => (count = (await sync(account.id)).length))) setSynced(count);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!template || missing.length > 0 || blocked) return;
    const ok = await sending.send({
      kind: 'template',
      templateId: template.id,
      params: template.placeholders.map((key) => ({ key, text: values[key]!.trim() })),
      ...(canSms && sms.trim() ? { smsFallbackText: sms.trim() } : {}),
    });
    if (ok) onClose();
  }

  const emptyHelp = canSync ? t('templateDialog.noneSync', { account: account.name, provider: providerName(provider) }) : t('templateDialog.noneAdd', { account: account.name, provider: providerName(provider) });

  return (
    <Dialog title={t('templateDialog.title')} busy={sending.busy} wide onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <div className="template-tools">
          <span className="muted">
            <Trans i18nKey="templateDialog.of" values={{ account: account.name }} components={{ b: <strong /> }} />
          </span>
          {canSync ? (
            <button type="button" className="btn small" onClick={syncNow} disabled={syncing.busy}>
              {syncing.busy ? t('wizard.template.syncing') : t('wizard.template.sync')}
            </button>
          ) : list.length > 0 ? (
            <button type="button" className="btn small" onClick={onManage}>
              {t('templateDialog.manage')}
            </button>
          ) : null}
        </div>
        {synced !== null ? (
          <p className="notice ok compact" role="status">
            {t('templateDialog.synced', { count: synced, provider: providerName(provider) })}
          </p>
        ) : null}
        {syncing.error ? <ErrorNotice error={syncing.error} compact /> : null}
        {slot?.error ? <ErrorNotice error={slot.error} onRetry={() => void load(account.id)} compact /> : null}
        {!slot?.loaded && !slot?.error ? <p className="muted">{t('wizard.template.loading')}</p> : null}
        {slot?.loaded && list.length === 0 ? (
          <div className="empty-inline">
            <p>{emptyHelp}</p>
            {!canSync ? (
              <button type="button" className="btn small" onClick={onManage}>
                {t('wizard.template.open')}
              </button>
            ) : null}
          </div>
        ) : null}
        {template ? (
          <>
            <Field id="tpl-choice" label={t('campaign.template')}>
              {(a11y) => (
                <select {...a11y} value={template.id} onChange={(e) => setChosenId(e.target.value)}>
                  {list.map((x) => (
                    <option key={x.id} value={x.id}>
                      {optionText(x)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {blocked ? (
              <p className="notice warn compact" role="status">
                {blocked}
              </p>
            ) : null}
            {template.placeholders.length === 0 ? <p className="muted">{t('templateDialog.noPlaceholders')}</p> : null}
            <div className="placeholder-grid">
              {template.placeholders.map((key) => {
                // A media header's address and file name and a link button's value (Qontak) come after the body's placeholders.
                const extra = isExtraInput(key);
                const label = extra ? extraLabel(key, template) : placeholderLabel(template.body, key);
                const id = `tpl-param-${key.replace(/[^\w-]/g, '-')}`;
                return (
                  <Field
                    key={`${template.id}-${key}`}
                    id={id}
                    label={label}
                    help={extra ? (extraHelp(key, template) ?? undefined) : undefined}
                    error={tried && !values[key]?.trim() ? t('templateDialog.fillIn', { label: extra ? label.replace(/^\S/, (c) => c.toLowerCase()) : label }) : undefined}
                  >
                    {(a11y) => (
                      <input
                        {...a11y}
                        type={key === HEADER_URL ? 'url' : 'text'}
                        maxLength={1024}
                        value={values[key] ?? ''}
                        onChange={(e) => setValues({ ...values, [key]: e.target.value })}
                      />
                    )}
                  </Field>
                );
              })}
            </div>
            <div className="preview-block" aria-live="polite">
              <span className="preview-label">{t('wizard.preview.title')}</span>
              <TemplatePreview template={template} body={fillTemplate(template.body, filled)} />
            </div>
            {canSms ? (
              <Field
                id="tpl-sms"
                label={
                  <>
                    {t('templateDialog.sms')}
                    <Optional />
                  </>
                }
                help={t('templateDialog.smsHelp')}
              >
                {(a11y) => <textarea {...a11y} rows={2} maxLength={1600} value={sms} onChange={(e) => setSms(e.target.value)} />}
              </Field>
            ) : null}
          </>
        ) : null}
        {sending.error ? <ErrorNotice error={sending.error} compact /> : null}
        {template ? (
          <DialogActions busy={sending.busy} submitLabel={t('templateDialog.send')} onCancel={onClose} disabled={!!blocked} />
        ) : (
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        )}
      </form>
    </Dialog>
  );
}
