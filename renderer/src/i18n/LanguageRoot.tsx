// Keeps the interface language in step with the Language setting, and redraws the whole window when
// it changes: labels read outside React (format.ts tables) then come out in the new language too.
import { Fragment, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../stores/settings';
import { applyLanguage, resolveLanguage } from '.';

export function LanguageRoot({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const setting = useSettings((s) => s.settings?.language);
  const systemLocale = useSettings((s) => s.info?.locale);
  useEffect(() => {
    if (setting) applyLanguage(resolveLanguage(setting, systemLocale));
  }, [setting, systemLocale]);
  return <Fragment key={i18n.language}>{children}</Fragment>;
}
