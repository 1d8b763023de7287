// Return rules (issue #15):
// - return_rule_sets: every saved version of a merchant's ordered return rules (JSON list of
//   `{name, active, scope, criteria, actions}`); the highest version is the one in force, older
//   ones are the history;
// - order_items: the product type and vendor the shop sent (rules test them), both optional;
// - orders: the discount codes used on the order (JSON list, optional);
// - returns: the rule-set version that applied when it was made and what the rules decided
//   (JSON: which rules fired, tags, kept items, photo requirements), shown to staff.
import type { Kysely } from 'kysely';

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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('returns').dropColumn('rule_outcome').execute();
  await db.schema.alterTable('returns').dropColumn('rule_set_version').execute();
  await db.schema.alterTable('orders').dropColumn('discount_codes').execute();
  await db.schema.alterTable('order_items').dropColumn('vendor').execute();
  await db.schema.alterTable('order_items').dropColumn('product_type').execute();
  await db.schema.dropTable('return_rule_sets').execute();
}
