// The return label itself, drawn into a box of about A6 / 4×6 in: carrier and service, FROM (the
// shopper), TO (the return address, largest), reference and weight, and the Code 128 barcode of the
// tracking number with the number in text under it. Every text is fitted into its own box.
import { drawCode128 } from './barcode.ts';
import { addressLines, countryName, formatKg } from './format.ts';
import { strings } from './i18n.ts';
import type { Pdf } from './pdf-document.ts';
import { type Box, clean, drawFitted, drawLine, type TextLine } from './text-fit.ts';
import type { LabelData, Party } from './types.ts';

const PAD = 9;
const CAPTION = 6.5;

function rule(doc: Pdf, x: number, y: number, width: number, thickness = 0.8): void {
  doc
    .save()
    .lineWidth(thickness)
    .moveTo(x, y)
    .lineTo(x + width, y)
    .stroke('#000000')
    .restore();
}

function caption(doc: Pdf, text: string, x: number, y: number, width: number, align: 'left' | 'right' = 'left'): number {
  drawLine(doc, text.toUpperCase(), x, y, width, { size: CAPTION, bold: true, align });
  return CAPTION * 1.3;
}

function senderLines(party: Party): TextLine[] {
  const place = [`${party.postalCode} ${party.city}`.trim(), party.region].filter(Boolean).join(', ');
  return [
    { text: party.name, bold: true },
    { text: party.company ?? '' },
    { text: addressLines(party, { company: false })[0] ?? '' },
    { text: party.addressLine2 ?? '' },
    { text: `${place} · ${countryName(party.country).toUpperCase()}` },
  ];
}

function recipientLines(party: Party): TextLine[] {
  const lines = addressLines(party, { company: false });
  const country = lines.pop() ?? '';
  return [
    { text: party.name, bold: true, scale: 1.15 },
    { text: party.company ?? '' },
    ...lines.map((text) => ({ text })),
    { text: country, bold: true },
  ];
}

/** Draws the label in the box (an A6 or 4×6 in area). */
export function drawLabel(doc: Pdf, data: LabelData, box: Box): void {
  const t = strings(data.language).label;
  const x = box.x + PAD;
  const width = box.width - 2 * PAD;
  const height = box.height - 2 * PAD;
  let y = box.y + PAD;

  // Header: carrier + service on the left, date on the right.
  const header = height * 0.1;
  const left = width * 0.68;
  drawLine(doc, data.carrierName, x, y, left - 6, { size: 14, bold: true, minSize: 8 });
  drawFitted(doc, [{ text: data.service }], { x, y: y + 19, width: left - 6, height: header - 21 }, { size: 8.5, minSize: 5.5 });
  caption(doc, t.date, x + left, y + 2, width - left, 'right');
  drawLine(doc, data.date, x + left, y + 12, width - left, { size: 9, align: 'right' });
  y += header;
  rule(doc, x, y, width);

  // FROM: the shopper.
  const from = height * 0.17;
  y += 4;
  y += caption(doc, t.from, x, y, width);
  drawFitted(doc, senderLines(data.from), { x, y, width, height: from - 4 - CAPTION * 1.3 - 3 }, { size: 8.5, minSize: 5 });
  y = box.y + PAD + header + from;
  rule(doc, x, y, width);

  // TO: the return address, the most prominent block.
  const to = height * 0.3;
  y += 4;
  y += caption(doc, t.to, x, y, width);
  drawFitted(doc, recipientLines(data.to), { x: x + 4, y, width: width - 4, height: to - 4 - CAPTION * 1.3 - 4 }, { size: 13, minSize: 6 });
  y = box.y + PAD + header + from + to;
  rule(doc, x, y, width, 2);

  // Reference (large) and weight.
  const reference = height * 0.12;
  const refWidth = width * 0.66;
  caption(doc, t.reference, x, y + 4, refWidth);
  drawLine(doc, data.reference, x, y + 4 + CAPTION * 1.3, refWidth, { size: 22, bold: true, minSize: 9 });
  caption(doc, t.weight, x + refWidth, y + 4, width - refWidth, 'right');
  drawLine(doc, formatKg(data.weightGrams, data.language), x + refWidth, y + 4 + CAPTION * 1.3 + 4, width - refWidth, {
    size: 14,
    bold: true,
    align: 'right',
  });
  y += reference;
  rule(doc, x, y, width);

  // Barcode of the tracking number, the number as text under it.
  const bottom = box.y + box.height - PAD;
  y += 4;
  y += caption(doc, t.tracking, x, y, width);
  const textSize = 11;
  const barHeight = Math.max(30, bottom - y - textSize * 1.4 - 4);
  const tracking = clean(data.trackingNumber);
  if (tracking !== '') drawCode128(doc, tracking, x, y, width, barHeight);
  drawLine(doc, tracking, x, y + barHeight + 3, width, { size: textSize, bold: true, align: 'center', minSize: 6 });
}
