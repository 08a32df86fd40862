// A new Infobip OMNI scenario: WhatsApp first, then SMS when WhatsApp fails.
import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useAction } from '../../hooks/useAction';
import { useValidation } from '../../hooks/useValidation';
import { ErrorNotice } from '../ErrorNotice';
import { Check, Field, Optional } from '../Field';

type Props = { accountId: string; onCreated(lineId: string): void | Promise<void>; onCancel(): void };
type Errors = Partial<Record<'name' | 'whatsAppSender', string>>;

export function NewScenarioForm({ accountId, onCreated, onCancel }: Props) {
  const { busy, error, run } = useAction();
  const [name, setName] = useState('');
  const [whatsAppSender, setWhatsAppSender] = useState('');
  const [smsSender, setSmsSender] = useState('');
  const [isDefault, setIsDefault] = useState(false);
  const { errors, check } = useValidation<Errors>(() => ({
    name: name.trim() ? undefined : 'Give the scenario a name.',
    whatsAppSender: whatsAppSender.trim() ? undefined : 'Enter the WhatsApp sender Infobip gave you.',
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
    <form className="subform form compact-form" onSubmit={submit} noValidate aria-label="New scenario">
      <h4>New scenario</h4>
      <Field id={id('name')} label="Scenario name" error={errors.name}>
        {(a11y) => <input {...a11y} maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field id={id('wa')} label="WhatsApp sender" help="The WhatsApp number Infobip activated for you, digits with country code." error={errors.whatsAppSender}>
        {(a11y) => <input {...a11y} maxLength={200} placeholder="447860099299" value={whatsAppSender} onChange={(e) => setWhatsAppSender(e.target.value)} />}
      </Field>
      <Field
        id={id('sms')}
        label={
          <>
            SMS sender
            <Optional />
          </>
        }
        help="Sends by SMS from this name or number when WhatsApp fails. Leave empty for WhatsApp only."
      >
        {(a11y) => <input {...a11y} maxLength={200} placeholder="InfoSMS" value={smsSender} onChange={(e) => setSmsSender(e.target.value)} />}
      </Field>
      <Check id={id('default')} label="Make it the default scenario at Infobip" checked={isDefault} onChange={setIsDefault} />
      {error ? <ErrorNotice error={error} compact /> : null}
      <div className="form-actions">
        <button type="button" className="btn small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="btn small primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create scenario'}
        </button>
      </div>
    </form>
  );
}
