// Step 2: who receives it — the rows of a CSV file (with which column is the phone number and
// which the name) or contacts picked from the ones Switchboard knows.
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/min';
import { countryName } from '../../../format';
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
      Numbers written without a country code are read as {countryName(country)}
      {callingCode(country)} numbers, the default country in Settings.{' '}
      <button type="button" className="link-button" onClick={() => go('settings')}>
        Change the default country
      </button>{' '}
      — what you chose here is kept while you look.
    </p>
  );
}

export function StepRecipients({ draft, errors }: { draft: Draft; errors: StepErrors }) {
  const patch = useDraft((s) => s.patch);
  return (
    <div className="form wizard-step">
      <ChoiceGroup
        legend="Where do the recipients come from?"
        value={draft.source}
        onChange={(source) => patch({ source })}
        row
        options={[
          { value: 'csv', title: 'Import a CSV file', help: 'A spreadsheet saved as CSV, with a header row: one customer per row.' },
          { value: 'contacts', title: 'Pick from contacts', help: 'People who have written to your accounts.' },
        ]}
      />
      {draft.source === 'csv' ? <CsvImport draft={draft} errors={errors} /> : <ContactPicker draft={draft} error={errors.contacts} />}
      <CountryNote />
    </div>
  );
}
