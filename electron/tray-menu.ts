// The tray menu's plain description (services/desktop/tray.ts) as Electron's menu template.
// Electron is imported for its types only, so this runs — and is tested — without its binary.
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayItem, TrayItemId } from './services/desktop/tray';

export type TrayActions = Partial<Record<TrayItemId, (checked: boolean) => void>>;

export function toMenuTemplate(items: TrayItem[], actions: TrayActions): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    const act = actions[item.id];
    const click: MenuItemConstructorOptions['click'] = act ? (menuItem) => act(menuItem.checked) : undefined;
    if (item.type === 'checkbox') return { id: item.id, type: 'checkbox', label: item.label, checked: item.checked, click };
    return { id: item.id, type: 'normal', label: item.label, enabled: item.enabled, click };
  });
}
