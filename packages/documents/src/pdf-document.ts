// Opening and finishing a PDF: page size, embedded fonts, fixed metadata (byte-identical output for
// the same input) and collecting the bytes.
import PDFDocument from 'pdfkit';
import { regularFont, useDocumentFonts } from './fonts.ts';
import type { DocLanguage } from './types.ts';

export type Pdf = PDFKit.PDFDocument;

export const MM = 72 / 25.4;

export const PAGE_SIZES = {
  a4: [210 * MM, 297 * MM],
  a6: [105 * MM, 148 * MM],
  '4x6': [288, 432],
} as const satisfies Record<string, readonly [number, number]>;

/** A date without time for the PDF metadata; an invalid or missing date falls back to a fixed epoch. */
function metadataDate(date: string | null): Date {
  const parsed = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : new Date(Number.NaN);
  return Number.isNaN(parsed.getTime()) ? new Date(Date.UTC(2000, 0, 1)) : parsed;
}

export type OpenOptions = {
  size: readonly [number, number];
  /** YYYY-MM-DD: becomes CreationDate/ModDate, so the same input gives the same bytes */
  date: string | null;
  title: string;
  language: DocLanguage;
};

/**
 * A new document with one page, no margins, the DejaVu fonts registered (FONT_REGULAR is current).
 * pdfkit's file id is an MD5 of the info dictionary, so fixed dates make it deterministic too.
 */
export function openPdf(options: OpenOptions): Pdf {
  const date = metadataDate(options.date);
  const doc = new PDFDocument({
    size: [options.size[0], options.size[1]],
    margin: 0,
    compress: true,
    lang: options.language,
    // A parsed fontkit Font instead of a font name: pdfkit then never loads Helvetica (see fonts.ts).
    font: regularFont() as unknown as string,
    info: { Title: options.title, Producer: 'Retour', Creator: 'Retour', CreationDate: date, ModDate: date },
  });
  useDocumentFonts(doc);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function finishPdf(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
