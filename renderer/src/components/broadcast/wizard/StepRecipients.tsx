// Step 2: who receives it — the rows of a CSV file (with which column is the phone number and
// which the name) or contacts picked from the ones Switchboard knows.
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/min';
import { countryName } from '../../../format';
import { t } from '../../../i18n';
import { useDraft, type Draft } from '../../../stores/broadcastDraft';
import { useSettings } from '../../../stores/settings';
import { useUi } from '../../../stores/ui';
import { ChoiceGroup } from '../ChoiceGroup';
import { ContactPicker } from './ContactPicker';
import { CsvImport } from './CsvImport';
import type { StepErrors } from './validate';

function callingCode(country: string): string {
  try {
    return ` (+${getCountryCallingCode(country.toUpperCase() as CountryCode)})`;
  } catch {
    return '';
  }
}

function CountryNote() {
  const country = useSettings((s) => s.settings?.defaultCountry);
  const go = useUi((s) => s.go);
  if (!country) return null;
  return (
    <p className="howto country-note">
      {t('wizard.recipients.countryNote', { country: `${countryName(country)}${callingCode(country)}` })}{' '}
      <button type="button" className="link-button" onClick={() => go('settings')}>
        {t('wizard.recipients.changeCountry')}
      </button>{' '}
      {t('wizard.recipients.keptWhileYouLook')}
    </p>
  );
}

export function StepRecipients({ draft, errors }: { draft: Draft; errors: StepErrors }) {
  const patch = useDraft((s) => s.patch);
  return (
    <div className="form wizard-step">
      <ChoiceGroup
        legend={t('wizard.recipients.legend')}
        value={draft.source}
        onChange={(source) => patch({ source })}
        row
        options={[
          { value: 'csv', title: t('wizard.recipients.csvTitle'), help: t('wizard.recipients.csvHelp') },
          { value: 'contacts', title: t('wizard.recipients.contactsTitle'), help: t('wizard.recipients.contactsHelp') },
        ]}
      />
      {draft.source === 'csv' ? <CsvImport draft={draft} errors={errors} /> : <ContactPicker draft={draft} error={errors.contacts} />}
      <CountryNote />
    </div>
  );
}
