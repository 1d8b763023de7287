// Code 128 drawn as vector bars. bwip-js computes the symbol (code sets, check digit); we draw its
// bar/space widths as rectangles: sharper than an embedded PNG at any printer resolution, and no
// PNG encode/decode per document.
import bwipjs from 'bwip-js';
import type { Pdf } from './pdf-document.ts';

/** Width of one dot of a 203 dpi thermal printer, in points. */
export const DOT_203 = 72 / 203;

/** Quiet zone on each side, in modules (ISO/IEC 15417 asks for at least 10). */
const QUIET_MODULES = 10;

export type Code128 = {
  /** alternating bar, space, bar, … widths in modules, starting with a bar */
  widths: number[];
  /** total width of the symbol in modules, without quiet zones */
  modules: number;
};

export function code128(text: string): Code128 {
  const [symbol] = bwipjs.raw('code128', text, {});
  if (!symbol || !('sbs' in symbol)) throw new Error('bwip-js returned no Code 128 symbol');
  const widths = symbol.sbs;
  return { widths, modules: widths.reduce((sum, width) => sum + width, 0) };
}

export type BarcodePlacement = { x: number; width: number; moduleWidth: number };

/**
 * Draws the symbol with its quiet zones centred in [x, x + width], bars `height` tall from y.
 * The module width is a whole number of 203 dpi dots (2–4) when that fits, and the symbol starts on
 * the dot grid, so a label printer reproduces every bar exactly; otherwise the symbol shrinks to fit.
 */
export function drawCode128(doc: Pdf, text: string, x: number, y: number, width: number, height: number): BarcodePlacement {
  const symbol = code128(text);
  const total = symbol.modules + 2 * QUIET_MODULES;
  const dots = Math.min(4, Math.floor(width / total / DOT_203));
  const moduleWidth = dots >= 2 ? dots * DOT_203 : width / total;
  const symbolWidth = total * moduleWidth;
  let left = x + (width - symbolWidth) / 2;
  if (dots >= 2) left = Math.round(left / DOT_203) * DOT_203;
  doc.save();
  doc.rect(left, y, symbolWidth, height).fill('#ffffff');
  let cursor = left + QUIET_MODULES * moduleWidth;
  symbol.widths.forEach((modules, index) => {
    const barWidth = modules * moduleWidth;
    if (index % 2 === 0) doc.rect(cursor, y, barWidth, height);
    cursor += barWidth;
  });
  doc.fill('#000000');
  doc.restore();
  return { x: left, width: symbolWidth, moduleWidth };
}
