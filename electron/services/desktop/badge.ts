// The unread total on the dock / taskbar. macOS and Linux launchers take a number
// (app.setBadgeCount); Windows shows an overlay icon on the taskbar button, with a description
// for screen readers.
import { unreadLabel } from './tray';
import { desktopWords, type DesktopWords } from './words';

export type BadgePlan = { kind: 'count'; count: number } | { kind: 'overlay'; show: boolean; description: string };

export function badgePlan(platform: NodeJS.Platform, unread: number, w: DesktopWords = desktopWords.en): BadgePlan {
  const n = Math.max(0, Math.floor(unread));
  if (platform === 'win32') return { kind: 'overlay', show: n > 0, description: n > 0 ? unreadLabel(n, w) : '' };
  return { kind: 'count', count: n };
}

/**
 * A filled circle as raw BGRA pixels (what nativeImage.createFromBitmap takes), so the overlay
 * needs no image file and no canvas. Edges are blended over one pixel so it is not jagged.
 */
export function dotBitmap(size = 16, rgb: [number, number, number] = [0xd9, 0x30, 0x25]): Buffer {
  const buf = Buffer.alloc(size * size * 4);
  const c = (size - 1) / 2;
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const alpha = Math.round(255 * Math.min(1, Math.max(0, r - d)));
      const i = (y * size + x) * 4;
      buf[i] = rgb[2];
      buf[i + 1] = rgb[1];
      buf[i + 2] = rgb[0];
      buf[i + 3] = alpha;
    }
  }
  return buf;
}
