// The item table of the CN 23: (1) detailed description, (2) quantity, (3) net weight, (5) value,
// (7) HS tariff number, (8) country of origin, then (4) total gross weight and (6) total value.
// Rows that do not fit continue on a new page under a repeated title and table header.
import { CN23_MARGIN, drawCn23Header } from './cn23-header.ts';
import { countryName, formatMoney, kilograms } from './format.ts';
import { type Cn23Strings, cn23Strings } from './i18n-cn23.ts';
import { PAGE_SIZES, type Pdf } from './pdf-document.ts';
import { drawFitted, drawLine } from './text-fit.ts';
import type { Cn23Data } from './types.ts';

const HEADER_HEIGHT = 30;
const ROW_HEIGHT = 24;
const COLUMNS: { key: keyof Cn23Strings; share: number; align: 'left' | 'right' }[] = [
  { key: 'description', share: 0.35, align: 'left' },
  { key: 'quantity', share: 0.08, align: 'right' },
  { key: 'netWeight', share: 0.12, align: 'right' },
  { key: 'value', share: 0.15, align: 'right' },
  { key: 'hsCode', share: 0.13, align: 'left' },
  { key: 'origin', share: 0.17, align: 'left' },
];

type Column = { x: number; width: number; align: 'left' | 'right'; key: keyof Cn23Strings };

function columns(): Column[] {
  const width = PAGE_SIZES.a4[0] - 2 * CN23_MARGIN;
  let x = CN23_MARGIN;
  return COLUMNS.map((column) => {
    const placed = { ...column, x, width: column.share * width };
    x += placed.width;
    return placed;
  });
}

function grid(doc: Pdf, cols: Column[], y: number, height: number): void {
  doc.save().lineWidth(0.6);
  for (const col of cols) doc.rect(col.x, y, col.width, height);
  doc.stroke('#000000').restore();
}

function tableHeader(doc: Pdf, data: Cn23Data, cols: Column[], y: number): number {
  const en = cn23Strings('en');
  const local = cn23Strings(data.language);
  doc
    .save()
    .rect(cols[0]?.x ?? CN23_MARGIN, y, PAGE_SIZES.a4[0] - 2 * CN23_MARGIN, HEADER_HEIGHT)
    .fill('#eeeeee')
    .restore();
  grid(doc, cols, y, HEADER_HEIGHT);
  for (const col of cols) {
    const lines = [{ text: en[col.key], bold: true }];
    if (data.language !== 'en' && local[col.key] !== en[col.key]) lines.push({ text: local[col.key], bold: false });
    drawFitted(doc, lines, { x: col.x + 3, y: y + 3, width: col.width - 6, height: HEADER_HEIGHT - 5 }, { size: 7, minSize: 4.5 });
  }
  return y + HEADER_HEIGHT;
}

function cell(doc: Pdf, col: Column, y: number, text: string, bold = false): void {
  if (col.key === 'description') {
    drawFitted(
      doc,
      [{ text, bold }],
      { x: col.x + 3, y: y + 3, width: col.width - 6, height: ROW_HEIGHT - 5 },
      { size: 8.5, minSize: 5.5 },
    );
  } else {
    drawLine(doc, text, col.x + 3, y + 7, col.width - 6, { size: 8.5, bold, align: col.align, minSize: 5 });
  }
}

/** A fresh page with the short header; returns the y where content continues. */
function continuePage(doc: Pdf, data: Cn23Data): number {
  doc.addPage({ size: [PAGE_SIZES.a4[0], PAGE_SIZES.a4[1]], margin: 0 });
  return drawCn23Header(doc, data, false);
}

/**
 * Draws the table from y and returns the y under it. The rows may use the page down to its bottom
 * margin; the totals go to a new page when they and what follows do not fit above
 * `lastY`.
 */
export function drawCn23Items(doc: Pdf, data: Cn23Data, startY: number, lastY: number): number {
  const cols = columns();
  const pageBottom = PAGE_SIZES.a4[1] - CN23_MARGIN;
  let y = tableHeader(doc, data, cols, startY);
  let grams = 0;
  let value = 0;
  for (const item of data.items) {
    if (y + ROW_HEIGHT > pageBottom) y = tableHeader(doc, data, cols, continuePage(doc, data));
    grams += item.netWeightGrams;
    value += item.value;
    grid(doc, cols, y, ROW_HEIGHT);
    const origin = item.originCountry.trim().toUpperCase();
    const values: Record<string, string> = {
      description: item.description,
      quantity: String(item.quantity),
      netWeight: kilograms(item.netWeightGrams),
      value: formatMoney(item.value, data.currency),
      hsCode: item.hsCode,
      origin: countryName(origin) === origin ? origin : `${origin} (${countryName(origin)})`,
    };
    for (const col of cols) cell(doc, col, y, values[col.key] ?? '');
    y += ROW_HEIGHT;
  }
  if (y + 2 * ROW_HEIGHT > lastY) y = continuePage(doc, data);
  const en = cn23Strings('en');
  const local = cn23Strings(data.language);
  const both = (key: keyof Cn23Strings) => (data.language === 'en' ? en[key] : `${en[key]} / ${local[key]}`);
  const [description, quantity, netWeight, valueCol] = cols;
  if (!description || !quantity || !netWeight || !valueCol) return y;
  const label = { ...description, width: description.width + quantity.width, align: 'right' as const };
  const totals: [string, Column, string][] = [
    [both('totalGross'), netWeight, kilograms(grams)],
    [both('totalValue'), valueCol, formatMoney(value, data.currency)],
  ];
  for (const [caption, col, total] of totals) {
    const labelWidth = col === valueCol ? label.width + netWeight.width : label.width;
    drawLine(doc, caption, label.x + 3, y + 7, labelWidth - 6, { size: 8.5, bold: true, align: 'right', minSize: 5 });
    grid(doc, [col], y, ROW_HEIGHT);
    cell(doc, col, y, total, true);
    y += ROW_HEIGHT;
  }
  return y;
}
