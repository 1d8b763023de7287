// Portal lookups by any two of order number, email, postal code and tracking number, and by a
// signed deep link. Each pair is one indexed query whatever is wrong, so misses look alike; when
// several orders match (an email with a postal code) the newest is the answer. The queries have no
// ORDER BY on purpose: the matches are few, and without statistics SQLite would otherwise prefer
// orders_retention (merchant_id, placed_at), i.e. every order of the merchant, to spare the sort.
import { precompiled } from '../compiled.ts';
import type { Executor } from '../database.ts';
import type { OrdersTable } from '../schema.ts';
import { findOrderByNumber, findOrderByTracking, type OrderAggregate, withChildren } from './orders.ts';

export type LookupKeys = { orderNumberNorm?: string; emailNorm?: string; postalNorm?: string; trackingNorm?: string };

const byNumberAndEmail = precompiled((db, merchantId: string, orderNumberNorm: string, emailNorm: string, brandId: string) =>
  db
    .selectFrom('orders')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('orderNumberNorm', '=', orderNumberNorm)
    .where((eb) => eb(eb.fn('lower', ['customerEmail']), '=', emailNorm))
    .where('brandId', '=', brandId),
);
const byEmailAndPostal = precompiled((db, merchantId: string, emailNorm: string, postalNorm: string, brandId: string) =>
  db
    .selectFrom('orders')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where((eb) => eb(eb.fn('lower', ['customerEmail']), '=', emailNorm))
    .where('shipPostalNorm', '=', postalNorm)
    .where('brandId', '=', brandId),
);
const byTrackingAnd = (column: 'orderNumberNorm' | 'email') =>
  precompiled((db, merchantId: string, trackingNorm: string, other: string, brandId: string) =>
    db
      .selectFrom('shipments')
      .innerJoin('orders', (j) => j.onRef('orders.merchantId', '=', 'shipments.merchantId').onRef('orders.id', '=', 'shipments.orderId'))
      .selectAll('orders')
      .where('shipments.merchantId', '=', merchantId)
      .where('shipments.trackingNorm', '=', trackingNorm)
      .where((eb) =>
        column === 'email' ? eb(eb.fn('lower', ['orders.customerEmail']), '=', other) : eb('orders.orderNumberNorm', '=', other),
      )
      .where('orders.brandId', '=', brandId),
  );
const byTrackingAndNumber = byTrackingAnd('orderNumberNorm');
const byTrackingAndEmail = byTrackingAnd('email');
const byNumberOnly = precompiled((db, merchantId: string, orderNumberNorm: string, brandId: string) =>
  db
    .selectFrom('orders')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('orderNumberNorm', '=', orderNumberNorm)
    .where('brandId', '=', brandId),
);

/** The order matching exactly two keys (the pair the portal accepted), or null. */
export async function findOrderByKeys(db: Executor, merchantId: string, brandId: string, k: LookupKeys): Promise<OrderAggregate | null> {
  const { orderNumberNorm: n, emailNorm: e, postalNorm: p, trackingNorm: t } = k;
  if (n !== undefined && p !== undefined) return findOrderByNumber(db, merchantId, brandId, n, p);
  if (t !== undefined && p !== undefined) return findOrderByTracking(db, merchantId, brandId, t, p);
  let rows: OrdersTable[];
  if (n !== undefined && e !== undefined) rows = await byNumberAndEmail(db, merchantId, n, e, brandId);
  else if (e !== undefined && p !== undefined) rows = await byEmailAndPostal(db, merchantId, e, p, brandId);
  else if (t !== undefined && n !== undefined) rows = await byTrackingAndNumber(db, merchantId, t, n, brandId);
  else if (t !== undefined && e !== undefined) rows = await byTrackingAndEmail(db, merchantId, t, e, brandId);
  else throw new Error('findOrderByKeys needs two keys');
  const row = newest(rows);
  return row ? withChildren(db, merchantId, row) : null;
}

function newest(rows: OrdersTable[]): OrdersTable | undefined {
  return rows.reduce<OrdersTable | undefined>(
    (a, r) => (!a || r.placedAt > a.placedAt || (r.placedAt === a.placedAt && r.id > a.id) ? r : a),
    undefined,
  );
}

/** A signed deep link's order: by order number (and email when the link names one), newest first. */
export async function findOrderForLink(
  db: Executor,
  merchantId: string,
  brandId: string,
  orderNumberNorm: string,
  emailNorm: string | null,
): Promise<OrderAggregate | null> {
  const row = newest(
    emailNorm === null
      ? await byNumberOnly(db, merchantId, orderNumberNorm, brandId)
      : await byNumberAndEmail(db, merchantId, orderNumberNorm, emailNorm, brandId),
  );
  return row ? withChildren(db, merchantId, row) : null;
}
