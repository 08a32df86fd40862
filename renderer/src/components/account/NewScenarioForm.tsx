// A new Infobip OMNI scenario: WhatsApp first, then SMS when WhatsApp fails.
import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useAction } from '../../hooks/useAction';
import { t } from '../../i18n';
import { useValidation } from '../../hooks/useValidation';
import { ErrorNotice } from '../ErrorNotice';
import { Check, Field, Optional } from '../Field';

/** Infobip's own example of an SMS sender name. */
const SMS_SENDER_EXAMPLE = 'InfoSMS';

type Props = { accountId: string; onCreated(lineId: string): void | Promise<void>; onCancel(): void };
type Errors = Partial<Record<'name' | 'whatsAppSender', string>>;

export function NewScenarioForm({ accountId, onCreated, onCancel }: Props) {
  const { busy, error, run } = useAction();
  const [name, setName] = useState('');
  const [whatsAppSender, setWhatsAppSender] = useState('');
  const [smsSender, setSmsSender] = useState('');
  const [isDefault, setIsDefault] = useState(false);
  const { errors, check } = useValidation<Errors>(() => ({
    name: name.trim() ? undefined : t('newScenario.nameMissing'),
    whatsAppSender: whatsAppSender.trim() ? undefined : t('newScenario.senderMissing'),
  }));
  const id = (key: string) => `scenario-${accountId}-${key}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!check()) return;
    await run(async () => {
      const line = await call('lines:create', {
        accountId,
        input: { name: name.trim(), whatsAppSender: whatsAppSender.trim(), smsSender: smsSender.trim(), isDefault },
      });
      await onCreated(line.id);
    });
  }

  return (
    <form className="subform form compact-form" onSubmit={submit} noValidate aria-label={t('newScenario.title')}>
      <h4>{t('newScenario.title')}</h4>
      <Field id={id('name')} label={t('newScenario.name')} error={errors.name}>
        {(a11y) => <input {...a11y} maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field id={id('wa')} label={t('newScenario.sender')} help={t('newScenario.senderHelp')} error={errors.whatsAppSender}>
        {(a11y) => <input {...a11y} maxLength={200} placeholder="447860099299" value={whatsAppSender} onChange={(e) => setWhatsAppSender(e.target.value)} />}
      </Field>
      <Field
        id={id('sms')}
        label={
          <>
            {t('newScenario.sms')}
            <Optional />
          </>
        }
        help={t('newScenario.smsHelp')}
      >
        {(a11y) => <input {...a11y} maxLength={200} placeholder={SMS_SENDER_EXAMPLE} value={smsSender} onChange={(e) => setSmsSender(e.target.value)} />}
      </Field>
      <Check id={id('default')} label={t('newScenario.makeDefault')} checked={isDefault} onChange={setIsDefault} />
      {error ? <ErrorNotice error={error} compact /> : null}
      <div className="form-actions">
        <button type="button" className="btn small" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn small primary" disabled={busy}>
          {busy ? t('newScenario.creating') : t('newScenario.create')}
        </button>
      </div>
    </form>
  );
}
