// Template broadcast campaigns, keyed by id and kept live by `broadcasts:changed`, plus which
// Broadcasts view is showing (the list, the wizard, or one campaign's page). The operator's actions
// on a campaign live here too and lay their answer over the list.
import { create } from 'zustand';
import type { Campaign } from '../../../shared/broadcast';
import type { AppError } from '../../../shared/model';
import { call, toAppError } from '../api';

export type BroadcastView = { kind: 'list' } | { kind: 'new' } | { kind: 'campaign'; id: string };

type BroadcastsState = {
  byId: Record<string, Campaign>;
  loaded: boolean;
  loading: boolean;
  error: AppError | null;
  view: BroadcastView;
  load(): Promise<void>;
  /** A campaign as the main side now has it (an event or an action's answer). */
  apply(campaign: Campaign): void;
  applyMany(campaigns: Campaign[]): void;
  drop(id: string): void;
  show(view: BroadcastView): void;
};

export const useBroadcasts = create<BroadcastsState>()((set, get) => ({
  byId: {},
  loaded: false,
  loading: false,
  error: null,
  view: { kind: 'list' },
  async load() {
    set({ loading: true, error: null });
    try {
      const list = await call('broadcasts:list', {});
      set({ byId: Object.fromEntries(list.map((c) => [c.id, c])), loaded: true, loading: false });
    } catch (err) {
      set({ error: toAppError(err), loading: false });
    }
  },
  apply: (campaign) => set({ byId: { ...get().byId, [campaign.id]: campaign } }),
  applyMany: (campaigns) => {
    if (campaigns.length > 0) set({ byId: { ...get().byId, ...Object.fromEntries(campaigns.map((c) => [c.id, c])) } });
  },
  drop(id) {
    const { [id]: _gone, ...rest } = get().byId;
    const view = get().view;
    set({ byId: rest, ...(view.kind === 'campaign' && view.id === id ? { view: { kind: 'list' } as const } : {}) });
  },
  show: (view) => set({ view }),
}));

/** Newest first: scheduled and running ones by when they were made, like every other. */
export function campaignsNewestFirst(byId: Record<string, Campaign>): Campaign[] {
  return Object.values(byId).sort((a, b) => b.createdAt - a.createdAt);
}

type Action = 'pause' | 'resume' | 'cancel' | 'retryFailed';

/** Pause, resume, cancel or retry the failed recipients; the answer replaces the campaign. */
export async function campaignAction(action: Action, campaignId: string): Promise<Campaign> {
  const campaign = await call(`broadcasts:${action}`, { campaignId });
  useBroadcasts.getState().apply(campaign);
  return campaign;
}

/** Starts now, or at `at` (epoch ms). */
export async function startCampaign(campaignId: string, at?: number): Promise<Campaign> {
  const campaign = await call('broadcasts:start', { campaignId, ...(at !== undefined ? { at } : {}) });
  useBroadcasts.getState().apply(campaign);
  return campaign;
}

/** Removes a draft or a finished campaign (and its report). */
export async function removeCampaign(campaignId: string): Promise<void> {
  await call('broadcasts:remove', { campaignId });
  useBroadcasts.getState().drop(campaignId);
}

/** Downloads the per-recipient report as the main side wrote it. */
export async function exportCampaign(campaignId: string): Promise<string> {
  const { fileName, csv } = await call('broadcasts:exportCsv', { campaignId });
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download by now; give slow browsers a moment anyway.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}
