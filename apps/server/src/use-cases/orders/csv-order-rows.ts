// CSV rows → order import items, without I/O: one row per order item, order-level columns repeated
// on each row of an order (rows of one order need not be adjacent). Rows are grouped by
// (integration, order_id); a problem in any row refuses the whole order, and every row of it is
// reported with its line number (the header is line 1).
import { CSV_ORDER_COLUMNS, CSV_ORDER_LEVEL_COLUMNS, CSV_REQUIRED_COLUMNS, type CsvOrderColumn } from '@retour/contracts/imports';
import { OrderImportSchema } from '@retour/contracts/orders';

export type CsvProblem = { line: number; code: string; message: string; field?: string };
export type CsvRecord = Partial<Record<CsvOrderColumn, string>>;
/** One order gathered from its rows: the import item and where each part came from. */
export type CsvOrder = { key: string; order: Record<string, unknown>; lines: number[]; itemLines: number[]; shipmentLines: number[] };

const KNOWN = new Set<string>(CSV_ORDER_COLUMNS);

/** Checks the header: unknown, repeated and missing columns are refused by name. */
export function checkHeader(header: string[]): { ok: true; columns: CsvOrderColumn[] } | { ok: false; message: string } {
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !KNOWN.has(n));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `Line 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}. Use only these columns: ${CSV_ORDER_COLUMNS.join(', ')}.`,
    };
  }
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0) return { ok: false, message: `Line 1: the column "${twice[0]}" appears twice; keep one.` };
  const missing = CSV_REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) return { ok: false, message: `Line 1: add the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.` };
  return { ok: true, columns: names as CsvOrderColumn[] };
}

/** The delimiter of a file, from its header line: `;` when it has more semicolons than commas. */
export function detectDelimiter(headerLine: string): ',' | ';' {
  const count = (c: string) => headerLine.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

const ORDER_COLUMNS = CSV_ORDER_LEVEL_COLUMNS;

/** Order import paths → CSV columns, to report schema issues by column. */
const ORDER_FIELDS: Record<string, CsvOrderColumn> = {
  integration: 'integration',
  externalId: 'order_id',
  orderNumber: 'order_number',
  placedAt: 'placed_at',
  currency: 'currency',
  'customer.name': 'customer_name',
  'customer.email': 'customer_email',
  'customer.phone': 'customer_phone',
  'shippingAddress.name': 'ship_name',
  'shippingAddress.company': 'ship_company',
  'shippingAddress.street': 'ship_street',
  'shippingAddress.houseNumber': 'ship_house_number',
  'shippingAddress.addressLine2': 'ship_address_line2',
  'shippingAddress.postalCode': 'ship_postal_code',
  'shippingAddress.city': 'ship_city',
  'shippingAddress.region': 'ship_region',
  'shippingAddress.country': 'ship_country',
};
const ITEM_FIELDS: Record<string, CsvOrderColumn> = {
  externalId: 'item_id',
  sku: 'sku',
  name: 'item_name',
  variant: 'variant',
  quantity: 'quantity',
  unitPrice: 'unit_price',
  hsCode: 'hs_code',
  originCountry: 'origin_country',
  weightGrams: 'weight_grams',
  imageUrl: 'image_url',
  returnable: 'returnable',
  tags: 'tags',
};
const SHIPMENT_FIELDS: Record<string, CsvOrderColumn> = {
  carrier: 'carrier',
  trackingNumber: 'tracking_number',
  shippedAt: 'shipped_at',
  deliveredAt: 'delivered_at',
  items: 'item_id',
};

const opt = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t ? t : undefined;
};

/** `2026-05-01` is read as midnight UTC; anything else must be an ISO 8601 instant with offset. */
const instant = (v: string | undefined): string | undefined => {
  const t = opt(v);
  return t && /^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : t;
};

type Issue = { field: CsvOrderColumn; message: string };
type Row = { line: number; values: CsvRecord; issues: Issue[]; item: Record<string, unknown> };

