// More ways to find an order (issue #15 item 4). Shoppers may find an order by its email with
// another field: orders_email holds the lookup's equality columns (merchant, lowercased email)
// then its ordering (newest first), like orders_lookup does for the order number (0009). The
// expression is exactly the lookup's `lower("customer_email")` (repos/orders.ts), which both
// planners need to use an expression index. Portals get a sealed secret for signed deep links.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index orders_email on orders (merchant_id, lower(customer_email), placed_at)`.execute(db);
  await db.schema.alterTable('portals').addColumn('link_secret', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('portals').dropColumn('link_secret').execute();
  await db.schema.dropIndex('orders_email').execute();
}
