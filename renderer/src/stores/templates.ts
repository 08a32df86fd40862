// Message templates per account: listed on demand (the composer's picker, the Templates screen),
// synced from providers that list them, saved and removed for the ones entered by hand.
import { create } from 'zustand';
import type { AppError, Template } from '../../../shared/model';
import type { ChannelInput } from '../../../shared/ipc';
import { call, toAppError } from '../api';

export type TemplatesSlot = { list: Template[]; loaded: boolean; loading: boolean; error: AppError | null };

type TemplatesState = {
  byAccount: Record<string, TemplatesSlot>;
  load(accountId: string): Promise<void>;
  sync(accountId: string): Promise<Template[]>;
  save(input: ChannelInput<'templates:save'>): Promise<Template>;
  remove(template: Template): Promise<void>;
};

const empty: TemplatesSlot = { list: [], loaded: false, loading: false, error: null };
const byName = (a: Template, b: Template) => a.name.localeCompare(b.name) || (a.language ?? '').localeCompare(b.language ?? '');

export const useTemplates = create<TemplatesState>()((set, get) => {
  const patch = (accountId: string, next: Partial<TemplatesSlot>) =>
    set({ byAccount: { ...get().byAccount, [accountId]: { ...(get().byAccount[accountId] ?? empty), ...next } } });

  return {
    byAccount: {},
    async load(accountId) {
      patch(accountId, { loading: true, error: null });
      try {
        const list = await call('templates:list', { accountId });
        patch(accountId, { list: [...list].sort(byName), loaded: true, loading: false });
      } catch (err) {
        patch(accountId, { loading: false, error: toAppError(err) });
      }
    },
    async sync(accountId) {
      const list = await call('templates:sync', { accountId });
      patch(accountId, { list: [...list].sort(byName), loaded: true, error: null });
      return list;
    },
    async save(input) {
      const saved = await call('templates:save', input);
      const others = (get().byAccount[saved.accountId]?.list ?? []).filter((t) => t.id !== saved.id);
      patch(saved.accountId, { list: [...others, saved].sort(byName) });
      return saved;
    },
    async remove(template) {
      await call('templates:remove', { id: template.id });
      patch(template.accountId, { list: (get().byAccount[template.accountId]?.list ?? []).filter((t) => t.id !== template.id) });
    },
  };
});
