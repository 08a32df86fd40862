// Step 1: the broadcast's name, the account that sends it (only providers with templates) and the
// template, with its text and placeholders shown. "Sync now" where the provider lists templates.
import { useEffect, useState } from 'react';
import { placeholderLabel } from '../../../../../shared/broadcast';
import type { Template } from '../../../../../shared/model';
import { templateSendable } from '../../../../../shared/template-status';
import { t } from '../../../i18n';
import { formatDate } from '../../../intl';
import { useAction } from '../../../hooks/useAction';
import { useAccounts } from '../../../stores/accounts';
import { useDraft, type Draft } from '../../../stores/broadcastDraft';
import { useTemplates } from '../../../stores/templates';
import { useUi } from '../../../stores/ui';
import { ErrorNotice } from '../../ErrorNotice';
import { Field } from '../../Field';
import { TemplatePreview } from '../../templates/TemplateText';
import { blockedReason, statusWords } from '../../templates/templateWords';
import type { StepErrors } from './validate';
import { providerName, providerNameById } from '../../providerWords';

const approved = templateSendable;

function optionText(tpl: Template): string {
  const status = approved(tpl) ? '' : ` — ${statusWords(tpl.status)}`;
  return `${tpl.name}${tpl.language ? ` (${tpl.language})` : ''}${status}`;
}

/** "order_update · 3 Mar": a name to start from, until the operator types one. */
function suggestedName(tpl: Template): string {
  return `${tpl.name} · ${formatDate(Date.now(), { day: 'numeric', month: 'short' })}`;
}

export function StepTemplate({ draft, errors }: { draft: Draft; errors: StepErrors }) {
  const patch = useDraft((s) => s.patch);
  const { accounts, providers } = useAccounts();
  const go = useUi((s) => s.go);
  const senders = accounts.filter((a) => providers.find((p) => p.id === a.provider)?.capabilities.includes('templates'));
  const account = senders.find((a) => a.id === draft.accountId);
  const provider = providers.find((p) => p.id === account?.provider);
  const slot = useTemplates((s) => (draft.accountId ? s.byAccount[draft.accountId] : undefined));
  const list = slot?.list ?? [];
  const template = list.find((x) => x.id === draft.templateId);
  const canSync = !!provider?.capabilities.includes('templateSync');
  const syncing = useAction();
  const [synced, setSynced] = useState<number | null>(null);

  // One account that sends templates: it is the one.
  useEffect(() => {
    if (!draft.accountId && senders.length === 1) patch({ accountId: senders[0]!.id });
  }, [draft.accountId, senders, patch]);

  useEffect(() => {
    if (draft.accountId) void useTemplates.getState().load(draft.accountId);
  }, [draft.accountId]);

  // Once the list is in, start from the first approved template.
  useEffect(() => {
    if (!slot?.loaded || template || list.length === 0) return;
    const first = list.find(approved) ?? list[0]!;
    patch({ templateId: first.id, ...(draft.nameTouched ? {} : { name: suggestedName(first) }) });
  }, [slot?.loaded, template, list, draft.nameTouched, patch]);

  function pickTemplate(id: string) {
    const picked = list.find((x) => x.id === id);
    patch({ templateId: id, ...(picked && !draft.nameTouched ? { name: suggestedName(picked) } : {}) });
  }

  async function syncNow() {
    if (!account) return;
    setSynced(null);
    let n = 0;
    if (await syncing.run(async () => (n = (await useTemplates.getState().sync(account.id)).length))) setSynced(n);
  }

  return (
    <div className="form wizard-step">
      <Field id="bc-account" label={t('wizard.review.account')} help={t('wizard.template.accountHelp')} error={errors.account}>
        {(a11y) => (
          <select {...a11y} value={draft.accountId ?? ''} onChange={(e) => patch({ accountId: e.target.value || null, templateId: null })}>
            {!draft.accountId ? <option value="">{t('wizard.template.chooseAccount')}</option> : null}
            {senders.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({providerNameById(providers, a.provider)})
              </option>
            ))}
          </select>
        )}
      </Field>
      {account && provider ? (
        <div className="template-tools">
          <span className="muted">
            {canSync ? t('wizard.template.comeFrom', { provider: providerName(provider) }) : t('wizard.template.noList', { provider: providerName(provider) })}
          </span>
          {canSync ? (
            <button type="button" className="btn small" onClick={syncNow} disabled={syncing.busy}>
              {syncing.busy ? t('wizard.template.syncing') : t('wizard.template.sync')}
            </button>
          ) : (
            <button type="button" className="btn small" onClick={() => go('templates')}>
              {t('wizard.template.open')}
            </button>
          )}
        </div>
      ) : null}
      {synced !== null ? (
        <p className="notice ok compact" role="status">
          {t('wizard.template.synced', { count: synced, provider: provider?.name })}
        </p>
      ) : null}
      {syncing.error ? <ErrorNotice error={syncing.error} compact /> : null}
      {slot?.error ? <ErrorNotice error={slot.error} onRetry={() => draft.accountId && void useTemplates.getState().load(draft.accountId)} compact /> : null}
      {account && !slot?.loaded && !slot?.error ? <p className="muted">{t('wizard.template.loading')}</p> : null}
      {account && slot?.loaded && list.length === 0 ? (
        <div className="empty-inline">
          <p>{canSync ? t('wizard.template.noneSync', { account: account.name }) : t('wizard.template.noneAdd', { account: account.name })}</p>
          {errors.template ? <p className="field-error">{errors.template}</p> : null}
        </div>
      ) : null}
      {list.length > 0 ? (
        <Field id="bc-template" label={t('campaign.template')} error={errors.template ?? (template ? (blockedReason(template) ?? undefined) : undefined)}>
          {(a11y) => (
            <select {...a11y} value={template?.id ?? ''} onChange={(e) => pickTemplate(e.target.value)}>
              {!template ? <option value="">{t('wizard.template.chooseTemplate')}</option> : null}
              {list.map((x) => (
                <option key={x.id} value={x.id}>
                  {optionText(x)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {template ? (
        <div className="preview-block">
          <span className="preview-label">
            {template.placeholders.length > 0
              ? t('wizard.template.placeholders', { count: template.placeholders.length, list: template.placeholders.map(placeholderLabel).join(', ') })
              : t('wizard.template.noPlaceholders')}
          </span>
          <TemplatePreview template={template} body={template.body} />
        </div>
      ) : null}
      <Field id="bc-name" label={t('wizard.template.name')} help={t('wizard.template.nameHelp')} error={errors.name}>
        {(a11y) => <input {...a11y} maxLength={200} value={draft.name} onChange={(e) => patch({ name: e.target.value, nameTouched: true })} />}
      </Field>
    </div>
  );
}
