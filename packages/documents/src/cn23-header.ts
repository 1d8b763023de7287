// The top of a CN 23 page: title, "may be opened officially", sender, addressee, reference and
// tracking number, and the category of item with "Returned goods" checked.
import { addressLines } from './format.ts';
import { type Cn23Strings, cn23Strings } from './i18n-cn23.ts';
import { PAGE_SIZES, type Pdf } from './pdf-document.ts';
import { type Box, drawFitted, drawLine } from './text-fit.ts';
import type { Cn23Data, Party } from './types.ts';

export const CN23_MARGIN = 36;
export const CAPTION_SIZE = 7;

export type Caption = (key: keyof Cn23Strings) => string;

/** "Sender" or, for another language, "Sender / Absender". */
export function captionOf(data: Cn23Data): Caption {
  const en = cn23Strings('en');
  const local = cn23Strings(data.language);
  return (key) => (data.language === 'en' || en[key] === local[key] ? en[key] : `${en[key]} / ${local[key]}`);
}

export function frame(doc: Pdf, box: Box): void {
  doc.save().lineWidth(0.7).rect(box.x, box.y, box.width, box.height).stroke('#000000').restore();
}

function partyBox(doc: Pdf, box: Box, title: string, party: Party, t: Caption): void {
  frame(doc, box);
  const inner = { x: box.x + 5, y: box.y + 4, width: box.width - 10, height: box.height - 8 };
  drawLine(doc, title, inner.x, inner.y, inner.width, { size: CAPTION_SIZE, bold: true });
  const lines = [
    { text: party.name, bold: true },
    ...addressLines(party).map((text) => ({ text })),
    { text: party.phone ? `${t('phone')}: ${party.phone}` : '' },
    { text: party.email ? `${t('email')}: ${party.email}` : '' },
  ];
  drawFitted(doc, lines, { ...inner, y: inner.y + 11, height: inner.height - 11 }, { size: 9, minSize: 5.5 });
}

function headerBox(doc: Pdf, box: Box, data: Cn23Data, t: Caption): void {
  frame(doc, box);
  const x = box.x + 5;
  const width = box.width - 10;
  const rows: [string, string][] = [
    [t('reference'), data.reference],
    [t('tracking'), data.trackingNumber ?? '—'],
    [t('date'), data.date],
  ];
  rows.forEach(([caption, value], index) => {
    const y = box.y + 4 + index * 30;
    drawLine(doc, caption, x, y, width, { size: CAPTION_SIZE, bold: true });
    drawLine(doc, value, x, y + 10, width, { size: 11, bold: index === 0, minSize: 6 });
  });
}

function checkbox(doc: Pdf, x: number, y: number, checked: boolean): void {
  doc.save().lineWidth(0.8).rect(x, y, 9, 9).stroke('#000000');
  if (checked)
    doc
      .lineWidth(1.4)
      .moveTo(x + 1.5, y + 1.5)
      .lineTo(x + 7.5, y + 7.5)
      .moveTo(x + 7.5, y + 1.5)
      .lineTo(x + 1.5, y + 7.5)
      .stroke();
  doc.restore();
}

function categoryBox(doc: Pdf, box: Box, t: Caption): void {
  frame(doc, box);
  drawLine(doc, t('category'), box.x + 5, box.y + 4, box.width - 10, { size: CAPTION_SIZE, bold: true });
  const categories: [keyof Cn23Strings, boolean][] = [
    ['returned', true],
    ['gift', false],
    ['documents', false],
    ['sample', false],
    ['sale', false],
    ['other', false],
  ];
  const rowHeight = (box.height - 18) / categories.length;
  categories.forEach(([key, checked], index) => {
    const y = box.y + 16 + index * rowHeight;
    checkbox(doc, box.x + 6, y, checked);
    drawLine(doc, t(key), box.x + 20, y, box.width - 26, { size: 8.5, bold: checked, minSize: 5.5 });
  });
}

/** Title, "may be opened officially" and the boxes above the item table; returns where the table starts. */
export function drawCn23Header(doc: Pdf, data: Cn23Data, full: boolean): number {
  const t = captionOf(data);
  const [pageWidth] = PAGE_SIZES.a4;
  const width = pageWidth - 2 * CN23_MARGIN;
  const en = cn23Strings('en');
  const local = cn23Strings(data.language);
  let y = CN23_MARGIN;
  drawLine(doc, en.title, CN23_MARGIN, y, width * 0.62, { size: 16, bold: true });
  drawLine(doc, t('mayBeOpened'), CN23_MARGIN + width * 0.62, y + 4, width * 0.38, { size: 7.5, align: 'right' });
  if (data.language !== 'en') drawLine(doc, local.title, CN23_MARGIN, y + 20, width * 0.62, { size: 10 });
  y += 38;
  if (!full) return y;
  const half = width / 2;
  partyBox(doc, { x: CN23_MARGIN, y, width: half, height: 108 }, t('sender'), data.sender, t);
  headerBox(doc, { x: CN23_MARGIN + half, y, width: half, height: 108 }, data, t);
  y += 108;
  partyBox(doc, { x: CN23_MARGIN, y, width: half, height: 108 }, t('addressee'), data.addressee, t);
  categoryBox(doc, { x: CN23_MARGIN + half, y, width: half, height: 108 }, t);
  return y + 108 + 10;
}
