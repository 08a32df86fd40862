// Send a contact card (vCard) the customer can save with one tap.
import { useState, type FormEvent } from 'react';
import { useValidation } from '../../hooks/useValidation';
import { Dialog, DialogActions } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { Field, Optional } from '../Field';
import { useSend } from './useSend';
import { t } from '../../i18n';

type Errors = Partial<Record<'fullName' | 'phone', string>>;

const optional = (label: string) => (
  <>
    {label}
    <Optional />
  </>
);

export function ContactDialog({ threadId, onClose }: { threadId: string; onClose(): void }) {
  const { busy, error, send } = useSend(threadId);
  const [fullName, setFullName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [organization, setOrganization] = useState('');
  const [phone, setPhone] = useState('');
  const { errors, check } = useValidation<Errors>(() => ({
    fullName: fullName.trim() ? undefined : t('contactCard.fullNameError'),
    phone: /^\+?[\d\s().-]{6,20}$/.test(phone.trim()) ? undefined : t('contactCard.phoneError'),
  }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!check()) return;
    const ok = await send({
      kind: 'contact',
      fullName: fullName.trim(),
      phone: phone.trim(),
      ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      ...(organization.trim() ? { organization: organization.trim() } : {}),
    });
    if (ok) onClose();
  }

  return (
    <Dialog title={t('composer.attachItem.contact')} busy={busy} onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <Field id="contact-full" label={t('contactCard.fullName')} error={errors.fullName}>
          {(a11y) => <input {...a11y} maxLength={100} value={fullName} onChange={(e) => setFullName(e.target.value)} />}
        </Field>
        <Field id="contact-display" label={optional(t('contactCard.displayName'))} help={t('contactCard.displayNameHelp')}>
          {(a11y) => <input {...a11y} maxLength={100} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
        </Field>
        <Field id="contact-org" label={optional(t('contactCard.organization'))}>
          {(a11y) => <input {...a11y} maxLength={100} value={organization} onChange={(e) => setOrganization(e.target.value)} />}
        </Field>
        <Field id="contact-phone" label={t('newConversation.phone')} error={errors.phone}>
          {(a11y) => <input {...a11y} type="tel" placeholder="+62 812 3456 7890" value={phone} onChange={(e) => setPhone(e.target.value)} />}
        </Field>
        {error ? <ErrorNotice error={error} compact /> : null}
        <DialogActions busy={busy} submitLabel={t('composer.attachItem.contact')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
