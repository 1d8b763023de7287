// A minimal TrueType subsetter for embedding in PDFs, used instead of fontkit's TTFSubset.encode().
//
// fontkit re-decodes every glyph outline (to find out whether it is composite) and re-encodes the
// hinting tables value by value for every document; that was about half the time of rendering a
// label. Here the font's tables are parsed once per process and each glyph's raw bytes and
// component offsets are remembered, so a subset is only copying bytes. The output has the tables
// fontkit writes for PDF embedding (PDF 32000 9.9: head, hhea, loca, maxp, cvt, prep, glyf, hmtx,
// fpgm), with long loca offsets and glyph ids renumbered in subset order.

type TableRecord = { offset: number; length: number };

type GlyphData = { bytes: Uint8Array; components: { pos: number; glyphId: number }[] };

/** The part of a fontkit Subset we rely on: its glyph list (old ids in new order) and includeGlyph(). */
export type GlyphSubset = { glyphs: number[]; includeGlyph(glyphId: number): number };

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

function pad4(length: number): number {
  return (length + 3) & ~3;
}

function checksum(bytes: Uint8Array, offset: number, length: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  let sum = 0;
  const end = offset + pad4(length);
  for (let i = offset; i < end; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

export class TtfSubsetter {
  readonly #ttf: Uint8Array;
  readonly #view: DataView;
  readonly #tables = new Map<string, TableRecord>();
  readonly #glyphs = new Map<number, GlyphData>();
  readonly #loca: number[] = [];
  readonly #numberOfHMetrics: number;

  constructor(ttf: Uint8Array) {
    this.#ttf = ttf;
    this.#view = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
    const numTables = this.#view.getUint16(4);
    for (let i = 0; i < numTables; i++) {
      const record = 12 + 16 * i;
      const tag = String.fromCharCode(...ttf.subarray(record, record + 4));
      this.#tables.set(tag, { offset: this.#view.getUint32(record + 8), length: this.#view.getUint32(record + 12) });
    }
    for (const tag of ['head', 'hhea', 'maxp', 'loca', 'hmtx', 'glyf']) {
      if (!this.#tables.has(tag)) throw new Error(`not a TrueType font: no '${tag}' table`);
    }
    const head = this.#table('head').offset;
    const longLoca = this.#view.getInt16(head + 50) === 1;
    const numGlyphs = this.#view.getUint16(this.#table('maxp').offset + 4);
    const loca = this.#table('loca').offset;
    for (let gid = 0; gid <= numGlyphs; gid++) {
      this.#loca.push(longLoca ? this.#view.getUint32(loca + 4 * gid) : this.#view.getUint16(loca + 2 * gid) * 2);
    }
    this.#numberOfHMetrics = this.#view.getUint16(this.#table('hhea').offset + 34);
  }

  #table(tag: string): TableRecord {
    const record = this.#tables.get(tag);
    if (!record) throw new Error(`font has no '${tag}' table`);
    return record;
  }

  #bytes(tag: string): Uint8Array {
    const record = this.#tables.get(tag);
    return record ? this.#ttf.subarray(record.offset, record.offset + record.length) : new Uint8Array(0);
  }

  /** The glyph's bytes in 'glyf' and, for a composite glyph, where its component ids are. Cached. */
  #glyph(gid: number): GlyphData {
    let data = this.#glyphs.get(gid);
    if (data) return data;
    const start = this.#table('glyf').offset + (this.#loca[gid] ?? 0);
    const end = this.#table('glyf').offset + (this.#loca[gid + 1] ?? 0);
    const bytes = this.#ttf.subarray(start, Math.max(start, end));
    const components: GlyphData['components'] = [];
    if (bytes.length >= 10 && this.#view.getInt16(start) < 0) {
      let pos = 10;
      let flags = MORE_COMPONENTS;
      while (flags & MORE_COMPONENTS && pos + 4 <= bytes.length) {
        flags = this.#view.getUint16(start + pos);
        components.push({ pos: pos + 2, glyphId: this.#view.getUint16(start + pos + 2) });
        pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) pos += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
      }
    }
    data = { bytes, components };
    this.#glyphs.set(gid, data);
    return data;
  }

  #metrics(gid: number): { advance: number; bearing: number } {
    const hmtx = this.#table('hmtx').offset;
    const long = Math.min(gid, this.#numberOfHMetrics - 1);
    const advance = this.#view.getUint16(hmtx + 4 * long);
    const bearing =
      gid < this.#numberOfHMetrics
        ? this.#view.getInt16(hmtx + 4 * gid + 2)
        : this.#view.getInt16(hmtx + 4 * this.#numberOfHMetrics + 2 * (gid - this.#numberOfHMetrics));
    return { advance, bearing };
  }

  /**
   * The font file for the subset's glyphs, in subset order. Components of composite glyphs are
   * added to the subset (includeGlyph) and their ids rewritten, as fontkit does.
   */
  encode(subset: GlyphSubset): Uint8Array {
    const pieces: { bytes: Uint8Array; patches: [number, number][] }[] = [];
    for (let i = 0; i < subset.glyphs.length; i++) {
      const glyph = this.#glyph(subset.glyphs[i] ?? 0);
      pieces.push({ bytes: glyph.bytes, patches: glyph.components.map((c) => [c.pos, subset.includeGlyph(c.glyphId)]) });
    }
    const count = pieces.length;
    const glyfLength = pieces.reduce((sum, piece) => sum + piece.bytes.length, 0);
    const tables: [string, number, (out: DataView, bytes: Uint8Array, at: number) => void][] = [
      ['cvt ', this.#bytes('cvt ').length, (_, out, at) => out.set(this.#bytes('cvt '), at)],
      ['fpgm', this.#bytes('fpgm').length, (_, out, at) => out.set(this.#bytes('fpgm'), at)],
      [
        'glyf',
        glyfLength,
        (view, out, at) => {
          let cursor = at;
          for (const piece of pieces) {
            out.set(piece.bytes, cursor);
            for (const [pos, gid] of piece.patches) view.setUint16(cursor + pos, gid);
            cursor += piece.bytes.length;
          }
        },
      ],
      [
        'head',
        54,
        (view, out, at) => {
          out.set(this.#bytes('head').subarray(0, 54), at);
          view.setUint32(at + 8, 0);
          view.setInt16(at + 50, 1);
        },
      ],
      [
        'hhea',
        36,
        (view, out, at) => {
          out.set(this.#bytes('hhea').subarray(0, 36), at);
          view.setUint16(at + 34, count);
        },
      ],
      [
        'hmtx',
        4 * count,
        (view, _, at) => {
          subset.glyphs.forEach((gid, index) => {
            const { advance, bearing } = this.#metrics(gid);
            view.setUint16(at + 4 * index, advance);
            view.setInt16(at + 4 * index + 2, bearing);
          });
        },
      ],
      [
        'loca',
        4 * (count + 1),
        (view, _, at) => {
          let offset = 0;
          pieces.forEach((piece, index) => {
            view.setUint32(at + 4 * index, offset);
            offset += piece.bytes.length;
          });
          view.setUint32(at + 4 * count, offset);
        },
      ],
      [
        'maxp',
        this.#bytes('maxp').length,
        (view, out, at) => {
          out.set(this.#bytes('maxp'), at);
          view.setUint16(at + 4, count);
        },
      ],
      ['prep', this.#bytes('prep').length, (_, out, at) => out.set(this.#bytes('prep'), at)],
    ];
    const present = tables.filter(([tag, length]) => length > 0 || tag === 'glyf');
    const numTables = present.length;
    const headerLength = 12 + 16 * numTables;
    const total = headerLength + present.reduce((sum, [, length]) => sum + pad4(length), 0);
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    const entrySelector = Math.floor(Math.log2(numTables));
    view.setUint32(0, 0x00010000);
    view.setUint16(4, numTables);
    view.setUint16(6, 16 * 2 ** entrySelector);
    view.setUint16(8, entrySelector);
    view.setUint16(10, 16 * numTables - 16 * 2 ** entrySelector);
    let at = headerLength;
    let headAt = 0;
    present.forEach(([tag, length, write], index) => {
      write(view, out, at);
      const record = 12 + 16 * index;
      for (let i = 0; i < 4; i++) out[record + i] = tag.charCodeAt(i);
      view.setUint32(record + 4, checksum(out, at, length));
      view.setUint32(record + 8, at);
      view.setUint32(record + 12, length);
      if (tag === 'head') headAt = at;
      at += pad4(length);
    });
    view.setUint32(headAt + 8, (0xb1b0afba - checksum(out, 0, total)) >>> 0);
    return out;
  }
}
