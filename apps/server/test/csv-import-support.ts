// Builds CSV files for the import tests and waits for a run to finish.
import type { CSV_ORDER_COLUMNS } from '@retour/contracts/imports';
import type { Harness, Merchant } from './support/harness.ts';

export type Row = Partial<Record<(typeof CSV_ORDER_COLUMNS)[number], string>>;

/** A valid row of order `orderId`, item `itemId`; override any column. */
export function row(orderId: string, itemId: string, extra: Row = {}): Row {
  return {
    order_id: orderId,
    order_number: `#${orderId}`,
    placed_at: '2026-06-01T10:00:00Z',
    currency: 'EUR',
    customer_name: 'Anna de Vries',
    customer_email: 'anna@example.com',
    ship_name: 'Anna de Vries',
    ship_street: 'Keizersgracht',
    ship_house_number: '12',
    ship_postal_code: '1015 CJ',
    ship_city: 'Amsterdam',
    ship_country: 'NL',
    item_id: itemId,
    sku: `SKU-${itemId}`,
    item_name: `Shirt ${itemId}`,
    quantity: '1',
    unit_price: '19.95',
    ...extra,
  };
}

const quote = (v: string, d: string) => (/["\r\n]/.test(v) || v.includes(d) ? `"${v.replaceAll('"', '""')}"` : v);

export function csv(rows: Row[], options: { delimiter?: ',' | ';'; eol?: string; columns?: string[]; bom?: boolean } = {}): string {
  const d = options.delimiter ?? ',';
  const eol = options.eol ?? '\n';
  const columns = options.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [columns.join(d), ...rows.map((r) => columns.map((c) => quote((r as Record<string, string>)[c] ?? '', d)).join(d))];
  return `${options.bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`;
}

export async function upload(h: Harness, m: Merchant, body: string, query = '') {
  return h.app.inject({
    method: 'POST',
    url: `/api/v1/imports${query}`,
    payload: body,
    headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'text/csv' },
  });
}

/** Polls the run until it is no longer running. */
export async function finished(m: Merchant, id: string): Promise<Record<string, any>> {
  for (let i = 0; i < 1000; i++) {
    const res = await m.call('GET', `/api/v1/imports/${id}`);
    const run = res.json() as Record<string, any>;
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('The import did not finish.');
}

export async function importCsv(h: Harness, m: Merchant, body: string, query = '') {
  const res = await upload(h, m, body, query);
  if (res.statusCode !== 202) throw new Error(`upload answered ${res.statusCode}: ${res.body}`);
  return finished(m, (res.json() as { id: string }).id);
}
