// Phone numbers as people read them. Providers send bare international digits (2348012345678);
// libphonenumber-js knows each country's grouping.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** "2348012345678" → "+234 801 234 5678"; anything that is not a valid number is returned as given. */
export function formatPhone(raw: string): string {
  const digits = raw.replace(/[^\d]/g, '');
  if (!/^\d{6,15}$/.test(digits) || raw.includes('@')) return raw;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  return parsed?.isValid() ? parsed.formatInternational() : `+${digits}`;
}
