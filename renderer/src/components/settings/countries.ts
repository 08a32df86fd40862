// The regions libphonenumber can read numbers for, by name in the interface language, so the
// default country is picked from real ones (a typed "XX" made every local number invalid).
import { getCountries } from 'libphonenumber-js/min';
import { currentLocale } from '../../i18n';

export type CountryOption = { code: string; name: string };

export function countryOptions(locale = currentLocale()): CountryOption[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  } catch {
    names = null;
  }
  return getCountries()
    .map((code) => ({ code, name: names?.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}
