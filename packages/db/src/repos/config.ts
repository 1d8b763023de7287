// Brands, addresses, portals, shipping rules and integrations: small tenant-scoped tables with
// the same four operations, so they share one implementation over a table name.
import type { Insertable } from 'kysely';
import { type Precompiled, precompiled } from '../compiled.ts';
import type { Executor } from '../database.ts';
import type { AddressesTable, BrandsTable, IntegrationsTable, PortalsTable, ShippingRulesTable } from '../schema.ts';

type ConfigTables = {
  brands: BrandsTable;
  addresses: AddressesTable;
  portals: PortalsTable;
  shippingRules: ShippingRulesTable;
};
export type ConfigTable = keyof ConfigTables;

// Kysely cannot type a query over a union of table names; the public functions stay typed.
// biome-ignore lint/suspicious/noExplicitAny: see above
const anyDb = (db: Executor) => db as any;

const rowById = Object.fromEntries(
  (['brands', 'addresses', 'portals', 'shippingRules'] as const).map((table) => [
    table,
    precompiled((db, merchantId: string, id: string) =>
      anyDb(db).selectFrom(table).selectAll().where('merchantId', '=', merchantId).where('id', '=', id),
    ),
  ]),
) as { [T in ConfigTable]: Precompiled<[string, string], ConfigTables[T]> };

export async function getRow<T extends ConfigTable>(
  db: Executor,
  table: T,
  merchantId: string,
  id: string,
): Promise<ConfigTables[T] | undefined> {
  const [row] = await (rowById[table] as Precompiled<[string, string], ConfigTables[T]>)(db, merchantId, id);
  return row;
}

export async function listRows<T extends ConfigTable>(
  db: Executor,
  table: T,
  merchantId: string,
  q: { limit: number; afterId?: string },
): Promise<ConfigTables[T][]> {
  let query = anyDb(db).selectFrom(table).selectAll().where('merchantId', '=', merchantId);
  if (q.afterId) query = query.where('id', '>', q.afterId);
  return query.orderBy('id').limit(q.limit).execute();
}

export async function insertRow<T extends ConfigTable>(db: Executor, table: T, row: ConfigTables[T]): Promise<void> {
  await anyDb(db).insertInto(table).values(row).execute();
}

export async function updateRow<T extends ConfigTable>(
  db: Executor,
  table: T,
  merchantId: string,
  id: string,
  fields: Partial<ConfigTables[T]>,
): Promise<void> {
  await anyDb(db).updateTable(table).set(fields).where('merchantId', '=', merchantId).where('id', '=', id).execute();
}

export async function deleteRow(db: Executor, table: ConfigTable, merchantId: string, id: string): Promise<boolean> {
  const r = await anyDb(db).deleteFrom(table).where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

const portalBySlug = precompiled((db, slug: string) => db.selectFrom('portals').selectAll().where('slug', '=', slug));

export async function findPortalBySlug(db: Executor, slug: string): Promise<PortalsTable | undefined> {
  const [row] = await portalBySlug(db, slug);
  return row;
}

export async function allShippingRules(db: Executor, merchantId: string): Promise<ShippingRulesTable[]> {
  return db.selectFrom('shippingRules').selectAll().where('merchantId', '=', merchantId).orderBy('position').orderBy('id').execute();
}

export async function addressesOfKind(db: Executor, merchantId: string, kind: string): Promise<AddressesTable[]> {
  return db
    .selectFrom('addresses')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('kind', '=', kind)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function firstBrand(db: Executor, merchantId: string): Promise<BrandsTable | undefined> {
  return db.selectFrom('brands').selectAll().where('merchantId', '=', merchantId).orderBy('createdAt').orderBy('id').executeTakeFirst();
}

/** Is an address still used by a portal or a shipping rule? (Then it may not be deleted.) */
export async function addressInUse(db: Executor, merchantId: string, addressId: string): Promise<boolean> {
  const portal = await db
    .selectFrom('portals')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('returnAddressId', '=', addressId)
    .executeTakeFirst();
  if (portal) return true;
  const rules = await allShippingRules(db, merchantId);
  return rules.some((r) => r.action.includes(`"${addressId}"`));
}

/** What still belongs to a brand: portals, addresses or orders (then it may not be deleted). */
export async function brandInUse(db: Executor, merchantId: string, brandId: string): Promise<'portals' | 'addresses' | 'orders' | null> {
  for (const table of ['portals', 'addresses', 'orders'] as const) {
    const row = await db
      .selectFrom(table)
      .select('id')
      .where('merchantId', '=', merchantId)
      .where('brandId', '=', brandId)
      .executeTakeFirst();
    if (row) return table;
  }
  return null;
}

/** Does a portal have returns? (Then it is disabled, not deleted, so shoppers' links keep working.) */
export async function portalHasReturns(db: Executor, merchantId: string, portalId: string): Promise<boolean> {
  const row = await db
    .selectFrom('returns')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('portalId', '=', portalId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function ensureIntegration(
  db: Executor,
  merchantId: string,
  name: string,
  make: () => Insertable<IntegrationsTable>,
): Promise<string> {
  const found = await db
    .selectFrom('integrations')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (found) return found.id;
  const row = make();
  await db
    .insertInto('integrations')
    .values(row)
    .onConflict((oc) => oc.columns(['merchantId', 'name']).doNothing())
    .execute();
  const again = await db
    .selectFrom('integrations')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return again.id;
}

export async function integrationNames(db: Executor, merchantId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('integrations')
    .select(['id', 'name'])
    .where('merchantId', '=', merchantId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
