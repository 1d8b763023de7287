// Brand colours: WCAG contrast computed right, and a brand colour too light for white text (or as
// text on white) replaced by the lightest darker shade that reaches 4.5:1.
import { describe, expect, it } from 'vitest';
import { contrast, darkenUntil, parseHex, themeOf } from '../src/theme.ts';

const WHITE = [255, 255, 255] as const;
const rgb = (hex: string) => {
  const parsed = parseHex(hex);
  if (!parsed) throw new Error(`bad colour ${hex}`);
  return parsed;
};

describe('contrast', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#767676', '#ffffff', 4.54],
    ['#1f4fd1', '#ffffff', 6.78],
    ['#ffd400', '#ffffff', 1.42],
  ])('%s on %s is %f:1', (a, b, ratio) => {
    expect(contrast(rgb(a), rgb(b))).toBeCloseTo(ratio, 1);
  });

  it('reads short and long hex, and refuses anything else', () => {
    expect(parseHex('#fff')).toEqual([255, 255, 255]);
    expect(parseHex('1F4FD1')).toEqual([31, 79, 209]);
    expect(parseHex('blue')).toBeNull();
    expect(parseHex('#12345')).toBeNull();
  });
});

describe('brand colour', () => {
  it.each(['#1f4fd1', '#000000', '#b42318'])('keeps %s, which already has 4.5:1 on white', (primary) => {
    expect(themeOf({ primary, background: '#ffffff' }).brand).toBe(primary);
  });

  it.each(['#ffd400', '#7fdbff', '#ffffff', '#2ecc40', '#ff851b'])('darkens %s until white text on it reaches 4.5:1', (primary) => {
    const theme = themeOf({ primary, background: '#ffffff' });
    expect(theme.brand).not.toBe(primary);
    expect(contrast(rgb(theme.brand), [...WHITE])).toBeGreaterThanOrEqual(4.5);
    // The lightest shade that passes: one step lighter would fail.
    const original = rgb(primary);
    const shade = darkenUntil(original, [...WHITE], 4.5);
    expect(shade).toEqual(rgb(theme.brand));
  });

  it('falls back to the default for an unreadable colour and keeps page text readable on dark backgrounds', () => {
    const theme = themeOf({ primary: 'not-a-colour', background: '#101820' });
    expect(theme.brand).toBe('#1f4fd1');
    expect(contrast(rgb(theme.onBackground), rgb(theme.background))).toBeGreaterThanOrEqual(4.5);
    expect(themeOf({ primary: '#1f4fd1', background: '#ffffff' }).background).not.toBe('#ffffff');
  });
});
