// Which live updates raise an OS notification and what it says (shared/notify.ts): the window
// runs exactly this on every batch of live updates.
import { describe, expect, it } from 'vitest';
import type { DesktopPrefs } from '../../shared/desktop';
import type { Message, Thread } from '../../shared/model';
import { arrivals, notificationContent, notificationsFor, preview, silencedBy, type NotifyLabels } from '../../shared/notify';

const thread = (over: Partial<Thread> = {}): Thread => ({
  id: 't1',
  accountId: 'a1',
  instanceId: null,
  peerId: '6281234567890',
  title: 'Siti Rahma',
  phone: '+6281234567890',
  isGroup: false,
  unread: 1,
  lastMessage: 'Halo',
  lastAt: 1000,
  replyable: true,
  notReplyableReason: null,
  avatarUrl: null,
  ...over,
});

let n = 0;
const message = (over: Partial<Message> = {}): Message => ({
  id: `m${++n}`,
  threadId: 't1',
  direction: 'in',
  kind: 'text',
  text: 'Halo kak, stok batik masih ada?',
  author: null,
  providerMessageId: null,
  status: 'received',
  error: null,
  errorPermanent: null,
  at: 1000 + n,
  channel: null,
  price: null,
  media: null,
  attempts: 0,
  nextAttemptAt: null,
  waitingReason: null,
  ...over,
});

const prefs = (over: Partial<DesktopPrefs> = {}): DesktopPrefs => ({ doNotDisturb: false, mutedAccounts: [], mutedThreads: [], openAtLogin: false, ...over });
const away = { threadId: null, windowFocused: false };

describe('arrivals: what counts as a message that just arrived', () => {
  it('is a received inbound message published together with its thread', () => {
    const m = message();
    expect(arrivals([m], [thread()], new Set())).toEqual([m]);
  });

  it('is not a later update to the same message (a media download finishing), nor one seen before', () => {
    const seen = new Set<string>();
    const m = message({ kind: 'image', media: { kind: 'image', url: null, mimeType: 'image/jpeg', fileName: null, state: 'pending', size: null, error: null } });
    expect(arrivals([m], [thread()], seen)).toHaveLength(1);
    expect(arrivals([{ ...m, media: { ...m.media!, state: 'ready' } }], [], seen)).toEqual([]);
    expect(arrivals([m], [thread()], seen)).toEqual([]);
  });

  it('is not an update published without its thread, even to a window that just reloaded', () => {
    expect(arrivals([message()], [], new Set())).toEqual([]);
  });

  it('is never the operator’s own message or a status change', () => {
    expect(arrivals([message({ direction: 'out', status: 'sent' }), message({ direction: 'out', status: 'queued' })], [thread()], new Set())).toEqual([]);
  });
});

describe('silencedBy', () => {
  it('lets a message through by default', () => {
    expect(silencedBy(thread(), prefs(), away)).toBeNull();
  });

  it('is do-not-disturb first, then a muted account, then a muted conversation', () => {
    expect(silencedBy(thread(), prefs({ doNotDisturb: true, mutedAccounts: ['a1'] }), away)).toBe('doNotDisturb');
    expect(silencedBy(thread(), prefs({ mutedAccounts: ['a1'], mutedThreads: ['t1'] }), away)).toBe('accountMuted');
    expect(silencedBy(thread(), prefs({ mutedThreads: ['t1'] }), away)).toBe('threadMuted');
    expect(silencedBy(thread(), prefs({ mutedAccounts: ['a2'], mutedThreads: ['t2'] }), away)).toBeNull();
  });

  it('stays quiet for the conversation on screen in a focused window, but not in a window in the background', () => {
    expect(silencedBy(thread(), prefs(), { threadId: 't1', windowFocused: true })).toBe('onScreen');
    expect(silencedBy(thread(), prefs(), { threadId: 't1', windowFocused: false })).toBeNull();
    expect(silencedBy(thread(), prefs(), { threadId: 't2', windowFocused: true })).toBeNull();
  });
});