function parseItem(values: CsvRecord, issues: Issue[]): Record<string, unknown> {
  const int = (field: CsvOrderColumn, what: string): number | undefined => {
    const v = opt(values[field]);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) {
      issues.push({ field, message: `Use a whole number of ${what}, e.g. "1".` });
      return undefined;
    }
    return Number(v);
  };
  const quantity = int('quantity', 'items');
  if (quantity === undefined && !opt(values.quantity)) issues.push({ field: 'quantity', message: 'Give the quantity ordered.' });
  let price = opt(values.unit_price);
  if (price && /^-?\d+,\d{1,3}$/.test(price)) price = price.replace(',', '.');
  if (!price) issues.push({ field: 'unit_price', message: 'Give the unit price as a decimal, e.g. "12.50".' });
  const returnableText = opt(values.returnable)?.toLowerCase();
  let returnable: boolean | undefined;
  if (returnableText !== undefined) {
    if (['true', 'yes', '1', 'y'].includes(returnableText)) returnable = true;
    else if (['false', 'no', '0', 'n'].includes(returnableText)) returnable = false;
    else issues.push({ field: 'returnable', message: 'Use "true" or "false" (or leave it empty for returnable).' });
  }
  const tags = opt(values.tags)
    ?.split(';')
    .map((t) => t.trim())
    .filter(Boolean);
  return {
    externalId: values.item_id?.trim() ?? '',
    sku: values.sku?.trim() ?? '',
    name: values.item_name?.trim() ?? '',
    variant: opt(values.variant),
    quantity: quantity ?? 0,
    unitPrice: { value: price ?? '', currency: values.currency?.trim() ?? '' },
    hsCode: opt(values.hs_code),
    originCountry: opt(values.origin_country),
    weightGrams: int('weight_grams', 'grams'),
    imageUrl: opt(values.image_url),
    ...(returnable !== undefined ? { returnable } : {}),
    ...(tags && tags.length > 0 ? { tags } : {}),
  };
}

/** Collects rows in file order, then builds orders and problems with `finish()`. */
export class CsvOrderCollector {
  private readonly groups = new Map<string, Row[]>();
  private readonly loose: CsvProblem[] = [];
  rows = 0;
  private readonly defaultIntegration: string;

  constructor(defaultIntegration: string) {
    this.defaultIntegration = defaultIntegration;
  }

  /** Adds a data row; `fieldCount` differs from the header's when the row has too many or too few fields. */
  add(values: CsvRecord, line: number, fieldError?: string): void {
    this.rows++;
    if (fieldError) {
      this.loose.push({ line, code: 'validation_error', message: fieldError });
      return;
    }
    const orderId = opt(values.order_id);
    if (!orderId) {
      this.loose.push({ line, code: 'validation_error', field: 'order_id', message: 'order_id: give the order id of this row.' });
      return;
    }
    const integration = opt(values.integration) ?? this.defaultIntegration;
    const key = `${integration}\u0000${orderId}`;
    const issues: Issue[] = [];
    const row: Row = { line, values, issues, item: parseItem(values, issues) };
    const group = this.groups.get(key);
    if (group) group.push(row);
    else this.groups.set(key, [row]);
  }

  /** Orders ready to import (validated with the API's schema) and the refused rows. */
  finish(): { orders: CsvOrder[]; problems: CsvProblem[] } {
    const orders: CsvOrder[] = [];
    const problems = [...this.loose];
    for (const [key, rows] of this.groups) {
      const built = buildOrder(key, rows);
      const issues = new Map<number, Issue[]>(rows.filter((r) => r.issues.length > 0).map((r) => [r.line, r.issues]));
      for (const extra of built.issues) issues.set(extra.line, [...(issues.get(extra.line) ?? []), extra]);
      if (issues.size === 0) {
        const parsed = OrderImportSchema.safeParse(built.order.order);
        if (parsed.success) {
          orders.push(built.order);
          continue;
        }
        for (const issue of parsed.error.issues) {
          const at = locate(built.order, issue.path as (string | number)[]);
          issues.set(at.line, [...(issues.get(at.line) ?? []), { field: at.field, message: issue.message }]);
        }
      }
      problems.push(...refuseOrder(built.order.lines, issues));
    }
    problems.sort((a, b) => a.line - b.line);
    return { orders, problems };
  }
}

/** One problem per row of a refused order: its own issues, or a pointer to the bad rows. */
export function refuseOrder(lines: number[], issues: Map<number, { field: string; message: string }[]>): CsvProblem[] {
  const bad = [...issues.keys()].sort((a, b) => a - b);
  return lines.map((line) => {
    const own = issues.get(line);
    if (own) {
      const fields = [...new Set(own.map((i) => i.field))];
      return { line, code: 'validation_error', field: fields.join(', '), message: own.map((i) => `${i.field}: ${i.message}`).join(' ') };
    }
    return {
      line,
      code: 'order_refused',
      message: `Not stored: the same order has a problem on line${bad.length > 1 ? 's' : ''} ${bad.join(', ')}; orders are stored whole.`,
    };
  });
}

