// A version per merchant of the configuration the portal's hot paths read (portals, addresses,
// carrier accounts), so a process may keep that configuration in memory: every lookup and creation
// reads the version inside its one order query and reloads when it moved. Triggers bump it in the
// same transaction as any write to those tables, whoever writes (this process, another `serve`, a
// `retour` command, an operator's SQL), so no write path can forget it.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const TABLES = ['portals', 'addresses', 'carrier_accounts'];
const OPS = ['insert', 'update', 'delete'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('config_versions')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('config_versions_pk', ['merchant_id'])
    .execute();
  await sql`insert into config_versions (merchant_id, version) select id, 1 from merchants`.execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create function bump_config_version() returns trigger language plpgsql as $$
      declare m text;
      begin
        if tg_op = 'DELETE' then m := old.merchant_id; else m := new.merchant_id; end if;
        insert into config_versions (merchant_id, version) values (m, 1)
          on conflict (merchant_id) do update set version = config_versions.version + 1;
        return null;
      end $$`.execute(db);
    for (const table of TABLES) {
      await sql
        .raw(
          `create trigger ${table}_config_version after insert or update or delete on ${table} for each row execute function bump_config_version()`,
        )
        .execute(db);
    }
    return;
  }
  for (const table of TABLES) {
    for (const op of OPS) {
      const row = op === 'delete' ? 'old' : 'new';
      await sql
        .raw(
          `create trigger ${table}_config_version_${op} after ${op} on ${table} begin
             insert into config_versions (merchant_id, version) values (${row}.merchant_id, 1)
               on conflict (merchant_id) do update set version = version + 1;
           end`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of TABLES) await sql.raw(`drop trigger ${table}_config_version on ${table}`).execute(db);
    await sql`drop function bump_config_version()`.execute(db);
  } else {
    for (const table of TABLES) for (const op of OPS) await sql.raw(`drop trigger ${table}_config_version_${op}`).execute(db);
  }
  await db.schema.dropTable('config_versions').execute();
}
