// What the main process itself says (tray menu, the quit question, the first-close hint), in the
// window's two languages. The window words everything else with i18next; these are shown by the
// OS while the window may be closed, so main picks the language from the same setting.
export type DesktopLanguage = 'en' | 'id';

export interface DesktopWords {
  locale: string;
  noUnread: string;
  unread(n: string, one: boolean): string;
  open: string;
  doNotDisturb: string;
  quit: string;
  messagesWaiting(n: string, one: boolean): string;
  broadcastsPending(n: string, one: boolean): string;
  and: string;
  quitQuestion: string;
  quitDetail(what: string): string;
  quitAnyway: string;
  keepRunning: string;
  hintTitle: string;
  hintBody: string;
}

export const desktopWords: Record<DesktopLanguage, DesktopWords> = {
  en: {
    locale: 'en-US',
    noUnread: 'No unread messages',
    unread: (n, one) => (one ? `${n} unread message` : `${n} unread messages`),
    open: 'Open',
    doNotDisturb: 'Do not disturb',
    quit: 'Quit',
    messagesWaiting: (n, one) => (one ? `${n} message is waiting to be sent` : `${n} messages are waiting to be sent`),
    broadcastsPending: (n, one) => (one ? `${n} broadcast is running or scheduled` : `${n} broadcasts are running or scheduled`),
    and: ' and ',
    quitQuestion: 'Quit Switchboard with work still queued?',
    quitDetail: (what) =>
      `${what}. Nothing is sent while Switchboard is closed; it carries on the next time you start it. To keep sending, close the window instead — Switchboard keeps running in the tray.`,
    quitAnyway: 'Quit anyway',
    keepRunning: 'Keep running',
    hintTitle: 'Switchboard is still running',
    hintBody: 'It keeps receiving messages and sending what is queued. Open it or quit from the tray icon.',
  },
  id: {
    locale: 'id-ID',
    noUnread: 'Tidak ada pesan belum dibaca',
    unread: (n) => `${n} pesan belum dibaca`,
    open: 'Buka',
    doNotDisturb: 'Jangan ganggu',
    quit: 'Keluar',
    messagesWaiting: (n) => `${n} pesan menunggu dikirim`,
    broadcastsPending: (n) => `${n} siaran sedang berjalan atau terjadwal`,
    and: ' dan ',
    quitQuestion: 'Keluar dari Switchboard padahal masih ada antrean?',
    quitDetail: (what) =>
      `${what}. Tidak ada yang dikirim selama Switchboard tertutup; pengiriman dilanjutkan saat Anda membukanya lagi. Agar tetap mengirim, tutup jendelanya saja — Switchboard tetap berjalan di baki sistem.`,
    quitAnyway: 'Tetap keluar',
    keepRunning: 'Biarkan berjalan',
    hintTitle: 'Switchboard masih berjalan',
    hintBody: 'Pesan tetap diterima dan antrean tetap dikirim. Buka atau keluar lewat ikon di baki sistem.',
  },
};

/** The Language setting ("system" follows the OS locale, e.g. app.getLocale()) as one of ours. */
export function desktopLanguage(setting: string | undefined, systemLocale: string | undefined): DesktopLanguage {
  if (setting === 'en' || setting === 'id') return setting;
  const base = (systemLocale ?? '').toLowerCase().split(/[-_]/)[0];
  return base === 'id' || base === 'in' ? 'id' : 'en';
}

/** A count in the language's digits grouping, capped so a menu never grows wide. */
export function countText(n: number, w: DesktopWords, cap = Infinity): string {
  return n > cap ? `${cap.toLocaleString(w.locale)}+` : n.toLocaleString(w.locale);
}
