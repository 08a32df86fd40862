// Intl formatters for the chosen locale, made once per locale and options. Making one is costly
// (a long list re-rendering while a broadcast runs spent most of its time constructing date
// formatters), using one is cheap. `toLocale*String` makes a new one on every call, so the screens
// format through these instead.
import { currentLocale } from './i18n';

const dates = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();

function cached<F>(cache: Map<string, F>, options: object, make: (locale: string) => F): F {
  const locale = currentLocale();
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = make(locale);
    cache.set(key, f);
  }
  return f;
}

/** A date/time in the current locale with these options. */
export function formatDate(at: number | Date, options: Intl.DateTimeFormatOptions): string {
  return cached(dates, options, (locale) => new Intl.DateTimeFormat(locale, options)).format(at);
}

/** A number in the current locale with these options. */
export function formatNumber(n: number, options: Intl.NumberFormatOptions = {}): string {
  return cached(numbers, options, (locale) => new Intl.NumberFormat(locale, options)).format(n);
}
