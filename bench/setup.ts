// The bench merchant as a merchant sets it up in the back office (the same use cases): an account
// with its API key, a brand, return and sender addresses, an enabled portal offering the sandbox
// carrier. No orders: those arrive through the public API (bench/load.ts), as a shop sends them.
import { openDatabase } from '@retour/db/database';
import { migrateToLatest } from '@retour/db/migrate';
import { createCarrierRegistry } from '@retour/integrations/carriers/registry';
import { providerEndpoints } from '@retour/integrations/endpoints';
import { JOBS } from '../apps/server/src/composition.ts';
import type { Ctx } from '../apps/server/src/context.ts';
import { createMerchant } from '../apps/server/src/use-cases/merchants/create-merchant.ts';
import { createAddress } from '../apps/server/src/use-cases/settings/save-address.ts';
import { createBrand } from '../apps/server/src/use-cases/settings/save-brand.ts';
import { createPortal } from '../apps/server/src/use-cases/settings/save-portal.ts';

export const BENCH_SLUG = 'bench';
export const postalFor = (n: number) =>
  `${1000 + (n % 9000)} ${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + ((n >> 5) % 26))}`;
export const orderNumberFor = (n: number) => `B${n}`;

export function benchCtx(handle: ReturnType<typeof openDatabase>): Ctx {
  return {
    db: handle.db,
    dialect: handle.dialect,
    now: () => new Date(),
    carriers: createCarrierRegistry(),
    providers: providerEndpoints(),
    secret: Buffer.from('bench'),
    publicUrl: 'http://bench',
    jobs: JOBS,
  };
}

/** Creates the bench merchant on a fresh database; returns its id and API key. */
export async function setupMerchant(url: string): Promise<{ merchantId: string; apiKey: string }> {
  const handle = openDatabase(url);
  await migrateToLatest(handle.db);
  const ctx = benchCtx(handle);
  const { merchant, apiKey } = await createMerchant(ctx, {
    name: 'Bench',
    email: `bench-${Date.now()}@example.com`,
    password: 'bench-bench',
  });
  const m = merchant.id;
  const brand = await createBrand(ctx, m, { name: 'Bench' });
  const address = { brandId: brand.id, street: 'Dam', houseNumber: '1', postalCode: '1012 JS', city: 'Amsterdam', country: 'NL' };
  const ret = await createAddress(ctx, m, { kind: 'return', name: 'Returns', ...address });
  await createAddress(ctx, m, { kind: 'sender', name: 'Bench', ...address });
  await createPortal(ctx, m, {
    slug: BENCH_SLUG,
    brandId: brand.id,
    enabled: true,
    returnAddressId: ret.id,
    carriers: { '*': ['sandbox'] },
  });
  await handle.close();
  return { merchantId: m, apiKey };
}
