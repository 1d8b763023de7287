// The CN 23 customs declaration (UPU form, A4) for a return that crosses a customs border: sender,
// addressee, category "Returned goods", one table row per item (description, quantity, net weight,
// value, HS tariff number, country of origin), totals, the outbound shipment being returned and the
// sender's certification with date and signature line. Captions are English plus data.language.
import { CAPTION_SIZE, CN23_MARGIN, type Caption, captionOf, drawCn23Header, frame } from './cn23-header.ts';
import { drawCn23Items } from './cn23-items.ts';
import { FONT_BOLD } from './fonts.ts';
import { fill } from './i18n.ts';
import { cn23Strings } from './i18n-cn23.ts';
import { finishPdf, openPdf, PAGE_SIZES, type Pdf } from './pdf-document.ts';
import { type Box, drawFitted, drawLine } from './text-fit.ts';
import type { Cn23Data } from './types.ts';

function explanationBox(doc: Pdf, box: Box, data: Cn23Data, t: Caption): void {
  frame(doc, box);
  drawLine(doc, t('explanation'), box.x + 5, box.y + 4, box.width - 10, { size: CAPTION_SIZE, bold: true });
  const en = cn23Strings('en');
  const local = cn23Strings(data.language);
  const lines = [{ text: `${en.returnOf}.`, bold: true }];
  if (data.language !== 'en') lines.push({ text: `${local.returnOf}.`, bold: false });
  if (data.outboundTrackingNumber || data.outboundDate) {
    const values = { tracking: data.outboundTrackingNumber ?? '—', date: data.outboundDate ?? '—' };
    lines.push({ text: fill(en.outbound, values), bold: true });
    if (data.language !== 'en') lines.push({ text: fill(local.outbound, values), bold: false });
  }
  drawFitted(doc, lines, { x: box.x + 5, y: box.y + 15, width: box.width - 10, height: box.height - 18 }, { size: 8.5, minSize: 5 });
}

function certificationBox(doc: Pdf, box: Box, data: Cn23Data, t: Caption): void {
  frame(doc, box);
  const x = box.x + 5;
  const width = box.width - 10;
  const en = cn23Strings('en');
  const local = cn23Strings(data.language);
  const texts = data.language === 'en' ? [en.certify] : [en.certify, local.certify];
  let y = box.y + 5;
  for (const text of texts) {
    doc.font(FONT_BOLD).fontSize(7.5).text(text, x, y, { width, height: 40, ellipsis: true, lineGap: 1 });
    y = doc.y + 4;
  }
  const lineY = box.y + box.height - 16;
  drawLine(doc, data.date, x, lineY - 14, 120, { size: 10 });
  doc
    .save()
    .lineWidth(0.6)
    .moveTo(x, lineY)
    .lineTo(x + width, lineY)
    .stroke('#000000')
    .restore();
  drawLine(doc, t('signature'), x, lineY + 3, width, { size: CAPTION_SIZE, bold: true });
}

export async function renderCn23Pdf(data: Cn23Data): Promise<Buffer> {
  const size = PAGE_SIZES.a4;
  const doc = openPdf({ size, date: data.date, title: `CN 23 ${data.reference}`, language: data.language });
  const [pageWidth, pageHeight] = size;
  const width = pageWidth - 2 * CN23_MARGIN;
  const footer = 62 + 108;
  let y = drawCn23Header(doc, data, true);
  y = drawCn23Items(doc, data, y, pageHeight - CN23_MARGIN - footer);
  explanationBox(doc, { x: CN23_MARGIN, y: y + 8, width, height: 62 }, data, captionOf(data));
  certificationBox(doc, { x: CN23_MARGIN, y: y + 8 + 62, width, height: 100 }, data, captionOf(data));
  return finishPdf(doc);
}
