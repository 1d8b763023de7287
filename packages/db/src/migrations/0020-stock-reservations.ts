// Stock reservations (issue #14 item 3): every exchange line reserves its quantity of the new
// variant while the return is open, so the portal shows stock minus reservations and two shoppers
// cannot both take the last unit. The reservation is a state of the exchange line itself:
// `held` (counts against stock), `released` (cancelled, rejected, completed without a replacement)
// or `consumed` (the replacement order was created; the shop's stock now reflects it).
// Existing exchange lines of returns still under way, without a replacement yet, start held.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('return_exchanges')
    .addColumn('reservation', 'text', (c) => c.notNull().defaultTo('released'))
    .execute();
  await sql`
    update return_exchanges set reservation = 'held'
    where exists (
      select 1 from returns r
      where r.merchant_id = return_exchanges.merchant_id and r.id = return_exchanges.return_id
        and r.status in ('requested', 'awaiting_payment', 'payment_failed', 'open', 'in_transit', 'delivered', 'received')
    )
    and not exists (
      select 1 from return_events e
      where e.merchant_id = return_exchanges.merchant_id and e.return_id = return_exchanges.return_id and e.type = 'exchange_created'
    )`.execute(db);
  // What is held of a variant: Σ quantity where reservation = 'held', per merchant and variant.
  await db.schema
    .createIndex('return_exchanges_reserved')
    .on('return_exchanges')
    .columns(['merchant_id', 'variant_id', 'reservation'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('return_exchanges_reserved').execute();
  await db.schema.alterTable('return_exchanges').dropColumn('reservation').execute();
}
