// CSV order import throughput: generates a 100,000-row file (~33,000 orders of three items, rows of
// an order not adjacent) and imports it through the real use case (startCsvImport → importOrders in
// batches of 1,000) into a fresh SQLite file, and into PostgreSQL when TEST_DATABASE_URL is set.
// Prints progress and rows per second. Usage: npm run bench:csv   (BENCH_CSV_ROWS=100000)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_ORDER_COLUMNS } from '@retour/contracts/imports';
import { type DatabaseHandle, openDatabase } from '@retour/db/database';
import { migrateToLatest } from '@retour/db/migrate';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { providerEndpoints } from '@retour/integrations/endpoints';
import pg from 'pg';
import type { Ctx } from '../apps/server/src/context.ts';
import { JOBS } from '../apps/server/src/composition.ts';
import { createMerchant } from '../apps/server/src/use-cases/merchants/create-merchant.ts';
import { startCsvImport } from '../apps/server/src/use-cases/orders/import-csv-orders.ts';

const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 100_000);
const ITEMS = 3;

function generate(rows: number): Buffer {
  const orders = Math.ceil(rows / ITEMS);
  const lines = [CSV_ORDER_COLUMNS.join(',')];
  const cities = ['Amsterdam', 'Utrecht', 'Berlin', 'Paris', 'Antwerpen'];
  const countries = ['NL', 'NL', 'DE', 'FR', 'BE'];
  // Item k of every order comes in its own pass, so the rows of one order are far apart.
  for (let k = 0; k < ITEMS; k++) {
    for (let o = 0; o < orders && lines.length <= rows; o++) {
      const c = o % cities.length;
      const values: Record<string, string> = {
        order_id: String(100000 + o),
        order_number: `#${100000 + o}`,
        placed_at: `2026-05-${String((o % 28) + 1).padStart(2, '0')}T10:00:00Z`,
        currency: 'EUR',
        customer_name: `Customer ${o}`,
        customer_email: `customer${o}@example.com`,
        customer_phone: '+31 6 1234 5678',
        ship_name: `Customer ${o}`,
        ship_street: 'Main Street',
        ship_house_number: String((o % 200) + 1),
        ship_postal_code: `${1000 + (o % 8999)} AB`,
        ship_city: cities[c] as string,
        ship_country: countries[c] as string,
        item_id: `${o}-${k}`,
        sku: `SKU-${(o * 7 + k) % 5000}`,
        item_name: `"Shirt, size ${['S', 'M', 'L'][k]}"`,
        quantity: String((o % 3) + 1),
        unit_price: `${10 + (o % 90)}.95`,
        weight_grams: '250',
        returnable: 'true',
        tags: 'summer;sale',
        carrier: 'postnl',
        tracking_number: `3S${String(o).padStart(10, '0')}`,
        shipped_at: '2026-05-29T10:00:00Z',
      };
      lines.push(CSV_ORDER_COLUMNS.map((col) => values[col] ?? '').join(','));
    }
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function bench(label: string, handle: DatabaseHandle, file: Buffer): Promise<void> {
  await migrateToLatest(handle.db);
  const ctx: Ctx = {
    db: handle.db,
    dialect: handle.dialect,
    now: () => new Date(),
    carriers: createCarrierRegistry(),
    providers: providerEndpoints(),
    secret: Buffer.from('bench-secret-key-bench-secret-key-0123456789'),
    publicUrl: 'http://retour.bench',
    jobs: JOBS,
  };
  const { merchant } = await createMerchant(ctx, {
    name: 'Bench',
    email: `bench-${Date.now()}@example.com`,
    password: 'bench bench bench',
  });
  const started = performance.now();
  let last = 0;
  const { done } = await startCsvImport(ctx, merchant.id, { source: [file], fileName: 'bench.csv' }, (run) => {
    const t = (performance.now() - started) / 1000;
    if (t - last >= 2 || run.processed === run.total) {
      last = t;
      process.stdout.write(`  ${label} ${t.toFixed(1)} s: ${run.processed}/${run.total} rows, ${run.created} orders created\n`);
    }
  });
  const run = await done;
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${label}: ${run.status}, ${run.total} rows / ${run.created + run.updated} orders in ${seconds.toFixed(1)} s = ${Math.round((run.total ?? 0) / seconds)} rows/s (${run.failed} refused)\n`,
  );
  if (run.status !== 'completed' || run.failed > 0) process.exitCode = 1;
}

const file = generate(ROWS);
process.stdout.write(`CSV: ${ROWS} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB\n`);

const dir = mkdtempSync(join(tmpdir(), 'retour-bench-csv-'));
const sqlite = openDatabase(`file:${join(dir, 'bench.sqlite')}`);
try {
  await bench('sqlite', sqlite, file);
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}

const url = process.env.TEST_DATABASE_URL;
if (url) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const handle = openDatabase(url, { schema, poolSize: 4 });
  try {
    await bench('postgres', handle, file);
  } finally {
    await handle.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}
