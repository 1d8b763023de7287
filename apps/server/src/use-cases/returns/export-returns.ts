// The returns overview as CSV (RFC 4180): a header row, at most 10,000 returns, and cells that a
// spreadsheet would run as a formula (= + - @, also after tab/CR) prefixed with an apostrophe.
import type { ReturnExportQuery } from '@retour/contracts/backoffice';
import { exportReturns, itemsOfReturns } from '@retour/db/repos/returns';
import { formatMoneyValue } from '@retour/domain/money';
import type { Ctx } from '../../context.ts';
import { returnSearchOf } from './return-search.ts';

export const EXPORT_MAX_ROWS = 10_000;

const HEADER = [
  'reference',
  'id',
  'status',
  'created_at',
  'order_number',
  'customer_name',
  'email',
  'country',
  'method',
  'carrier',
  'resolution',
  'items',
  'skus',
  'reasons',
  'tracking_number',
  'fee',
  'currency',
];

/** One CSV cell: neutralised against formula injection, quoted when needed (RFC 4180). */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export async function exportReturnsCsv(ctx: Ctx, merchantId: string, q: ReturnExportQuery): Promise<string> {
  const rows = await exportReturns(
    ctx.db,
    merchantId,
    await returnSearchOf(ctx, merchantId, q),
    q.sort === 'createdAt' ? 'asc' : 'desc',
    EXPORT_MAX_ROWS,
  );
  const itemsByReturn = new Map<string, { sku: string; reason: string; quantity: number }[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const items = await itemsOfReturns(
      ctx.db,
      merchantId,
      rows.slice(i, i + 500).map((r) => r.id),
    );
    for (const item of items) {
      const list = itemsByReturn.get(item.returnId) ?? [];
      list.push(item);
      itemsByReturn.set(item.returnId, list);
    }
  }
  let out = csvRow(HEADER);
  for (const r of rows) {
    const items = itemsByReturn.get(r.id) ?? [];
    out += csvRow([
      r.reference,
      r.id,
      r.status,
      r.createdAt,
      r.orderNumber,
      r.customerName,
      r.contactEmail,
      r.shipCountry,
      r.method,
      r.carrier,
      r.resolution,
      items.reduce((n, i) => n + i.quantity, 0),
      items.map((i) => `${i.quantity}x ${i.sku}`).join('; '),
      [...new Set(items.map((i) => i.reason))].join('; '),
      r.trackingNumber,
      formatMoneyValue(r.feeAmount, r.currency),
      r.currency,
    ]);
  }
  return out;
}
