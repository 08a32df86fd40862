// Add or edit a template entered by hand (Omnichat, Infobip): the id or registered name the
// provider knows it by, a display name, language, Infobip's namespace, and the body with a preview.
import { useState, type FormEvent } from 'react';
import type { ProviderInfo, Template } from '../../../../shared/model';
import { placeholdersOf } from '../../../../shared/placeholders';
import { useAction } from '../../hooks/useAction';
import { t } from '../../i18n';
import { useValidation } from '../../hooks/useValidation';
import { useTemplates } from '../../stores/templates';
import { ErrorNotice } from '../ErrorNotice';
import { Field, Optional } from '../Field';
import { TemplateText } from './TemplateText';
import { providerName } from '../providerWords';

type Props = { accountId: string; provider: ProviderInfo; template?: Template; onDone(): void; onCancel(): void };
/** The shape of a WhatsApp namespace, the same in every language. */
const NAMESPACE_SHAPE = 'xxxxxxxx_xxxx_xxxx_xxxx_xxxxxxxxxxxx';

type Key = 'providerTemplateId' | 'name' | 'language' | 'namespace' | 'body';

/** How each provider that takes hand-entered templates names them and writes placeholders. */
function styleOf(provider: ProviderInfo) {
  if (provider.id === 'infobip') {
    return {
      idLabel: t('templateForm.infobipIdLabel'),
      idMissing: t('templateForm.infobipIdMissing'),
      idHelp: t('templateForm.infobipIdHelp'),
      numbered: true as const,
      bodyHelp: t('templateForm.infobipBodyHelp', { 1: '{{1}}', 2: '{{2}}' }),
      needsNamespace: true,
    };
  }
  return {
    idLabel: provider.id === 'omnichat' ? t('templateForm.omnichatIdLabel') : t('templateForm.idLabel'),
    idMissing: provider.id === 'omnichat' ? t('templateForm.omnichatIdMissing') : t('templateForm.idMissing'),
    idHelp: provider.id === 'omnichat' ? t('templateForm.omnichatIdHelp') : t('templateForm.idHelp', { provider: providerName(provider) }),
    numbered: false as const,
    bodyHelp: t('templateForm.omnichatBodyHelp'),
    needsNamespace: false,
  };
}

export function TemplateForm({ accountId, provider, template, onDone, onCancel }: Props) {
  const save = useTemplates((s) => s.save);
  const { busy, error, run } = useAction();
  const style = styleOf(provider);
  const [v, setV] = useState<Record<Key, string>>({
    providerTemplateId: template?.providerTemplateId ?? '',
    name: template?.name ?? '',
    language: template?.language ?? '',
    namespace: template?.namespace ?? '',
    body: template?.body ?? '',
  });
  const id = (key: string) => `tpl-${template?.id ?? `new-${accountId}`}-${key}`;
  const set = (key: Key) => (e: { target: { value: string } }) => setV({ ...v, [key]: e.target.value });
  const found = placeholdersOf(v.body);

  function validate(): Partial<Record<Key, string>> {
    const out: Partial<Record<Key, string>> = {};
    if (!v.providerTemplateId.trim()) out.providerTemplateId = style.idMissing;
    if (!v.name.trim()) out.name = t('templateForm.nameMissing');
    if (style.needsNamespace && !v.language.trim()) out.language = t('templateForm.languageMissing');
    if (style.needsNamespace && !v.namespace.trim()) out.namespace = t('templateForm.namespaceMissing');
    if (!v.body.trim()) out.body = t('templateForm.bodyMissing');
    else if (style.numbered && found.some((k) => !/^\d+$/.test(k))) out.body = t('templateForm.infobipNumbered', { 1: '{{1}}', 2: '{{2}}' });
    else if (!style.numbered && found.some((k) => /^\d+$/.test(k))) out.body = t('templateForm.omnichatNamed', { 1: '{{1}}' });
    return out;
  }

  const { errors, check } = useValidation(validate);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!check()) return;
    const ok = await run(() =>
      save({
        accountId,
        ...(template ? { id: template.id } : {}),
        providerTemplateId: v.providerTemplateId.trim(),
        name: v.name.trim(),
        body: v.body,
        ...(v.language.trim() ? { language: v.language.trim() } : {}),
        ...(style.needsNamespace && v.namespace.trim() ? { namespace: v.namespace.trim() } : {}),
      }),
    );
    if (ok) onDone();
  }

  const language = style.needsNamespace ? (
    t('templateForm.language')
  ) : (
    <>
      {t('templateForm.language')}
      <Optional />
    </>
  );

  return (
    <form className="subform form compact-form" onSubmit={submit} noValidate aria-label={template ? t('templateForm.editTitle', { name: template.name }) : t('templatesScreen.add')}>
      <h4>{template ? t('templateForm.editTitle', { name: template.name }) : t('templatesScreen.add')}</h4>
      <Field id={id('pid')} label={style.idLabel} help={style.idHelp} error={errors.providerTemplateId}>
        {(a11y) => <input {...a11y} spellCheck={false} maxLength={200} value={v.providerTemplateId} onChange={set('providerTemplateId')} />}
      </Field>
      <Field id={id('name')} label={t('templateForm.displayName')} help={t('templateForm.displayNameHelp')} error={errors.name}>
        {(a11y) => <input {...a11y} maxLength={200} value={v.name} onChange={set('name')} />}
      </Field>
      <div className="field-row">
        <Field id={id('lang')} label={language} narrow error={errors.language}>
          {(a11y) => <input {...a11y} spellCheck={false} maxLength={20} placeholder={t('templateForm.languagePlaceholder')} value={v.language} onChange={set('language')} />}
        </Field>
        {style.needsNamespace ? (
          <Field id={id('ns')} label={t('templateForm.namespace')} error={errors.namespace}>
            {(a11y) => <input {...a11y} spellCheck={false} maxLength={200} placeholder={NAMESPACE_SHAPE} value={v.namespace} onChange={set('namespace')} />}
          </Field>
        ) : null}
      </div>
      <Field id={id('body')} label={t('templateForm.body')} help={style.bodyHelp} error={errors.body}>
        {(a11y) => <textarea {...a11y} rows={4} maxLength={4096} value={v.body} onChange={set('body')} />}
      </Field>
      {v.body.trim() ? (
        <div className="preview-block" aria-live="polite">
          <span className="preview-label">
            {t('wizard.preview.title')} {found.length > 0 ? `· ${t('templateForm.placeholders', { count: found.length })}` : `· ${t('templateForm.noPlaceholders')}`}
          </span>
          <TemplateText text={v.body} />
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} compact /> : null}
      <div className="form-actions">
        <button type="button" className="btn small" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn small primary" disabled={busy}>
          {busy ? t('common.saving') : t('templateForm.save')}
        </button>
      </div>
    </form>
  );
}
