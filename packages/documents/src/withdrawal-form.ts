// The model withdrawal form (Annex I(B), Directive 2011/83/EU) as a printable A4 in one language,
// with the trader's name, geographical address and email filled in where the directive asks the
// trader to insert them, and ruled lines for the consumer to write on.
import { FONT_BOLD, FONT_REGULAR } from './fonts.ts';
import { finishPdf, openPdf, PAGE_SIZES, type Pdf } from './pdf-document.ts';
import { clean, drawFitted } from './text-fit.ts';
import type { DocLanguage, TraderInfo } from './types.ts';
import { withdrawalFormText } from './withdrawal-form-text.ts';

const MARGIN = 64;
const SIZE = 11;

function paragraph(doc: Pdf, text: string, y: number, options: { bold?: boolean; size?: number; indent?: number } = {}): number {
  const [pageWidth] = PAGE_SIZES.a4;
  const indent = options.indent ?? 14;
  const size = options.size ?? SIZE;
  doc.font(options.bold ? FONT_BOLD : FONT_REGULAR).fontSize(size);
  doc.text(clean(text), MARGIN + indent, y, { width: pageWidth - 2 * MARGIN - indent, lineGap: 2.5 });
  return doc.y;
}

function dash(doc: Pdf, y: number): void {
  doc.font(FONT_REGULAR).fontSize(SIZE).text('—', MARGIN, y, { lineBreak: false });
}

function writingLines(doc: Pdf, y: number, count: number): number {
  const [pageWidth] = PAGE_SIZES.a4;
  doc.save().lineWidth(0.5).strokeColor('#888888');
  let lineY = y;
  for (let i = 0; i < count; i++) {
    lineY += 22;
    doc.moveTo(MARGIN + 14, lineY).lineTo(pageWidth - MARGIN, lineY);
  }
  doc.stroke().restore();
  return lineY + 10;
}

export async function renderWithdrawalFormPdf(language: DocLanguage, trader: TraderInfo): Promise<Buffer> {
  const text = withdrawalFormText(language);
  const doc = openPdf({ size: PAGE_SIZES.a4, date: null, title: `${text.title} — ${trader.name}`, language });
  const [pageWidth] = PAGE_SIZES.a4;
  let y = MARGIN;
  y += drawFitted(
    doc,
    [{ text: text.title, bold: true }],
    { x: MARGIN, y, width: pageWidth - 2 * MARGIN, height: 26 },
    { size: 18, minSize: 12 },
  );
  y = paragraph(doc, text.note, y + 4, { indent: 0, size: 10 }) + 18;

  const addressee = [trader.name, trader.address, trader.email ?? ''].map(clean).filter(Boolean).join(', ');
  dash(doc, y);
  y = paragraph(doc, `${text.to} ${addressee}:`, y, { bold: true }) + 14;

  dash(doc, y);
  y = paragraph(doc, text.statement, y);
  y = writingLines(doc, y, 4);

  const fields: [string, number][] = [
    [text.orderedReceived, 1],
    [text.name, 1],
    [text.address, 2],
    [text.signature, 2],
    [text.date, 1],
  ];
  for (const [label, lines] of fields) {
    dash(doc, y);
    y = paragraph(doc, label, y);
    y = writingLines(doc, y, lines);
  }
  paragraph(doc, text.footnote, y + 6, { indent: 0, size: 9 });
  return finishPdf(doc);
}
