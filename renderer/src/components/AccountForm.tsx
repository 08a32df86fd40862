// Add or edit an account: provider, name, then the provider's own fields. Secrets go to the keychain
// and never come back, so an edit shows which are saved and keeps them unless replaced.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Account, AppError, ConnectionTest, FieldSpec, ProviderInfo } from '../../../shared/model';
import { call, toAppError } from '../api';
import { useAccounts } from '../stores/accounts';
import { ErrorNotice } from './ErrorNotice';
import { errorText, reasonText, t } from '../i18n';
import { fieldText, providerName } from './providerWords';

type Props = {
  providers: ProviderInfo[];
  /** The account being edited; absent when adding. */
  account?: Account;
  /** Saved and tested; `test` is what the provider answered (absent when the operator closed after a failed test). */
  onDone(account: Account, test?: ConnectionTest): void;
  onCancel(): void;
};

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A new account starts from the provider's defaults (e.g. its public API address). */
function defaultsOf(provider: ProviderInfo | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of provider?.fields ?? []) if (field.default !== undefined && !field.secret) values[field.key] = field.default;
  return values;
}

export function AccountForm({ providers, account: given, onDone, onCancel }: Props) {
  // Once saved, the form edits that account: fixing a rejected token and saving again updates it.
  const [savedAccount, setSavedAccount] = useState<Account | null>(null);
  const account = savedAccount ?? given;
  const [failedTest, setFailedTest] = useState<ConnectionTest | null>(null);
  const editing = !!given;
  const [providerId, setProviderId] = useState(account?.provider ?? providers[0]?.id ?? '');
  const [name, setName] = useState(account?.name ?? '');
  const [values, setValues] = useState<Record<string, string>>(() => (account ? { ...account.config } : defaultsOf(providers[0])));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const create = useAccounts((s) => s.create);
  const update = useAccounts((s) => s.update);
  const provider = providers.find((p) => p.id === providerId);
  const nameInput = useRef<HTMLInputElement>(null);

  // The form opens above the list; bring it into view with the cursor in the first thing to type.
  useEffect(() => {
    nameInput.current?.scrollIntoView({ block: 'center' });
    nameInput.current?.focus({ preventScroll: true });
  }, []);

  const savedSecret = (field: FieldSpec) => field.secret && !!account?.savedSecrets.includes(field.key);

  function validate(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!provider) errors.provider = t('accountForm.chooseProvider');
    if (!name.trim()) errors.name = t('accountForm.nameRequired');
    for (const field of provider?.fields ?? []) {
      const value = values[field.key]?.trim() ?? '';
      if (!value) {
        if (field.required && !savedSecret(field)) errors[field.key] = t('accountForm.fieldRequired', { field: provider ? fieldText(provider.id, field, 'label') : field.label });
      } else if (field.kind === 'url' && !isHttpUrl(value)) {
        errors[field.key] = t('accountForm.urlError');
      }
    }
    return errors;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors = validate();
    setFieldErrors(errors);
    setError(null);
    if (!provider || Object.keys(errors).length > 0) return;
    const config: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    for (const field of provider.fields) {
      const value = values[field.key]?.trim() ?? '';
      if (value) (field.secret ? secrets : config)[field.key] = value;
    }
    setBusy(true);
    setFailedTest(null);
    let saved: Account;
    try {
      saved = account
        ? await update({ id: account.id, name: name.trim(), config, secrets })
        : await create({ provider: provider.id, name: name.trim(), config, secrets });
      setSavedAccount(saved);
    } catch (err) {
      setError(toAppError(err));
      setBusy(false);
      return;
    }
    // A green "Saved" for credentials the provider refuses misleads: test them now, and keep the
    // form open with the answer when they fail (the test also refreshes the account's status).
    let test: ConnectionTest;
    try {
      test = await call('accounts:testConnection', { id: saved.id });
    } catch (err) {
      const e = toAppError(err);
      test = { ok: false, status: 'unknown', message: e.message, ...(e.detail ? { detail: e.detail } : {}), ...(e.key ? { key: e.key } : {}), ...(e.params ? { params: e.params } : {}) };
    }
    // The card shows the status the test left, at the same moment as the answer (not a moment later,
    // when the change would arrive as an event).
    await useAccounts.getState().refresh().catch(() => undefined);
    setBusy(false);
    if (test.ok) onDone(saved, test);
    else setFailedTest(test);
  }

  const providerHelp = editing
    ? t('accountForm.providerFixed')
    : provider?.capabilities.includes('qrInstances')
      ? t('accountForm.afterQr')
      : provider?.capabilities.includes('lines')
        ? t('accountForm.afterLines')
        : null;
  const describedBy = (key: string, help?: string) =>
    [help ? `help-${key}` : '', fieldErrors[key] ? `error-${key}` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="account-form-title">
      <h2 id="account-form-title">{account ? t('accountForm.editTitle', { name: account.name }) : t('accountForm.newTitle')}</h2>
      <div className="field">
        <label htmlFor="account-provider">{t('accountForm.provider')}</label>
        <select
          id="account-provider"
          value={providerId}
          disabled={editing}
          onChange={(e) => {
            setProviderId(e.target.value as typeof providerId);
            setValues(defaultsOf(providers.find((p) => p.id === e.target.value)));
            setFieldErrors({});
          }}
          aria-describedby={describedBy('provider', providerHelp ?? undefined)}
        >
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {providerName(p)}
            </option>
          ))}
        </select>
        {providerHelp ? (
          <p className="help" id="help-provider">
            {providerHelp}
          </p>
        ) : null}
        {fieldErrors.provider ? <p className="field-error" id="error-provider">{fieldErrors.provider}</p> : null}
      </div>
      <div className="field">
        {/* The mark sits beside the label, not in it: the field's name stays "Name"; the input says aria-required. */}
        <div className="label-row">
          <label htmlFor="account-name">{t('accountForm.name')}</label>
          <span className="required" aria-hidden="true">
            {t('accountForm.required')}
          </span>
        </div>
        <input
          id="account-name"
          ref={nameInput}
          aria-required="true"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('accountForm.namePlaceholder')}
          aria-invalid={!!fieldErrors.name}
          aria-describedby={describedBy('name')}
        />
        {fieldErrors.name ? <p className="field-error" id="error-name">{fieldErrors.name}</p> : null}
      </div>
      {provider?.fields.map((field) => {
        const id = `account-field-${field.key}`;
        const saved = savedSecret(field);
        const help = fieldText(provider.id, field, 'help');
        return (
          <div className="field" key={`${provider.id}-${field.key}`}>
            <label htmlFor={id}>
              {fieldText(provider.id, field, 'label')}
              {field.required && !saved ? <span className="required"> {t('accountForm.required')}</span> : null}
            </label>
            <input
              id={id}
              type={field.secret ? 'password' : field.kind === 'url' ? 'url' : 'text'}
              autoComplete={field.secret ? 'new-password' : 'off'}
              spellCheck={false}
              value={values[field.key] ?? ''}
              onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
              placeholder={saved ? t('tunnel.savedPlaceholder') : fieldText(provider.id, field, 'placeholder')}
              aria-invalid={!!fieldErrors[field.key]}
              aria-describedby={describedBy(field.key, help)}
            />
            {help ? <p className="help" id={`help-${field.key}`}>{help}</p> : null}
            {fieldErrors[field.key] ? <p className="field-error" id={`error-${field.key}`}>{fieldErrors[field.key]}</p> : null}
          </div>
        );
      })}
      {error ? <ErrorNotice error={error} /> : null}
      {failedTest && savedAccount ? (
        <div className="notice error" role="alert">
          <p className="notice-message">
            {t('accountForm.testFailed', { message: errorText({ code: 'unexpected_response', ...failedTest }) })}
          </p>
          {failedTest.detail ? (
            <details>
              <summary>{t('common.details')}</summary>
              <pre>{reasonText(failedTest.detail, failedTest.detailWording)}</pre>
            </details>
          ) : null}
          <button type="button" className="btn small" onClick={() => onDone(savedAccount)}>
            {t('accountForm.keep')}
          </button>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="btn" onClick={savedAccount ? () => onDone(savedAccount) : onCancel} disabled={busy}>
          {savedAccount ? t('common.close') : t('common.cancel')}
        </button>
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? t('accountForm.savingTesting') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
