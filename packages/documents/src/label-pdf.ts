// The return label as a PDF: A6 or 4×6 in label-printer pages, or an A4 sheet for home printers with
// the label (A6-sized, inside a cut line) on the upper part and numbered instructions under it.
// With a qrPayload (label-less drop-off) the A4 sheet shows the QR code and says no printer is needed.
import { FONT_BOLD, FONT_REGULAR } from './fonts.ts';
import { formatDate } from './format.ts';
import { fill, strings } from './i18n.ts';
import { drawLabel } from './label-layout.ts';
import { finishPdf, openPdf, PAGE_SIZES, type Pdf } from './pdf-document.ts';
import { drawQrCode } from './qr.ts';
import { clean, drawFitted, drawLine } from './text-fit.ts';
import type { LabelData } from './types.ts';

export type LabelFormat = 'a6' | '4x6' | 'a4';

const SHEET_MARGIN = 36;
const LABEL_TOP = 52;

export async function renderLabelPdf(data: LabelData, format: LabelFormat): Promise<Buffer> {
  const size = PAGE_SIZES[format];
  const doc = openPdf({ size, date: data.date, title: `${data.carrierName} ${data.trackingNumber}`, language: data.language });
  if (format === 'a4') drawSheet(doc, data);
  else drawLabel(doc, data, { x: 0, y: 0, width: size[0], height: size[1] });
  return finishPdf(doc);
}

function drawSheet(doc: Pdf, data: LabelData): void {
  const t = strings(data.language).sheet;
  const [labelWidth, labelHeight] = PAGE_SIZES.a6;
  const [pageWidth, pageHeight] = PAGE_SIZES.a4;
  const qr = data.qrPayload ? data.qrPayload : null;

  // Cut line around the label, with a hint above it.
  drawLine(doc, `✂  ${t.cutHere}`, SHEET_MARGIN, LABEL_TOP - 14, labelWidth, { size: 8 });
  doc.save().lineWidth(0.6).dash(4, { space: 3 }).rect(SHEET_MARGIN, LABEL_TOP, labelWidth, labelHeight).stroke('#555555').restore();
  drawLabel(doc, data, { x: SHEET_MARGIN, y: LABEL_TOP, width: labelWidth, height: labelHeight });

  // Right column: title, reference and (label-less) the QR code.
  const columnX = SHEET_MARGIN + labelWidth + 24;
  const columnWidth = pageWidth - SHEET_MARGIN - columnX;
  let y = LABEL_TOP;
  y += drawFitted(
    doc,
    [{ text: qr ? t.titleQr : t.title, bold: true }],
    { x: columnX, y, width: columnWidth, height: 48 },
    {
      size: 16,
      minSize: 10,
    },
  );
  y += 8;
  drawLine(doc, strings(data.language).label.reference, columnX, y, columnWidth, { size: 8 });
  drawLine(doc, data.reference, columnX, y + 11, columnWidth, { size: 14, bold: true, minSize: 8 });
  y += 40;
  if (qr) {
    const qrSize = Math.min(columnWidth, 190);
    drawQrCode(doc, qr, columnX, y, qrSize);
    y += qrSize + 6;
    drawFitted(
      doc,
      [{ text: t.qrCaption, bold: true }],
      { x: columnX, y, width: qrSize, height: 30 },
      { size: 10, minSize: 7, align: 'center' },
    );
  }

  // Numbered instructions under the label.
  const steps = [t.pack, qr ? t.showQr : t.stick, fill(t.dropOff, { carrier: data.carrierName })];
  if (data.deadline) steps.push(fill(t.handInBy, { deadline: formatDate(data.deadline, data.language) }));
  steps.push(t.keepReceipt);
  const textX = SHEET_MARGIN + 22;
  const textWidth = pageWidth - SHEET_MARGIN - textX;
  y = LABEL_TOP + labelHeight + 30;
  const bottom = pageHeight - SHEET_MARGIN;
  steps.forEach((step, index) => {
    if (y + 14 > bottom) return;
    doc
      .font(FONT_BOLD)
      .fontSize(11)
      .text(`${index + 1}.`, SHEET_MARGIN, y, { lineBreak: false });
    doc
      .font(FONT_REGULAR)
      .fontSize(11)
      .text(clean(step), textX, y, { width: textWidth, height: bottom - y, ellipsis: true, lineGap: 2 });
    y = doc.y + 8;
  });
}
