// Listener port, default country and the public address (tunnel, or the operator's own URL),
// checked here before the main side sees them. One form and one Save for what is typed; the
// tunnel's buttons inside act at once.
import { useMemo, useState, type FormEvent } from 'react';
import type { AppError, Settings, WebhookStatus } from '../../../shared/model';
import { toAppError } from '../api';
import { useSettings } from '../stores/settings';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { countryOptions } from './settings/countries';
import { PublicAddress } from './settings/PublicAddress';
import { t } from '../i18n';

type Errors = Partial<Record<'port' | 'url' | 'country', string>>;

export function SettingsForm({ settings, status }: { settings: Settings; status: WebhookStatus | null }) {
  const save = useSettings((s) => s.save);
  const [port, setPort] = useState(String(settings.listenerPort));
  const [url, setUrl] = useState(settings.publicBaseUrl ?? '');
  const [country, setCountry] = useState(settings.defaultCountry);
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const countries = useMemo(() => countryOptions(), []);

  function validate(): Errors {
    const found: Errors = {};
    const n = Number(port);
    if (port.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535) found.port = t('settings.portError');
    if (url.trim()) {
      try {
        const parsed = new URL(url.trim());
        if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('scheme');
      } catch {
        found.url = t('settings.urlError');
      }
    }
    if (!countries.some((c) => c.code === country)) found.country = t('settings.countryError');
    return found;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    setError(null);
    setSaved(false);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const next = await save({
        listenerPort: Number(port),
        publicBaseUrl: url.trim() ? url.trim().replace(/\/+$/, '') : null,
        defaultCountry: country.trim().toUpperCase(),
      });
      setPort(String(next.listenerPort));
      setUrl(next.publicBaseUrl ?? '');
      setCountry(next.defaultCountry);
      setSaved(true);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }

  const ownAddress = (
    <Field
      id="settings-url"
      label={t('settings.publicUrl')}
      help={t('settings.publicUrlHelp')}
      error={errors.url}
    >
      {(a11y) => <input {...a11y} type="url" spellCheck={false} placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />}
    </Field>
  );

  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-label={t('nav.settings')}>
      <section className="card form" aria-labelledby="settings-form-title">
        <h2 id="settings-form-title">{t('settings.general')}</h2>
        <Field id="settings-port" label={t('settings.port')} help={t('settings.portHelp')} error={errors.port} narrow>
          {(a11y) => <input {...a11y} type="number" min={0} max={65535} inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />}
        </Field>
        <Field id="settings-country" label={t('settings.country')} help={t('settings.countryHelp')} error={errors.country} narrow>
          {(a11y) => (
            <select {...a11y} value={country} onChange={(e) => setCountry(e.target.value)}>
              {/* A stored code libphonenumber doesn't know (saved by an older version) stays visible until changed. */}
              {countries.some((c) => c.code === country) ? null : <option value={country}>{country}</option>}
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
          )}
        </Field>
      </section>
      <PublicAddress status={status} ownAddress={ownAddress} />
      <div className="save-bar">
        {error ? <ErrorNotice error={error} compact /> : null}
        {saved ? (
          <p className="saved" role="status">
            {t('settings.saved')}
          </p>
        ) : null}
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
