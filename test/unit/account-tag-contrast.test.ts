// The account tag's text colour comes from a hue picked by the account's id, so axe in the e2e suite
// only meets the hues its random ids happen to pick. Every hue is checked here against every row
// the tag sits on (plain, hover, selected), in the light theme, at WCAG AA (4.5:1).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_HUES } from '../../renderer/src/components/AccountTag';

const styles = join(import.meta.dirname, '../../renderer/src');
const css = readFileSync(join(styles, 'styles/inbox.css'), 'utf8');
const root = readFileSync(join(styles, 'styles.css'), 'utf8');

type Rgb = [number, number, number];
const hsl = (h: number, s: number, l: number): Rgb => {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0), f(8), f(4)];
};
const hex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255) as Rgb;
const luminance = (c: Rgb) => {
  const [r, g, b] = c.map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4)) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: Rgb, b: Rgb) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};
const over = (fg: Rgb, alpha: number, bg: Rgb): Rgb => fg.map((v, i) => alpha * v + (1 - alpha) * bg[i]!) as Rgb;

/** `hsl(var(--account-hue, …) S% L% [/ A])` of a declaration in the light theme's `.account-tag` rule. */
function tagColour(property: 'color' | 'background'): { s: number; l: number; a: number } {
  const rule = /\n\.account-tag \{([^}]*)\}/.exec(css)![1]!;
  const m = new RegExp(`\\n\\s*${property}: hsl\\(var\\(--account-hue, \\d+\\) (\\d+)% (\\d+)%(?: / ([\\d.]+))?\\)`).exec(rule)!;
  return { s: Number(m[1]) / 100, l: Number(m[2]) / 100, a: m[3] ? Number(m[3]) : 1 };
}
const lightVar = (name: string) => hex(new RegExp(`--${name}: (#[0-9a-f]{6})`).exec(root)![1]!);

describe('the account tag in the light theme', () => {
  it('reads at 4.5:1 or better for every account hue, on a plain, hovered or selected row', () => {
    const text = tagColour('color');
    const tint = tagColour('background');
    const rows = { plain: hex('#ffffff'), hover: lightVar('hover'), selected: lightVar('selected') };
    const below: string[] = [];
    for (const hue of ACCOUNT_HUES) {
      for (const [row, bg] of Object.entries(rows)) {
        const ratio = contrast(hsl(hue, text.s, text.l), over(hsl(hue, tint.s, tint.l), tint.a, bg));
        if (ratio < 4.5) below.push(`hue ${hue} on a ${row} row: ${ratio.toFixed(2)}:1`);
      }
    }
    expect(below).toEqual([]);
  });
});
