// DejaVu Sans (regular + bold) for every PDF: read and parsed ONCE per process, then shared by all
// documents. Covers Łódź, Straße, Ærøskøbing, İstanbul, Ελλάδα, …
//
// How pdfkit 0.20 handles fonts, and what we change:
// - PDFFontFactory.open() parses a Buffer or path with fontkit on the first doc.font() call of every
//   document (~700 kB of tables for DejaVu Sans). It also accepts an already parsed fontkit Font (any
//   object with a `layout` method) and then only wraps it in a per-document EmbeddedFont (its own
//   subset, widths and ToUnicode map). We parse once, through a throw-away probe document (so this
//   package needs no direct dependency on fontkit), and hand the parsed Font to every document.
// - EmbeddedFont keeps a per-document cache of shaped words (`layoutCache`); we give every document
//   the same process-wide cache, emptied when it grows large. Shaping is deterministic, so the output
//   does not depend on what was cached.
// - EmbeddedFont.embed() writes `subset.encode()`, fontkit's subsetter, which re-decodes every glyph
//   and re-encodes the hinting tables per document. We replace `encode` on each document's subset
//   with TtfSubsetter (ttf-subset.ts), which copies raw glyph bytes parsed once.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { type GlyphSubset, TtfSubsetter } from './ttf-subset.ts';

/** A parsed fontkit Font. Opaque here: it is only ever handed back to pdfkit. */
export type ParsedFont = { readonly layout: (text: string) => unknown };

type LoadedFont = { parsed: ParsedFont; subsetter: TtfSubsetter; layoutCache: Record<string, unknown> };

/** Names under which every document registers the fonts: doc.font(FONT_REGULAR). */
export const FONT_REGULAR = 'DejaVuSans';
export const FONT_BOLD = 'DejaVuSans-Bold';

/** Shaped words kept across documents before the cache is emptied (bounds memory for varied data). */
const LAYOUT_CACHE_LIMIT = 20_000;

const require = createRequire(import.meta.url);

let fonts: { regular: LoadedFont; bold: LoadedFont } | undefined;
let documentsSinceCheck = 0;

function parse(ttf: Buffer): ParsedFont {
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.font(ttf);
  // pdfkit keeps the current EmbeddedFont in `_font`, its fontkit Font in `_font.font`.
  const parsed = (probe as unknown as { _font?: { font?: unknown } })._font?.font;
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as ParsedFont).layout !== 'function') {
    throw new Error('pdfkit did not expose the parsed font (pdfkit internals changed?)');
  }
  return parsed as ParsedFont;
}

function load(file: string): LoadedFont {
  const ttf = readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
  return { parsed: parse(ttf), subsetter: new TtfSubsetter(ttf), layoutCache: Object.create(null) };
}

function loaded(): { regular: LoadedFont; bold: LoadedFont } {
  fonts ??= { regular: load('DejaVuSans.ttf'), bold: load('DejaVuSans-Bold.ttf') };
  return fonts;
}

/** The parsed regular font, for PDFDocument's `font` option (so pdfkit never loads Helvetica). */
export function regularFont(): ParsedFont {
  return loaded().regular.parsed;
}

type PdfkitEmbeddedFont = { font?: unknown; subset?: GlyphSubset & { encode: () => Uint8Array }; layoutCache?: unknown };

function adopt(doc: PDFKit.PDFDocument, name: string, font: LoadedFont): void {
  doc.font(name);
  const embedded = (doc as unknown as { _font?: PdfkitEmbeddedFont })._font;
  const subset = embedded?.subset;
  if (!embedded || embedded.font !== font.parsed || !subset || !Array.isArray(subset.glyphs) || typeof subset.includeGlyph !== 'function') {
    throw new Error('pdfkit EmbeddedFont is not shaped as expected (pdfkit internals changed?)');
  }
  subset.encode = () => font.subsetter.encode(subset);
  if (embedded.layoutCache) embedded.layoutCache = font.layoutCache;
}

/** Registers FONT_REGULAR and FONT_BOLD on a new document, wired to the shared fonts; FONT_REGULAR is current. */
export function useDocumentFonts(doc: PDFKit.PDFDocument): void {
  const { regular, bold } = loaded();
  if (++documentsSinceCheck >= 500) {
    documentsSinceCheck = 0;
    for (const font of [regular, bold]) {
      if (Object.keys(font.layoutCache).length > LAYOUT_CACHE_LIMIT) font.layoutCache = Object.create(null);
    }
  }
  doc.registerFont(FONT_REGULAR, regular.parsed as unknown as Uint8Array);
  doc.registerFont(FONT_BOLD, bold.parsed as unknown as Uint8Array);
  adopt(doc, FONT_BOLD, bold);
  adopt(doc, FONT_REGULAR, regular);
}
