// What main says about a provider (its name, its account-form fields) in the operator's language:
// worded by key (providerNames.<id>, providerFields.<id>.<field>.label|help|placeholder), with
// main's English as the fallback for anything the language files do not have yet.
import type { FieldSpec, ProviderInfo } from '../../../shared/model';
import { t } from '../i18n';

export type FieldPart = 'label' | 'help' | 'placeholder';

/** A field's label, help or placeholder in the current language; undefined when main gives none. */
export function fieldText(provider: ProviderInfo['id'], field: FieldSpec, part: FieldPart): string | undefined {
  const english = field[part];
  if (english === undefined) return undefined;
  return t(`providerFields.${provider}.${field.key}.${part}`, { defaultValue: english });
}

/** The provider's name as the interface shows it (some names carry words: "… with SMS failover"). */
export function providerName(provider: Pick<ProviderInfo, 'id' | 'name'>): string {
  return t(`providerNames.${provider.id}`, { defaultValue: provider.name });
}

/** The name of the provider with this id among those listed; the id itself when it is not listed. */
export function providerNameById(providers: Pick<ProviderInfo, 'id' | 'name'>[], id: string): string {
  const provider = providers.find((p) => p.id === id);
  return provider ? providerName(provider) : id;
}
