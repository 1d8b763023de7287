import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { regularFont } from '../src/fonts.ts';
import { renderLabelPdf } from '../src/label-pdf.ts';
import { TtfSubsetter } from '../src/ttf-subset.ts';
import { label, shopperGb } from './fixtures.ts';
import { writeTemp } from './scan.ts';

type Glyph = { id: number; advanceWidth: number; path: { toSVG(): string } };
type Font = { numGlyphs: number; glyphsForString(text: string): Glyph[]; getGlyph(id: number): Glyph };

/** Parses font bytes with fontkit, the way pdfkit does. */
function parseWithFontkit(bytes: Uint8Array): Font {
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.font(Buffer.from(bytes));
  return (probe as unknown as { _font: { font: Font } })._font.font;
}

const ttf = readFileSync(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));

describe('fonts', () => {
  it('parses DejaVu Sans once per process', () => {
    expect(regularFont()).toBe(regularFont());
  });

  it('every label embeds subsets of DejaVu Sans (regular and bold) with Unicode maps, never a built-in font', async () => {
    const file = writeTemp(await renderLabelPdf(label({ from: shopperGb }), 'a6'), 'pdf');
    const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    }
  });
});

describe('TtfSubsetter', () => {
  it('keeps outlines (composite glyphs included) and advance widths of the subset glyphs', () => {
    const original = parseWithFontkit(ttf);
    const text = 'Łódź İstanbul Ærøskøbing Straße Ελλάδα ÀÉÎÕÜ ąęł → ✂ 0123';
    const glyphs = original.glyphsForString(text);
    const list = [0];
    const subset = {
      glyphs: list,
      includeGlyph(glyphId: number): number {
        const index = list.indexOf(glyphId);
        if (index >= 0) return index;
        list.push(glyphId);
        return list.length - 1;
      },
    };
    const newIds = glyphs.map((glyph) => subset.includeGlyph(glyph.id));
    const bytes = new TtfSubsetter(ttf).encode(subset);
    const parsed = parseWithFontkit(bytes);
    expect(parsed.numGlyphs).toBe(list.length);
    expect(list.length).toBeGreaterThan(new Set(newIds).size); // components of composite glyphs were added
    glyphs.forEach((glyph, index) => {
      const copy = parsed.getGlyph(newIds[index]!);
      expect(copy.advanceWidth).toBe(glyph.advanceWidth);
      expect(copy.path.toSVG()).toBe(glyph.path.toSVG());
    });
  });

  it('writes a font whose table checksums and checkSumAdjustment are consistent', () => {
    const list = [0, 36, 37, 38];
    const bytes = new TtfSubsetter(ttf).encode({ glyphs: list, includeGlyph: (id) => list.indexOf(id) });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let whole = 0;
    for (let i = 0; i < bytes.length; i += 4) whole = (whole + view.getUint32(i)) >>> 0;
    expect(whole).toBe(0xb1b0afba);
    const tables = view.getUint16(4);
    for (let t = 0; t < tables; t++) {
      const [offset, length] = [view.getUint32(12 + 16 * t + 8), view.getUint32(12 + 16 * t + 12)];
      let sum = 0;
      for (let i = offset; i < offset + length; i += 4) sum = (sum + (i + 4 <= bytes.length ? view.getUint32(i) : 0)) >>> 0;
      const tag = String.fromCharCode(...bytes.subarray(12 + 16 * t, 12 + 16 * t + 4));
      if (tag !== 'head') expect(sum, tag).toBe(view.getUint32(12 + 16 * t + 4));
    }
  });
});
