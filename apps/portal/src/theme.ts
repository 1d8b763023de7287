// Brand colours made safe: WCAG contrast is computed, and a brand colour that is too light for
// white text (or as text on white) is darkened until it reaches 4.5:1, so nothing looks broken.
import type { PublicPortal } from '@retour/contracts/portal';

type Rgb = [number, number, number];
const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [23, 26, 31];
const DEFAULT_BRAND: Rgb = [31, 79, 209];
const DEFAULT_BACKGROUND: Rgb = [244, 245, 247];

export function parseHex(value: string): Rgb | null {
  const hex = value.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return null;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function luminance([r, g, b]: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function mix(a: Rgb, b: Rgb, amount: number): Rgb {
  return a.map((c, i) => Math.round(c + ((b[i] ?? 0) - c) * amount)) as Rgb;
}

/** The colour itself when it has `ratio` against `against`, else the lightest darker shade that has. */
export function darkenUntil(color: Rgb, against: Rgb, ratio: number): Rgb {
  let shade = color;
  for (let step = 1; contrast(shade, against) < ratio && step <= 20; step++) shade = mix(color, [0, 0, 0], step * 0.05);
  return shade;
}

export function toHex(color: Rgb): string {
  return `#${color.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

export type Theme = { brand: string; brandInk: string; brandSoft: string; background: string; onBackground: string };

export function themeOf(colors: PublicPortal['brand']['colors']): Theme {
  const brand = darkenUntil(parseHex(colors.primary) ?? DEFAULT_BRAND, WHITE, 4.5);
  const background = parseHex(colors.background) ?? DEFAULT_BACKGROUND;
  // A white page would make the white card vanish: tint it a little.
  const page = contrast(background, WHITE) < 1.05 ? DEFAULT_BACKGROUND : background;
  const onBackground = contrast(INK, page) >= 4.5 ? INK : WHITE;
  return {
    brand: toHex(brand),
    brandInk: toHex(WHITE),
    brandSoft: toHex(mix(brand, WHITE, 0.9)),
    background: toHex(page),
    onBackground: toHex(onBackground),
  };
}

export function applyTheme(theme: Theme): void {
  const style = document.documentElement.style;
  style.setProperty('--brand', theme.brand);
  style.setProperty('--brand-ink', theme.brandInk);
  style.setProperty('--brand-soft', theme.brandSoft);
  style.setProperty('--page', theme.background);
  style.setProperty('--on-page', theme.onBackground);
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', theme.brand);
}
