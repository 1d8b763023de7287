// The returns overview as CSV (RFC 4180), streamed: a header row, then every matching return, read
// from the database a page at a time (keyset, createdAt then id) and written through csv-stringify,
// so memory holds one page, never the whole export. Cells that a spreadsheet would run as a formula
// (= + - @, also tab/CR) get an apostrophe in front (csv-stringify's escape_formulas).
import { Readable } from 'node:stream';
import type { ReturnExportQuery } from '@retour/contracts/backoffice';
import { exportReturns, itemsOfReturns, type ReturnExportRow } from '@retour/db/repos/returns';
import { formatMoneyValue } from '@retour/domain/money';
import { type Options, stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import type { Ctx } from '../../context.ts';
import { returnSearchOf } from './return-search.ts';

/** Returns read from the database per query; the stream holds at most this many at once. */
export const EXPORT_PAGE_SIZE = 500;

export const EXPORT_COLUMNS = [
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
] as const;

type Cell = string | number | null | undefined;

// A lone LF or CR is quoted too: csv-stringify only quotes the record delimiter (CRLF) itself.
const CSV_OPTIONS: Options = { record_delimiter: '\r\n', escape_formulas: true, quoted_match: /[\r\n]/ };

/** One CSV cell exactly as the export writes it (the same csv-stringify options). */
export function csvCell(value: Cell): string {
  return stringifySync([[value ?? '']], CSV_OPTIONS).replace(/\r\n$/, '');
}

/** Every matching return as one CSV row, a page of rows (and their items) at a time. */
async function* exportRows(ctx: Ctx, merchantId: string, q: ReturnExportQuery): AsyncGenerator<Cell[]> {
  const search = await returnSearchOf(ctx, merchantId, q);
  const direction = q.sort === 'createdAt' ? 'asc' : 'desc';
  let after: { createdAt: string; id: string } | undefined;
  for (;;) {
    const rows: ReturnExportRow[] = await exportReturns(ctx.db, merchantId, search, {
      limit: EXPORT_PAGE_SIZE,
      direction,
      ...(after ? { after } : {}),
    });
    const items = await itemsOfReturns(
      ctx.db,
      merchantId,
      rows.map((r) => r.id),
    );
    const itemsByReturn = new Map<string, typeof items>();
    for (const item of items) {
      const list = itemsByReturn.get(item.returnId);
      if (list) list.push(item);
      else itemsByReturn.set(item.returnId, [item]);
    }
    for (const r of rows) {
      const own = itemsByReturn.get(r.id) ?? [];
      yield [
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
        own.reduce((n, i) => n + i.quantity, 0),
        own.map((i) => `${i.quantity}x ${i.sku}`).join('; '),
        [...new Set(own.map((i) => i.reason))].join('; '),
        r.trackingNumber,
        formatMoneyValue(r.feeAmount, r.currency),
        r.currency,
      ];
    }
    const last = rows.at(-1);
    if (!last || rows.length < EXPORT_PAGE_SIZE) return;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

/**
 * The export as a readable stream of CSV text. The filters are checked (and the portal looked up)
 * before the first byte, so a bad filter is still a 400; a database failure midway ends the stream
 * with an error (the client sees a cut-off download, never a complete-looking partial file).
 */
export async function exportReturnsCsv(ctx: Ctx, merchantId: string, q: ReturnExportQuery): Promise<Readable> {
  const rows = exportRows(ctx, merchantId, q);
  const first = await rows.next(); // runs the search once up front: errors surface as a response, not mid-stream
  async function* all(): AsyncGenerator<Cell[]> {
    yield [...EXPORT_COLUMNS];
    if (first.done) return;
    yield first.value;
    yield* rows;
  }
  const csv = stringify(CSV_OPTIONS);
  const source = Readable.from(all());
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}
