// Fills a database with a bench merchant, its portal and N orders (3 items on average), written
// straight through the repository's bulk insert. Usage: tsx bench/generate.ts <DATABASE_URL> <orders>
import { normaliseOrderNumber, normalisePostalCode, normaliseTrackingNumber } from '@retour/domain/normalise';
import { openDatabase } from '@retour/db/database';
import { newId } from '@retour/db/ids';
import { analyze, refreshStatistics } from '@retour/db/maintenance';
import { migrateToLatest } from '@retour/db/migrate';
import { insertOrders, type OrderAggregate } from '@retour/db/repos/orders';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { providerEndpoints } from '@retour/integrations/endpoints';
import type { Ctx } from '../apps/server/src/context.ts';
import { JOBS } from '../apps/server/src/composition.ts';
import { createMerchant } from '../apps/server/src/use-cases/merchants/create-merchant.ts';
import { createAddress } from '../apps/server/src/use-cases/settings/save-address.ts';
import { createBrand } from '../apps/server/src/use-cases/settings/save-brand.ts';
import { createPortal } from '../apps/server/src/use-cases/settings/save-portal.ts';

export const BENCH_SLUG = 'bench';
export const postalFor = (n: number) =>
  `${1000 + (n % 9000)} ${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + ((n >> 5) % 26))}`;
export const orderNumberFor = (n: number) => `B${n}`;

export async function generate(url: string, count: number): Promise<{ apiKey: string }> {
  const handle = openDatabase(url);
  await migrateToLatest(handle.db);
  const now = new Date();
  const ctx: Ctx = {
    db: handle.db,
    dialect: handle.dialect,
    now: () => now,
    carriers: createCarrierRegistry(),
    providers: providerEndpoints(),
    secret: Buffer.from('bench'),
    publicUrl: 'http://bench',
    jobs: JOBS,
  };
  const { merchant, apiKey } = await createMerchant(ctx, {
    name: 'Bench',
    email: `bench-${Date.now()}@example.com`,
    password: 'bench-bench',
  });
  const m = merchant.id;
  const brand = await createBrand(ctx, m, { name: 'Bench' });
  const ret = await createAddress(ctx, m, {
    kind: 'return',
    brandId: brand.id,
    name: 'Returns',
    street: 'Dam',
    houseNumber: '1',
    postalCode: '1012 JS',
    city: 'Amsterdam',
    country: 'NL',
  });
  await createAddress(ctx, m, {
    kind: 'sender',
    brandId: brand.id,
    name: 'Bench',
    street: 'Dam',
    houseNumber: '1',
    postalCode: '1012 JS',
    city: 'Amsterdam',
    country: 'NL',
  });
  await createPortal(ctx, m, {
    slug: BENCH_SLUG,
    brandId: brand.id,
    enabled: true,
    returnAddressId: ret.id,
    carriers: { '*': ['sandbox'] },
  });
  const integrationId = newId('int');
  await handle.db
    .insertInto('integrations')
    .values({ merchantId: m, id: integrationId, name: 'bench', kind: 'api', createdAt: now.toISOString() })
    .execute();

  const delivered = new Date(now.getTime() - 2 * 86_400_000).toISOString();
  const started = Date.now();
  const batch = 5000;
  for (let start = 0; start < count; start += batch) {
    const orders: OrderAggregate[] = [];
    for (let n = start; n < Math.min(count, start + batch); n++) {
      const id = newId('ord');
      const postal = postalFor(n);
      const items = 2 + (n % 3); // 2, 3, 4 → 3 on average
      orders.push({
        order: {
          merchantId: m,
          id,
          integrationId,
          externalId: `b-${n}`,
          orderNumber: orderNumberFor(n),
          orderNumberNorm: normaliseOrderNumber(orderNumberFor(n)),
          placedAt: delivered,
          currency: 'EUR',
          brandId: brand.id,
          senderAddressId: null,
          customerName: 'Bench Shopper',
          customerEmail: `s${n}@example.com`,
          customerPhone: null,
          shippingAddress: {
            name: 'Bench Shopper',
            street: 'Damrak',
            houseNumber: String(n % 300),
            postalCode: postal,
            city: 'Amsterdam',
            country: 'NL',
          },
          shipPostalNorm: normalisePostalCode(postal),
          shipCountry: 'NL',
          createdAt: delivered,
          updatedAt: delivered,
        },
        items: Array.from({ length: items }, (_, i) => ({
          merchantId: m,
          id: newId('itm'),
          orderId: id,
          position: i,
          externalId: `l${i}`,
          sku: `SKU-${(n + i) % 5000}`,
          name: `Product ${i}`,
          variant: null,
          quantity: 1 + (i % 2),
          unitPrice: 1995 + i * 500,
          hsCode: '610910',
          originCountry: 'PT',
          weightGrams: 300,
          imageUrl: null,
          returnable: true,
          tags: [],
        })),
        shipments: [
          {
            merchantId: m,
            id: newId('shp'),
            orderId: id,
            position: 0,
            carrier: 'sandbox',
            trackingNumber: `BT${n}NL`,
            trackingNorm: normaliseTrackingNumber(`BT${n}NL`),
            shippedAt: delivered,
            deliveredAt: delivered,
            deliveredTo: 'home',
            items: null,
          },
        ],
      });
    }
    await handle.db.transaction().execute((tx) => insertOrders(tx, orders));
    if ((start / batch) % 20 === 0)
      process.stderr.write(`\r  generated ${Math.min(count, start + batch).toLocaleString('en')} / ${count.toLocaleString('en')} orders`);
  }
  process.stderr.write(`\r  generated ${count.toLocaleString('en')} orders in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  // Only the statistics a merchant's database gets: SQLite's PRAGMA optimize after a large
  // import (and at every open), PostgreSQL's autovacuum ANALYZE shortly after the load.
  if (handle.dialect === 'sqlite') await refreshStatistics(handle.db, handle.dialect, { checkAllTables: true });
  else await analyze(handle.db, handle.dialect);
  await handle.close();
  return { apiKey };
}
