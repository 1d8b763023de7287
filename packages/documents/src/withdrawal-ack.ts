// Acknowledgement of receipt of a withdrawal on a durable medium (Directive 2011/83/EU art. 11(3) and
// art. 11a): who withdrew, from which order and goods, and the date AND time of receipt in the
// portal's time zone and language, plus the exact instant in UTC.
import { FONT_BOLD, FONT_REGULAR } from './fonts.ts';
import { formatDate, formatInstant } from './format.ts';
import { strings } from './i18n.ts';
import { finishPdf, openPdf, PAGE_SIZES, type Pdf } from './pdf-document.ts';
import { clean, drawFitted } from './text-fit.ts';
import type { WithdrawalAck } from './types.ts';

const MARGIN = 56;
const WIDTH = PAGE_SIZES.a4[0] - 2 * MARGIN;
const KEY_WIDTH = 150;

function text(doc: Pdf, value: string, x: number, y: number, width: number, options: { bold?: boolean; size?: number } = {}): number {
  doc
    .font(options.bold ? FONT_BOLD : FONT_REGULAR)
    .fontSize(options.size ?? 10.5)
    .text(value.split('\n').map(clean).join('\n'), x, y, { width, lineGap: 2 });
  return doc.y;
}

function row(doc: Pdf, key: string, value: string, y: number): number {
  text(doc, key, MARGIN, y, KEY_WIDTH - 10, { bold: true, size: 9.5 });
  const end = text(doc, value, MARGIN + KEY_WIDTH, y, WIDTH - KEY_WIDTH);
  return Math.max(end, doc.y) + 5;
}

/** Date and time of the instant in the zone; an unknown zone name falls back to UTC (and says so). */
function receivedAt(data: WithdrawalAck): { date: string; time: string; zone: string } {
  try {
    return { ...formatInstant(data.withdrawnAt, data.timezone, data.language), zone: data.timezone };
  } catch {
    return { ...formatInstant(data.withdrawnAt, 'UTC', data.language), zone: 'UTC' };
  }
}

/** Starts a new page when less than `needed` points are left above the bottom margin. */
function roomFor(doc: Pdf, y: number, needed: number): number {
  if (y + needed <= PAGE_SIZES.a4[1] - MARGIN) return y;
  doc.addPage({ size: [PAGE_SIZES.a4[0], PAGE_SIZES.a4[1]], margin: 0 });
  return MARGIN;
}

function utcInstant(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : instant.toISOString();
}

export async function renderWithdrawalAcknowledgementPdf(data: WithdrawalAck): Promise<Buffer> {
  const t = strings(data.language).ack;
  const utc = utcInstant(data.withdrawnAt);
  const doc = openPdf({ size: PAGE_SIZES.a4, date: utc.slice(0, 10), title: `${t.title} — ${data.reference}`, language: data.language });

  // Trader letterhead.
  let y = MARGIN;
  y = text(doc, data.trader.name, MARGIN, y, WIDTH, { bold: true, size: 12 });
  const contact = [data.trader.address, data.trader.email ?? '', data.trader.phone ?? ''].filter(Boolean).join(' · ');
  y = text(doc, contact, MARGIN, y + 2, WIDTH, { size: 9 }) + 24;

  y += drawFitted(doc, [{ text: t.title, bold: true }], { x: MARGIN, y, width: WIDTH, height: 26 }, { size: 17, minSize: 11 });
  y = text(doc, t.intro, MARGIN, y + 6, WIDTH) + 14;

  // The moment of the withdrawal, prominent.
  const when = receivedAt(data);
  const boxTop = y;
  let inner = text(doc, t.receivedAt, MARGIN + 12, boxTop + 10, WIDTH - 24, { bold: true, size: 9.5 });
  inner = text(doc, `${when.date}, ${when.time}`, MARGIN + 12, inner + 3, WIDTH - 24, { bold: true, size: 14 });
  inner = text(doc, `${t.timezone}: ${when.zone}`, MARGIN + 12, inner + 4, WIDTH - 24, { size: 9.5 });
  inner = text(doc, `${t.utc}: ${utc}`, MARGIN + 12, inner + 1, WIDTH - 24, { size: 9.5 });
  doc
    .save()
    .lineWidth(1)
    .rect(MARGIN, boxTop, WIDTH, inner + 10 - boxTop)
    .stroke('#000000')
    .restore();
  y = inner + 26;

  // Who and what.
  y = row(doc, t.reference, data.reference, y);
  y = row(doc, t.consumer, [data.consumer.name, data.consumer.email, data.consumer.address].filter(Boolean).join('\n'), y);
  y = row(doc, t.trader, [data.trader.name, data.trader.address, data.trader.email ?? ''].filter(Boolean).join('\n'), y);
  y = row(doc, t.order, data.orderNumber, y);
  if (data.orderedOn) y = row(doc, t.orderedOn, formatDate(data.orderedOn, data.language), y);
  if (data.receivedOn) y = row(doc, t.receivedOn, formatDate(data.receivedOn, data.language), y);
  y += 8;

  y = text(doc, `${t.goods}`, MARGIN, y, WIDTH, { bold: true, size: 9.5 }) + 4;
  for (const item of data.items) {
    y = roomFor(doc, y, 30);
    text(doc, `${item.quantity} ×`, MARGIN, y, 40, { bold: true });
    y = text(doc, item.name, MARGIN + 44, y, WIDTH - 44) + 3;
  }
  y = roomFor(doc, y + 16, 110);
  y = text(doc, t.nextSteps, MARGIN, y, WIDTH, { size: 9.5 }) + 10;
  text(doc, t.durable, MARGIN, y, WIDTH, { size: 9 });
  return finishPdf(doc);
}