describe('what a notification says', () => {
  it('names the sender and previews the text', () => {
    expect(notificationContent(message({ text: 'Halo kak,\n\n stok  ada?' }), thread())).toEqual({ threadId: 't1', title: 'Siti Rahma', body: 'Halo kak, stok ada?' });
  });

  it('names the author and the group in a group', () => {
    expect(notificationContent(message({ author: 'Budi' }), thread({ isGroup: true, title: 'Reseller Bandung' })).title).toBe('Budi in Reseller Bandung');
    expect(notificationContent(message(), thread({ isGroup: true, title: 'Reseller Bandung' })).title).toBe('Someone in Reseller Bandung');
  });

  it('says what kind of message has no text, and keeps a caption', () => {
    const media = { kind: 'document' as const, url: null, mimeType: 'application/pdf', fileName: 'invoice.pdf', state: 'pending' as const, size: null, error: null };
    expect(preview({ kind: 'image', text: null, media: null })).toBe('Photo');
    expect(preview({ kind: 'image', text: 'Warna merah', media: null })).toBe('Photo · Warna merah');
    expect(preview({ kind: 'document', text: null, media })).toBe('Document: invoice.pdf');
    expect(preview({ kind: 'location', text: null, media: null })).toBe('Location');
  });

  it('cuts a long message short', () => {
    const body = preview({ kind: 'text', text: 'a'.repeat(500), media: null });
    expect(body).toHaveLength(140);
    expect(body.endsWith('…')).toBe(true);
  });

  it('is worded with the labels it is given (the operator’s language)', () => {
    const id: NotifyLabels = {
      kind: { text: 'Pesan', image: 'Foto', video: 'Video', audio: 'Audio', document: 'Dokumen', location: 'Lokasi', contact: 'Kontak', interactive: 'Pesan', template: 'Pesan', unsupported: 'Pesan' },
      someone: 'Seseorang',
      inGroup: (a, g) => `${a} di ${g}`,
      more: (t, c) => `${t} (+${c} lainnya)`,
      unnamedGroup: (g) => `Grup ${g}`,
    };
    const c = notificationContent(message({ kind: 'image', text: null }), thread({ isGroup: true, title: 'Grup' }), 2, id);
    expect(c).toMatchObject({ title: 'Seseorang di Grup', body: 'Foto (+2 lainnya)' });
    // A group nobody named ("Group <id>", made by main) is named in the operator's language too.
    const unnamed = thread({ isGroup: true, peerId: '120363025246125486@g.us', title: 'Group 120363025246125486' });
    expect(notificationContent(message({ text: 'hai' }), unnamed, 0, id).title).toBe('Seseorang di Grup 120363025246125486');
    expect(notificationContent(message({ text: 'hai' }), { ...unnamed, renamed: true }, 0, id).title).toBe('Seseorang di Group 120363025246125486');
  });
});

describe('notificationsFor: one batch of live updates', () => {
  it('raises one notification per conversation, for its newest message, with how many more came', () => {
    const t1 = thread();
    const t2 = thread({ id: 't2', title: 'Andi' });
    const batch = { threads: [t1, t2], messages: [message({ text: 'satu', at: 1 }), message({ text: 'dua', at: 2 }), message({ threadId: 't2', text: 'hai' })] };
    expect(notificationsFor(batch, new Set(), prefs(), away)).toEqual([
      { threadId: 't1', title: 'Siti Rahma', body: 'dua (+1 more)' },
      { threadId: 't2', title: 'Andi', body: 'hai' },
    ]);
  });

  it('raises none for silenced conversations, and does not raise them later either', () => {
    const seen = new Set<string>();
    const m = message();
    expect(notificationsFor({ threads: [thread()], messages: [m] }, seen, prefs({ doNotDisturb: true }), away)).toEqual([]);
    expect(notificationsFor({ threads: [thread()], messages: [m] }, seen, prefs(), away)).toEqual([]);
  });
});

describe('a group nobody named', () => {
  it('reads "Group <id>" in the operator’s language on screen, and a name given to it as given', async () => {
    const { threadTitle } = await import('../../renderer/src/format');
    const { i18n } = await import('../../renderer/src/i18n');
    const unnamed = thread({ isGroup: true, peerId: '120363025246125486@g.us', title: 'Group 120363025246125486' });
    await i18n.changeLanguage('id');
    try {
      expect(threadTitle(unnamed)).toBe('Grup 120363025246125486');
      expect(threadTitle({ ...unnamed, title: 'Arisan RT 05' })).toBe('Arisan RT 05');
      expect(threadTitle({ ...unnamed, renamed: true })).toBe('Group 120363025246125486');
      expect(threadTitle({ ...unnamed, isGroup: false })).toBe('Group 120363025246125486');
    } finally {
      await i18n.changeLanguage('en');
    }
    expect(threadTitle(unnamed)).toBe('Group 120363025246125486');
  });
});
