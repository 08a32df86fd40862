// Add or edit a template entered by hand (Omnichat, Infobip): the id or registered name the
// provider knows it by, a display name, language, Infobip's namespace, and the body with a preview.
import { useState, type FormEvent } from 'react';
import type { ProviderInfo, Template } from '../../../../shared/model';
import { placeholdersOf } from '../../../../shared/placeholders';
import { useAction } from '../../hooks/useAction';
import { useValidation } from '../../hooks/useValidation';
import { useTemplates } from '../../stores/templates';
import { ErrorNotice } from '../ErrorNotice';
import { Field, Optional } from '../Field';
import { TemplateText } from './TemplateText';

type Props = { accountId: string; provider: ProviderInfo; template?: Template; onDone(): void; onCancel(): void };
type Key = 'providerTemplateId' | 'name' | 'language' | 'namespace' | 'body';

/** How each provider that takes hand-entered templates names them and writes placeholders. */
function styleOf(provider: ProviderInfo) {
  if (provider.id === 'infobip') {
    return {
      idLabel: 'Template name (as registered)',
      idHelp: 'Exactly as registered with WhatsApp through Infobip, e.g. order_shipped.',
      numbered: true as const,
      bodyHelp: 'Copy the registered text. Infobip numbers its placeholders: write {{1}}, {{2}} … in order.',
      needsNamespace: true,
    };
  }
  return {
    idLabel: provider.id === 'omnichat' ? 'Template id' : 'Template id or name',
    idHelp: provider.id === 'omnichat' ? 'The template id from the Omnichat dashboard (Templates), e.g. 0b9c…-…' : `The id ${provider.name} knows the template by.`,
    numbered: false as const,
    bodyHelp: 'Copy the template text. Omnichat names its placeholders in single braces: write {name}, {order_no} …',
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
    if (!v.providerTemplateId.trim()) out.providerTemplateId = `Enter the ${style.idLabel.toLowerCase().replace(' (as registered)', '')}.`;
    if (!v.name.trim()) out.name = 'Give it a name you recognise.';
    if (style.needsNamespace && !v.language.trim()) out.language = 'Infobip needs the language, e.g. en or en_US.';
    if (style.needsNamespace && !v.namespace.trim()) out.namespace = 'Infobip needs the namespace from your WhatsApp template details.';
    if (!v.body.trim()) out.body = 'Paste the template text.';
    else if (style.numbered && found.some((k) => !/^\d+$/.test(k))) out.body = 'Infobip placeholders are numbered: use {{1}}, {{2}} … instead of {name}.';
    else if (!style.numbered && found.some((k) => /^\d+$/.test(k))) out.body = 'Omnichat placeholders have names: use {name} instead of {{1}}.';
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
    'Language'
  ) : (
    <>
      Language
      <Optional />
    </>
  );

  return (
    <form className="subform form compact-form" onSubmit={submit} noValidate aria-label={template ? `Edit ${template.name}` : 'Add template'}>
      <h4>{template ? `Edit ${template.name}` : 'Add template'}</h4>
      <Field id={id('pid')} label={style.idLabel} help={style.idHelp} error={errors.providerTemplateId}>
        {(a11y) => <input {...a11y} spellCheck={false} maxLength={200} value={v.providerTemplateId} onChange={set('providerTemplateId')} />}
      </Field>
      <Field id={id('name')} label="Display name" help="How it shows in Switchboard's template picker." error={errors.name}>
        {(a11y) => <input {...a11y} maxLength={200} value={v.name} onChange={set('name')} />}
      </Field>
      <div className="field-row">
        <Field id={id('lang')} label={language} narrow error={errors.language}>
          {(a11y) => <input {...a11y} spellCheck={false} maxLength={20} placeholder="en" value={v.language} onChange={set('language')} />}
        </Field>
        {style.needsNamespace ? (
          <Field id={id('ns')} label="Namespace" error={errors.namespace}>
            {(a11y) => <input {...a11y} spellCheck={false} maxLength={200} placeholder="xxxxxxxx_xxxx_xxxx_xxxx_xxxxxxxxxxxx" value={v.namespace} onChange={set('namespace')} />}
          </Field>
        ) : null}
      </div>
      <Field id={id('body')} label="Body" help={style.bodyHelp} error={errors.body}>
        {(a11y) => <textarea {...a11y} rows={4} maxLength={4096} value={v.body} onChange={set('body')} />}
      </Field>
      {v.body.trim() ? (
        <div className="preview-block" aria-live="polite">
          <span className="preview-label">Preview {found.length > 0 ? `· ${found.length} placeholder${found.length === 1 ? '' : 's'}` : '· no placeholders'}</span>
          <TemplateText text={v.body} />
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} compact /> : null}
      <div className="form-actions">
        <button type="button" className="btn small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="btn small primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save template'}
        </button>
      </div>
    </form>
  );
}
