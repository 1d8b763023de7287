// Return rules (issue #15):
// - return_rule_sets: every saved version of a merchant's ordered return rules (JSON list of
//   `{name, active, scope, criteria, actions}`); the highest version is the one in force, older
//   ones are the history;
// - order_items: the product type and vendor the shop sent (rules test them), both optional;
// - orders: the discount codes used on the order (JSON list, optional);
// - returns: the rule-set version that applied when it was made and what the rules decided
//   (JSON: which rules fired, tags, kept items, photo requirements), shown to staff;
// - a saved rule set bumps the merchant's config version (migration 0013's triggers), so processes
//   that keep the rules in memory with the portal's configuration reload them.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const OPS = ['insert', 'update', 'delete'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('return_rule_sets')
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('return_rule_sets_pk', ['merchant_id', 'version'])
    .execute();
  await db.schema.alterTable('order_items').addColumn('product_type', 'text').execute();
  await db.schema.alterTable('order_items').addColumn('vendor', 'text').execute();
  await db.schema.alterTable('orders').addColumn('discount_codes', 'text').execute();
  await db.schema.alterTable('returns').addColumn('rule_set_version', 'integer').execute();
  await db.schema.alterTable('returns').addColumn('rule_outcome', 'text').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql
      .raw(
        'create trigger return_rule_sets_config_version after insert or update or delete on return_rule_sets for each row execute function bump_config_version()',
      )
      .execute(db);
    return;
  }
  for (const op of OPS) {
    const row = op === 'delete' ? 'old' : 'new';
    await sql
      .raw(
        `create trigger return_rule_sets_config_version_${op} after ${op} on return_rule_sets begin
           insert into config_versions (merchant_id, version) values (${row}.merchant_id, 1)
             on conflict (merchant_id) do update set version = version + 1;
         end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql.raw('drop trigger return_rule_sets_config_version on return_rule_sets').execute(db);
  else for (const op of OPS) await sql.raw(`drop trigger return_rule_sets_config_version_${op}`).execute(db);
  await db.schema.alterTable('returns').dropColumn('rule_outcome').execute();
  await db.schema.alterTable('returns').dropColumn('rule_set_version').execute();
  await db.schema.alterTable('orders').dropColumn('discount_codes').execute();
  await db.schema.alterTable('order_items').dropColumn('vendor').execute();
  await db.schema.alterTable('order_items').dropColumn('product_type').execute();
  await db.schema.dropTable('return_rule_sets').execute();
}
