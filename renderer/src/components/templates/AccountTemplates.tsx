// One account's templates on the Templates screen: synced ones (read-only, "Sync now") or the
// ones entered by hand (add, edit, remove).
import { useEffect, useState } from 'react';
import type { Account, ProviderInfo, Template } from '../../../../shared/model';
import { Trans } from 'react-i18next';
import { useAction } from '../../hooks/useAction';
import { t } from '../../i18n';
import { useTemplates } from '../../stores/templates';
import { ConfirmDialog } from '../ConfirmDialog';
import { ErrorNotice } from '../ErrorNotice';
import { TemplateForm } from './TemplateForm';
import { TemplateText } from './TemplateText';
import { providerName } from '../providerWords';

function TemplateItem({ template, onEdit, onRemove }: { template: Template; onEdit(): void; onRemove(): void }) {
  const manual = template.source === 'manual';
  return (
    <li className="template-item" aria-label={template.name}>
      <div className="template-top">
        <strong>{template.name}</strong>
        {template.language ? <span className="badge">{template.language}</span> : null}
        {template.status ? <span className={/approved/i.test(template.status) ? 'badge state-connected' : 'badge'}>{template.status.toLowerCase()}</span> : null}
        {template.category ? <span className="badge">{template.category.toLowerCase()}</span> : null}
        <span className="muted mono template-id" title={t('templatesScreen.idAtProvider', { id: template.providerTemplateId })}>
          {template.providerTemplateId}
        </span>
      </div>
      <TemplateText text={template.body} className="template-text template-body" />
      {manual ? (
        <div className="card-actions">
          <button type="button" className="btn small" onClick={onEdit}>
            {t('common.edit')}
          </button>
          <button type="button" className="btn small danger-text" onClick={onRemove}>
            {t('templatesScreen.remove')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

export function AccountTemplates({ account, provider }: { account: Account; provider: ProviderInfo }) {
  const slot = useTemplates((s) => s.byAccount[account.id]);
  const { load, sync, remove } = useTemplates.getState();
  const syncing = useAction();
  const [synced, setSynced] = useState<number | null>(null);
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const [removing, setRemoving] = useState<Template | null>(null);
  const canSync = provider.capabilities.includes('templateSync');
  const list = slot?.list ?? [];

  useEffect(() => {
    void load(account.id);
  }, [account.id, load]);

  async function syncNow() {
    setSynced(null);
    let count = 0;
    if (await syncing.run(async () => (count = (await sync(account.id)).length))) setSynced(count);
  }

  return (
    <section className="card" aria-label={account.name}>
      <header className="group-head">
        <h2>
          {account.name}
          <span className="badge provider">{providerName(provider)}</span>
        </h2>
        {canSync ? (
          <button type="button" className="btn primary" onClick={syncNow} disabled={syncing.busy}>
            {syncing.busy ? t('wizard.template.syncing') : t('wizard.template.sync')}
          </button>
        ) : editing !== 'new' ? (
          <button type="button" className="btn primary" onClick={() => setEditing('new')}>
            {t('templatesScreen.add')}
          </button>
        ) : null}
      </header>
      <p className="muted note">
        {canSync ? t('templatesScreen.readOnly', { provider: providerName(provider) }) : t('templatesScreen.manual', { provider: providerName(provider) })}
      </p>
      {synced !== null ? (
        <div className="notice ok compact" role="status">
          <p className="notice-message">{t('wizard.template.synced', { count: synced, provider: providerName(provider) })}</p>
        </div>
      ) : null}
      {syncing.error ? <ErrorNotice error={syncing.error} compact /> : null}
      {slot?.error ? <ErrorNotice error={slot.error} onRetry={() => void load(account.id)} compact /> : null}
      {editing === 'new' ? <TemplateForm accountId={account.id} provider={provider} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} /> : null}
      {!slot?.loaded && !slot?.error ? <p className="muted">{t('wizard.template.loading')}</p> : null}
      {slot?.loaded && list.length === 0 ? (
        <p className="muted">{canSync ? t('templatesScreen.noneSync') : t('templatesScreen.noneAdd')}</p>
      ) : null}
      {list.length > 0 ? (
        <ul className="template-list">
          {list.map((tpl) =>
            editing !== 'new' && editing?.id === tpl.id ? (
              <li key={tpl.id}>
                <TemplateForm accountId={account.id} provider={provider} template={tpl} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />
              </li>
            ) : (
              <TemplateItem key={tpl.id} template={tpl} onEdit={() => setEditing(tpl)} onRemove={() => setRemoving(tpl)} />
            ),
          )}
        </ul>
      ) : null}
      {removing ? (
        <ConfirmDialog title={t('templatesScreen.removeTitle', { name: removing.name })} confirmLabel={t('templatesScreen.remove')} onConfirm={() => remove(removing)} onClose={() => setRemoving(null)}>
          <p>
            <Trans i18nKey="templatesScreen.removeBody" values={{ name: removing.name, provider: providerName(provider) }} components={{ b: <strong /> }} />
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
