// Drawing text into a fixed box so that it never leaves it: lines shrink together down to a minimum
// size, then wrap, then are cut with an ellipsis. The common case (everything fits) measures each
// line once and draws it without pdfkit's line wrapper.
import { FONT_BOLD, FONT_REGULAR } from './fonts.ts';
import type { Pdf } from './pdf-document.ts';

export type Box = { x: number; y: number; width: number; height: number };

export type TextLine = { text: string; bold?: boolean /** relative to the block's size, default 1 */; scale?: number };

export type FitOptions = {
  size: number;
  minSize: number;
  align?: 'left' | 'center' | 'right';
  /** extra space between lines, as a fraction of the font size */
  gap?: number;
};

/** DejaVu Sans: (ascender − descender) / unitsPerEm ≈ 1.164 */
const LINE_HEIGHT = 1.164;

/** Control characters and line breaks become spaces; runs of spaces collapse. */
export function clean(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function setFont(doc: Pdf, bold: boolean | undefined, size: number): void {
  doc.font(bold ? FONT_BOLD : FONT_REGULAR).fontSize(size);
}

function alignedX(box: Box, width: number, align: FitOptions['align']): number {
  if (align === 'center') return box.x + (box.width - width) / 2;
  if (align === 'right') return box.x + box.width - width;
  return box.x;
}

/**
 * Draws the lines top-down in the box and returns the height used. Empty lines are skipped.
 */
export function drawFitted(doc: Pdf, lines: readonly TextLine[], box: Box, options: FitOptions): number {
  const present = lines.map((line) => ({ ...line, text: clean(line.text) })).filter((line) => line.text !== '');
  if (present.length === 0) return 0;
  const gap = options.gap ?? 0.08;
  // Widths scale linearly with the font size: measure once at the full size.
  let widest = 0;
  let tallest = 0;
  for (const line of present) {
    const scale = line.scale ?? 1;
    setFont(doc, line.bold, options.size * scale);
    widest = Math.max(widest, doc.widthOfString(line.text) / box.width);
    tallest += options.size * scale * (LINE_HEIGHT + gap);
  }
  const factor = Math.min(1, 1 / widest, box.height / tallest);
  const size = Math.floor(options.size * factor * 10 + 1e-6) / 10;
  if (size >= options.minSize) {
    let y = box.y;
    for (const line of present) {
      const lineSize = size * (line.scale ?? 1);
      setFont(doc, line.bold, lineSize);
      const width = doc.widthOfString(line.text);
      doc.text(line.text, alignedX(box, width, options.align), y, { lineBreak: false });
      y += lineSize * (LINE_HEIGHT + gap);
    }
    return y - box.y;
  }
  return drawWrapped(doc, present, box, options.minSize, gap, options.align);
}

/** The slow path: minimum size, wrapped to the box width, cut at the box bottom with an ellipsis. */
function drawWrapped(doc: Pdf, lines: readonly TextLine[], box: Box, size: number, gap: number, align: FitOptions['align']): number {
  const bottom = box.y + box.height;
  let y = box.y;
  for (const line of lines) {
    const lineSize = size * (line.scale ?? 1);
    const lineHeight = lineSize * (LINE_HEIGHT + gap);
    if (y + lineSize * LINE_HEIGHT > bottom + 0.01) break;
    setFont(doc, line.bold, lineSize);
    doc.text(line.text, box.x, y, {
      width: box.width,
      height: bottom - y,
      ellipsis: true,
      lineGap: lineSize * gap,
      align: align ?? 'left',
    });
    y = Math.max(doc.y, y + lineHeight);
  }
  return Math.min(y, bottom) - box.y;
}

/** One line at a fixed size, shrunk (never below minSize, then cut) to fit the width. */
export function drawLine(
  doc: Pdf,
  text: string,
  x: number,
  y: number,
  width: number,
  style: { size: number; minSize?: number; bold?: boolean; align?: FitOptions['align'] },
): void {
  drawFitted(
    doc,
    [{ text, bold: style.bold }],
    { x, y, width, height: style.size * (LINE_HEIGHT + 0.08) },
    {
      size: style.size,
      minSize: style.minSize ?? style.size * 0.6,
      align: style.align,
    },
  );
}
