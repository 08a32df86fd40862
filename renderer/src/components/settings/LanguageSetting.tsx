// The interface language: System (the OS language), English or Bahasa Indonesia. It applies at once,
// like the tunnel's buttons, rather than waiting for the form's Save.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, Settings } from '../../../../shared/model';
import { toAppError } from '../../api';
import { languageOf } from '../../i18n';
import { useSettings } from '../../stores/settings';
import { ErrorNotice } from '../ErrorNotice';
import { Field } from '../Field';

export function LanguageSetting({ value }: { value: Settings['language'] }) {
  const { t } = useTranslation();
  const save = useSettings((s) => s.save);
  const systemLocale = useSettings((s) => s.info?.locale);
  const [error, setError] = useState<AppError | null>(null);
  const system = languageOf(systemLocale || navigator.language) === 'id' ? t('settings.indonesian') : t('settings.english');

  async function choose(language: Settings['language']) {
    setError(null);
    try {
      await save({ language });
    } catch (err) {
      setError(toAppError(err));
    }
  }

  return (
    <section className="card form" aria-labelledby="settings-language-title">
      <h2 id="settings-language-title">{t('settings.language')}</h2>
      <Field id="settings-language" label={t('settings.language')} help={t('settings.languageHelp')} narrow>
        {(a11y) => (
          <select {...a11y} value={value} onChange={(e) => void choose(e.target.value as Settings['language'])}>
            <option value="system">{t('settings.languageSystem', { name: system })}</option>
            <option value="en" lang="en">
              English
            </option>
            <option value="id" lang="id">
              Bahasa Indonesia
            </option>
          </select>
        )}
      </Field>
      {error ? <ErrorNotice error={error} compact /> : null}
    </section>
  );
}
