import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/migrate.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../src/testing.ts';

const TABLES = [
  'merchants',
  'users',
  'api_keys',
  'brands',
  'addresses',
  'portals',
  'shipping_rules',
  'integrations',
  'orders',
  'order_items',
  'shipments',
  'returns',
  'return_items',
  'return_events',
  'outbox',
  'idempotency_keys',
  'rate_limit_hits',
  'email_templates',
  'sessions',
  'uploads',
  'payment_accounts',
  'payments',
  'inbound_events',
  'import_runs',
  'webhook_endpoints',
  'webhook_deliveries',
  'leases',
  'carrier_accounts',
  'carrier_documents',
  'config_versions',
  'products',
  'product_variants',
  'variant_stock',
  'return_exchanges',
  'return_rule_sets',
  'return_photos',
];
const NOT_TENANT = new Set(['merchants', 'idempotency_keys', 'rate_limit_hits', 'leases']);
/** Tenant tables keyed by something other than an id of their own. */
const TENANT_KEYS: Record<string, string[]> = {
  inbound_events: ['merchant_id', 'source', 'event_id'],
  config_versions: ['merchant_id'],
  variant_stock: ['merchant_id', 'variant_id', 'location_id'],
  return_rule_sets: ['merchant_id', 'version'],
};

/** Primary-key columns of every table, in key order, read from the catalogue. */
async function primaryKeys(h: TestDatabaseHandle): Promise<Map<string, string[]>> {
  const raw = h.db.withoutPlugins();
  const keys = new Map<string, string[]>();
  if (h.dialect === 'sqlite') {
    const { rows: tables } = await sql<{ name: string }>`
      select name from sqlite_master
      where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(raw);
    for (const { name } of tables) {
      const { rows } = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${name})`.execute(raw);
      keys.set(
        name,
        rows
          .filter((r) => r.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((r) => r.name),
      );
    }
    return keys;
  }
  const { rows } = await sql<{ table: string; column: string; position: number }>`
    select c.relname as "table", a.attname as "column", k.ord::int as "position"
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and n.nspname = current_schema() and c.relname not like 'kysely_%'
    order by c.relname, k.ord`.execute(raw);
  for (const r of rows) keys.set(r.table, [...(keys.get(r.table) ?? []), r.column]);
  // Tables without any primary key would be missing above: list them too.
  const { rows: tables } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`.execute(raw);
  for (const t of tables) if (!keys.has(t.table_name)) keys.set(t.table_name, []);
  return keys;
}

describe('migrations', () => {
  let h: TestDatabaseHandle;
  beforeEach(async () => {
    h = await openTestDatabase();
  });
  afterEach(async () => h.close());

  it('are idempotent: a second run applies nothing and keeps the data', async () => {
    await h.db.insertInto('merchants').values({ id: 'mer_1', name: 'Łódź Shop', createdAt: '2026-01-01T00:00:00.000Z' }).execute();
    expect(await migrateToLatest(h.db)).toEqual([]);
    expect(await migrateToLatest(h.db)).toEqual([]);
    const rows = await h.db.selectFrom('merchants').selectAll().execute();
    expect(rows).toEqual([{ id: 'mer_1', name: 'Łódź Shop', createdAt: '2026-01-01T00:00:00.000Z' }]);
    const { rows: applied } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(h.db.withoutPlugins());
    expect(applied.map((r) => r.name)).toEqual([
      '0001-initial',
      '0002-outbox-by-topic',
      '0003-labels',
      '0004-email-templates',
      '0005-backoffice',
      '0006-integrations',
      '0007-outbox-leases',
      '0008-carrier-accounts',
      '0009-query-plans',
      '0010-user-language',
      '0012-outbox-open-jobs',
      '0013-config-versions',
      '0014-catalogue',
      '0016-return-rules',
      '0017-order-lookups',
      '0018-return-photos',
      '0019-return-expiry',
      '0020-stock-reservations',
      '0021-instant-exchange',
    ]);
  });

  it('creates every table of the schema', async () => {
    const keys = await primaryKeys(h);
    expect([...keys.keys()].sort()).toEqual([...TABLES].sort());
  });

  it('leads every tenant table key with merchant_id', async () => {
    const keys = await primaryKeys(h);
    for (const table of TABLES) {
      const pk = keys.get(table);
      expect(pk, table).toBeDefined();
      expect(pk?.length, `${table} has a primary key`).toBeGreaterThan(0);
      if (NOT_TENANT.has(table)) {
        expect(pk, table).not.toContain('merchant_id');
      } else {
        expect(pk, table).toEqual(TENANT_KEYS[table] ?? ['merchant_id', 'id']);
      }
    }
    expect(keys.get('merchants')).toEqual(['id']);
    expect(keys.get('idempotency_keys')).toEqual(['scope', 'key']);
    expect(keys.get('rate_limit_hits')).toEqual(['key', 'at', 'id']);
  });
});
