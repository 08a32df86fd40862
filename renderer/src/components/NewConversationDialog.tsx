// Start a conversation with a phone number on one of the accounts, then open it.
import { useState, type FormEvent } from 'react';
import { countryName } from '../format';
import { useAction } from '../hooks/useAction';
import { useValidation } from '../hooks/useValidation';
import { useAccounts } from '../stores/accounts';
import { useInbox } from '../stores/inbox';
import { useSettings } from '../stores/settings';
import { useUi } from '../stores/ui';
import { Dialog, DialogActions } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { Field, Optional } from './Field';
import { errorText, t } from '../i18n';
import { providerNameById } from './providerWords';

type Errors = Partial<Record<'account' | 'phone', string>>;

export function NewConversationDialog({ defaultAccountId, onClose }: { defaultAccountId: string | null; onClose(): void }) {
  const accounts = useAccounts((s) => s.accounts);
  const providers = useAccounts((s) => s.providers);
  const country = useSettings((s) => s.settings?.defaultCountry ?? null);
  const startThread = useInbox((s) => s.startThread);
  const { busy, error, run } = useAction();
  const [accountId, setAccountId] = useState(defaultAccountId ?? accounts[0]?.id ?? '');
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const { errors, check } = useValidation<Errors>(() => ({
    account: accounts.some((a) => a.id === accountId) ? undefined : t('newConversation.chooseAccount'),
    phone: phone.replace(/\D/g, '').length >= 3 ? undefined : t('newConversation.enterPhone'),
  }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!check()) return;
    await run(async () => {
      const thread = await startThread({ accountId, phone: phone.trim(), ...(name.trim() ? { name: name.trim() } : {}) });
      const ui = useUi.getState();
      const inbox = useInbox.getState();
      // Make sure the new chat is in the list: no search or other account's filter hides it.
      if (inbox.search) inbox.setSearch('');
      if (ui.inboxAccountId && ui.inboxAccountId !== thread.accountId) ui.filterInbox(null);
      ui.selectThread(thread.id);
      onClose();
    });
  }

  // A number the app refused is shown on the number field, so focus returns there (Dialog).
  const numberError = error?.code === 'validation' && /phone number/i.test(error.message) ? errorText(error) : undefined;
  const countryHelp = country
    ? t('newConversation.countryHelp', { country: countryName(country), code: country })
    : t('newConversation.noCountryHelp');

  return (
    <Dialog title={t('threads.new')} busy={busy} onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <Field id="new-account" label={t('newConversation.account')} error={errors.account}>
          {(a11y) => (
            <select {...a11y} value={accountId} onChange={(e) => setAccountId(e.target.value)}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} — {providerNameById(providers, a.provider)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="new-phone" label={t('newConversation.phone')} help={countryHelp} error={errors.phone ?? numberError}>
          {(a11y) => <input {...a11y} type="tel" autoComplete="off" autoFocus placeholder="+62 812 3456 7890" value={phone} onChange={(e) => setPhone(e.target.value)} />}
        </Field>
        <Field
          id="new-name"
          label={
            <>
              {t('accountForm.name')}
              <Optional />
            </>
          }
          help={t('newConversation.nameHelp')}
        >
          {(a11y) => <input {...a11y} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        {error && !numberError ? <ErrorNotice error={error} compact /> : null}
        <DialogActions busy={busy} submitLabel={t('newConversation.start')} busyLabel={t('newConversation.starting')} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
