// The interface language: i18next with English and Bahasa Indonesia bundled. The choice comes from
// the Language setting ("system" follows the OS); until settings load, the last choice made on this
// machine (kept in localStorage) or the browser's language is used, so the first paint is right.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { fileTypeWords } from '../../../shared/file-types';
import type { AppError, Settings, Wording } from '../../../shared/model';
import en from './en.json';
import id from './id.json';

export type Language = 'en' | 'id';
export const LANGUAGES: readonly Language[] = ['en', 'id'];
const STORAGE_KEY = 'switchboard.language';

/** "id-ID", "in" (old Android/Java code) → "id"; everything else → "en". */
export function languageOf(locale: string | null | undefined): Language {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return base === 'id' || base === 'in' ? 'id' : 'en';
}

/** The language to show for a setting, given the OS locale (Electron) or the browser's. */
export function resolveLanguage(setting: Settings['language'] | undefined, systemLocale?: string | null): Language {
  if (setting === 'en' || setting === 'id') return setting;
  return languageOf(systemLocale || (typeof navigator !== 'undefined' ? navigator.language : 'en'));
}

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'id') return saved;
  } catch {
    // No storage (private mode): the browser's language will do.
  }
  return languageOf(typeof navigator !== 'undefined' ? navigator.language : 'en');
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, id: { translation: id } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export const i18n = i18next;
/** Translates a key in the current language; plain string keys, so keys can be built from data. */
export const t = (key: string, options?: Record<string, unknown>): string => i18next.t(key, options ?? {}) as string;

/** Switches the interface language and remembers it for the next start. */
export function applyLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; the setting still applies once loaded.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  if (i18next.language !== lang) void i18next.changeLanguage(lang);
}

/** The BCP 47 locale for Intl: Indonesian as written in Indonesia; English in the system's own variant. */
export function currentLocale(): string {
  if (i18next.language === 'id') return 'id-ID';
  const system = typeof navigator !== 'undefined' ? navigator.language : 'en';
  return languageOf(system) === 'en' && system.toLowerCase().startsWith('en') ? system : 'en';
}

/** An error worded in the operator's language: its key when we have one, else main's English message. */
export function errorText(error: AppError): string {
  return worded(error.message, error.key, error.params, 0);
}

/** A region's name in the current language ("ID" → "Indonesia"); the code itself when unknown. */
function regionName(code: string): string {
  try {
    return new Intl.DisplayNames([currentLocale()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** How deep a reason inside a reason inside … is worded; deeper ones keep their English. */
const MAX_INNER = 4;

/**
 * A reason said around another one ("Paused at row 12: <why>", "Not known whether this message was
 * sent … (<why>)") carries the inner reason's English text as `reason` and its wording, as JSON, as
 * `reasonWording` (main: store/wording.ts innerReason): the inner one is worded first, so the whole
 * reads in one language.
 */
function innerWording(raw: unknown): Wording | null {
  if (typeof raw !== 'string') return null;
  try {
    const w = JSON.parse(raw) as Partial<Wording> | null;
    if (!w || typeof w.key !== 'string') return null;
    return w.params && typeof w.params === 'object' ? { key: w.key, params: w.params } : { key: w.key };
  } catch {
    return null;
  }
}

function worded(message: string, key: string | undefined, given: Record<string, string | number> | undefined, depth: number): string {
  // With its values, so a counted key ("x_one"/"x_other") is found too.
  if (!key || !i18next.exists(key, given ?? {})) return message;
  const { reasonWording, ...params }: Record<string, string | number> = { ...(given ?? {}) };
  const inner = depth < MAX_INNER ? innerWording(reasonWording) : null;
  if (inner && typeof params.reason === 'string') params.reason = worded(params.reason, inner.key, inner.params, depth + 1);
  if (typeof params.field === 'string') params.field = t(`fields.${params.field}`, { defaultValue: params.field });
  // A country travels as its ISO code (ID) and is named in the operator's language.
  if (typeof params.country === 'string' && /^[A-Z]{2}$/.test(params.country)) params.country = regionName(params.country);
  if (typeof params.fileType === 'string') {
    const words = fileTypeWords(params.fileType);
    params.fileType = t(`fileTypes.${words.key}`, { defaultValue: params.fileType, mime: words.mime ?? '' });
  }
  const text = t(key, params);
  return typeof params.path === 'string' && params.path ? `${params.path}: ${text}` : text;
}

/**
 * A reason main keeps as English text (a failed send, why a message waits, a rejected row…), worded
 * in the operator's language when it came with its wording; the English text otherwise.
 */
export function reasonText(text: string, wording: Wording | null | undefined): string;
export function reasonText(text: string | null, wording: Wording | null | undefined): string | null;
export function reasonText(text: string | null, wording: Wording | null | undefined): string | null {
  if (!wording) return text;
  return worded(text ?? '', wording.key, wording.params, 0) || text;
}

if (typeof document !== 'undefined') document.documentElement.lang = i18next.language;