/** The row and column behind an import path such as ['items', 2, 'unitPrice', 'value']. */
export function locate(o: CsvOrder, path: (string | number)[]): { line: number; field: CsvOrderColumn } {
  const first = o.lines[0] as number;
  const [head, index, sub] = path;
  if (head === 'items' && typeof index === 'number') {
    const field = sub === 'unitPrice' && path[3] === 'currency' ? 'currency' : (ITEM_FIELDS[String(sub)] ?? 'item_id');
    return { line: o.itemLines[index] ?? first, field };
  }
  if (head === 'shipments' && typeof index === 'number') {
    return { line: o.shipmentLines[index] ?? first, field: SHIPMENT_FIELDS[String(sub)] ?? 'tracking_number' };
  }
  return { line: first, field: ORDER_FIELDS[path.slice(0, 2).join('.')] ?? ORDER_FIELDS[String(head)] ?? 'order_id' };
}

function buildOrder(key: string, rows: Row[]): { order: CsvOrder; issues: (Issue & { line: number })[] } {
  const first = rows[0] as Row;
  const v = first.values;
  const issues: (Issue & { line: number })[] = [];
  for (const row of rows.slice(1)) {
    for (const column of ORDER_COLUMNS) {
      if ((row.values[column]?.trim() ?? '') !== (v[column]?.trim() ?? '')) {
        issues.push({
          line: row.line,
          field: column,
          message: `"${row.values[column]?.trim() ?? ''}" differs from line ${first.line} ("${v[column]?.trim() ?? ''}") of the same order; use one value on every row.`,
        });
      }
    }
  }
  const shipments: { carrier: string; trackingNumber: string; shippedAt?: string; deliveredAt?: string; items: unknown[] }[] = [];
  const shipmentLines: number[] = [];
  const byTracking = new Map<string, { index: number; row: Row }>();
  for (const row of rows) {
    const tracking = opt(row.values.tracking_number);
    if (!tracking) {
      for (const column of ['carrier', 'shipped_at', 'delivered_at'] as const) {
        if (opt(row.values[column]))
          row.issues.push({ field: 'tracking_number', message: `Give the tracking number that ${column} belongs to.` });
      }
      continue;
    }
    const line = { externalId: row.values.item_id?.trim() ?? '', quantity: (row.item.quantity as number) || 1 };
    const known = byTracking.get(tracking);
    if (known) {
      for (const column of ['carrier', 'shipped_at', 'delivered_at'] as const) {
        if ((opt(row.values[column]) ?? '') !== (opt(known.row.values[column]) ?? '')) {
          issues.push({ line: row.line, field: column, message: `Differs from line ${known.row.line} with the same tracking number.` });
        }
      }
      shipments[known.index]?.items.push(line);
      continue;
    }
    byTracking.set(tracking, { index: shipments.length, row });
    shipmentLines.push(row.line);
    shipments.push({
      carrier: opt(row.values.carrier) ?? '',
      trackingNumber: tracking,
      shippedAt: instant(row.values.shipped_at),
      deliveredAt: instant(row.values.delivered_at),
      items: [line],
    });
  }
  const order = {
    integration: key.slice(0, key.indexOf('\u0000')),
    externalId: key.slice(key.indexOf('\u0000') + 1),
    orderNumber: v.order_number?.trim() ?? '',
    placedAt: instant(v.placed_at) ?? '',
    currency: v.currency?.trim() ?? '',
    customer: { name: v.customer_name?.trim() ?? '', email: v.customer_email?.trim() ?? '', phone: opt(v.customer_phone) },
    shippingAddress: {
      name: v.ship_name?.trim() ?? '',
      company: opt(v.ship_company),
      street: v.ship_street?.trim() ?? '',
      houseNumber: opt(v.ship_house_number),
      addressLine2: opt(v.ship_address_line2),
      postalCode: v.ship_postal_code?.trim() ?? '',
      city: v.ship_city?.trim() ?? '',
      region: opt(v.ship_region),
      country: v.ship_country?.trim() ?? '',
    },
    items: rows.map((r) => r.item),
    shipments,
  };
  return {
    order: { key, order, lines: rows.map((r) => r.line), itemLines: rows.map((r) => r.line), shipmentLines },
    issues,
  };
}
