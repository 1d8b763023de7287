// Returns, their items and their timeline (which is also the ledger of received items, refunds,
// credits and replacements). Every change of a return bumps its version under a check, so two
// writers racing on one return cannot both win.
import type { Expression, ExpressionBuilder, QueryCreator, SelectQueryBuilder, SqlBool } from 'kysely';
import { precompiled, precompiledInsert } from '../compiled.ts';
import type { Executor } from '../database.ts';
import { fromJson, toJson } from '../json.ts';
import type { Database, ReturnEventsTable, ReturnItemsTable, ReturnsTable } from '../schema.ts';

export type ReturnRecord = ReturnsTable;
export type ReturnItemRecord = ReturnItemsTable;
export type ReturnEventRecord = Omit<ReturnEventsTable, 'data'> & { data: Record<string, unknown> | null };
export type NewReturnEvent = Omit<ReturnEventRecord, 'seq'>;
export type ReturnAggregate = { ret: ReturnRecord; items: ReturnItemRecord[]; events: ReturnEventRecord[] };

const insertReturns = precompiledInsert('returns');
const insertReturnItems = precompiledInsert('returnItems');
const insertEvents = precompiledInsert('returnEvents');

export async function insertReturn(db: Executor, ret: ReturnRecord, items: ReturnItemRecord[]): Promise<void> {
  await insertReturns(db, [ret]);
  if (items.length > 0) await insertReturnItems(db, items);
}

const returnById = precompiled((db, merchantId: string, id: string) =>
  db.selectFrom('returns').selectAll().where('merchantId', '=', merchantId).where('id', '=', id),
);
const itemsOfReturn = precompiled((db, merchantId: string, returnId: string) =>
  db.selectFrom('returnItems').selectAll().where('merchantId', '=', merchantId).where('returnId', '=', returnId).orderBy('position'),
);
const eventsOfReturn = precompiled((db, merchantId: string, returnId: string) =>
  db.selectFrom('returnEvents').selectAll().where('merchantId', '=', merchantId).where('returnId', '=', returnId).orderBy('seq'),
);

export async function getReturnRow(db: Executor, merchantId: string, id: string): Promise<ReturnRecord | undefined> {
  const [row] = await returnById(db, merchantId, id);
  return row;
}

export async function getReturn(db: Executor, merchantId: string, id: string): Promise<ReturnAggregate | null> {
  const ret = await getReturnRow(db, merchantId, id);
  if (!ret) return null;
  const [items, events] = await Promise.all([itemsOfReturn(db, merchantId, id), eventsOfReturn(db, merchantId, id)]);
  return { ret, items, events: events.map((e) => ({ ...e, data: fromJson(e.data) })) };
}

const returnsOfOrderIds = precompiled((db, merchantId: string, orderId: string) =>
  db.selectFrom('returns').select(['id', 'status']).where('merchantId', '=', merchantId).where('orderId', '=', orderId),
);

/** Quantities of earlier returns of an order, for the returnable-quantity rule. */
export async function priorReturnsForOrder(
  db: Executor,
  merchantId: string,
  orderId: string,
): Promise<{ status: string; items: { orderItemId: string; quantity: number }[] }[]> {
  // Two index lookups (returns by order, then their items) rather than a join, which the SQLite
  // planner may drive from return_items and so read every item of the merchant.
  const returns = await returnsOfOrderIds(db, merchantId, orderId);
  if (returns.length === 0) return [];
  const items = await db
    .selectFrom('returnItems')
    .select(['returnId', 'orderItemId', 'quantity'])
    .where('merchantId', '=', merchantId)
    .where(
      'returnId',
      'in',
      returns.map((r) => r.id),
    )
    .execute();
  return returns.map((r) => ({
    status: r.status,
    items: items.filter((i) => i.returnId === r.id).map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
  }));
}

/** Applies `fields` if the return is still at `version`; false means someone else changed it first. */
export async function updateReturn(
  db: Executor,
  merchantId: string,
  id: string,
  version: number,
  fields: Partial<Omit<ReturnRecord, 'merchantId' | 'id' | 'version'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('returns')
    .set({ ...fields, version: version + 1 })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Appends events in order. An event with a dedupe key that is already on the return is skipped;
 * the result says which were stored.
 */
/**
 * The first timeline entries of a return created in the same transaction: numbered 1, 2, … in one
 * statement (nothing can precede them, and their dedupe keys are distinct).
 */
export async function insertFirstEvents(db: Executor, events: NewReturnEvent[]): Promise<void> {
  await insertEvents(
    db,
    events.map((event, i) => ({ ...event, seq: i + 1, data: event.data ? toJson(event.data) : null })),
  );
}

const lastSeqOf = precompiled((db, merchantId: string, returnId: string) =>
  db
    .selectFrom('returnEvents')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('merchantId', '=', merchantId)
    .where('returnId', '=', returnId),
);

export async function appendEvents(db: Executor, events: NewReturnEvent[]): Promise<boolean[]> {
  const stored: boolean[] = [];
  for (const event of events) {
    const [last] = await lastSeqOf(db, event.merchantId, event.returnId);
    const seq = Number(last?.seq ?? 0) + 1;
    const r = await db
      .insertInto('returnEvents')
      .values({ ...event, seq, data: event.data ? toJson(event.data) : null })
      .onConflict((oc) => oc.columns(['merchantId', 'returnId', 'dedupeKey']).doNothing())
      .executeTakeFirst();
    stored.push(Number(r.numInsertedOrUpdatedRows ?? 0) > 0);
  }
  return stored;
}

export async function hasEvent(db: Executor, merchantId: string, returnId: string, dedupeKey: string): Promise<boolean> {
  const row = await db
    .selectFrom('returnEvents')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('returnId', '=', returnId)
    .where('dedupeKey', '=', dedupeKey)
    .executeTakeFirst();
  return row !== undefined;
}

export type ReturnFilters = {
  limit: number;
  before?: { createdAt: string; id: string };
  statuses?: string[];
  portalId?: string;
  createdFrom?: string;
  createdTo?: string;
  /** Exact match on any of: reference, normalised order number, email, tracking number. */
  search?: { reference: string; orderNumberNorm: string; emailNorm: string; trackingNorm: string };
};

export async function listReturns(db: Executor, merchantId: string, f: ReturnFilters): Promise<ReturnRecord[]> {
  let q = db.selectFrom('returns').selectAll().where('merchantId', '=', merchantId);
  if (f.statuses && f.statuses.length > 0) q = q.where('status', 'in', f.statuses);
  if (f.portalId) q = q.where('portalId', '=', f.portalId);
  if (f.createdFrom) q = q.where('createdAt', '>=', f.createdFrom);
  if (f.createdTo) q = q.where('createdAt', '<', f.createdTo);
  if (f.search) {
    const s = f.search;
    q = q.where((eb) =>
      eb.or([
        eb('reference', '=', s.reference),
        eb('orderNumberNorm', '=', s.orderNumberNorm),
        eb('contactEmailNorm', '=', s.emailNorm),
        eb('trackingNorm', '=', s.trackingNorm),
      ]),
    );
  }
  if (f.before) {
    const { createdAt, id } = f.before;
    q = q.where((eb) => eb.or([eb('createdAt', '<', createdAt), eb.and([eb('createdAt', '=', createdAt), eb('id', '<', id)])]));
  }
  return q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export async function itemsOfReturns(db: Executor, merchantId: string, returnIds: string[]): Promise<ReturnItemRecord[]> {
  if (returnIds.length === 0) return [];
  return db
    .selectFrom('returnItems')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('returnId', 'in', returnIds)
    .orderBy('position')
    .execute();
}

export async function returnsOfOrder(db: Executor, merchantId: string, orderId: string): Promise<ReturnRecord[]> {
  return db
    .selectFrom('returns')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('orderId', '=', orderId)
    .orderBy('createdAt')
    .execute();
}

// ── Back-office overview: more filters, both sort directions, counts per status, export ──

export type ReturnSearch = {
  statuses?: string[];
  portalId?: string;
  createdFrom?: string;
  createdTo?: string;
  search?: { reference: string; orderNumberNorm: string; emailNorm: string; trackingNorm: string };
  reason?: string;
  method?: string;
  carrier?: string;
  /** The shopper's country: the order's shipping country. */
  country?: string;
  resolution?: string;
  /** Returns with this timeline entry: `exchange_created` (replacement order made) or `store_credit`. */
  keptBy?: 'exchange_created' | 'store_credit';
  /** Returns with (true) or without (false) shopper photos. */
  hasPhotos?: boolean;
};

function searchConditions(eb: ExpressionBuilder<Database, 'returns'>, merchantId: string, f: ReturnSearch): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [eb('returns.merchantId', '=', merchantId)];
  if (f.statuses && f.statuses.length > 0) all.push(eb('returns.status', 'in', f.statuses));
  if (f.portalId) all.push(eb('returns.portalId', '=', f.portalId));
  if (f.createdFrom) all.push(eb('returns.createdAt', '>=', f.createdFrom));
  if (f.createdTo) all.push(eb('returns.createdAt', '<', f.createdTo));
  if (f.method) all.push(eb('returns.method', '=', f.method));
  if (f.carrier) all.push(eb('returns.carrier', '=', f.carrier));
  if (f.resolution) all.push(eb('returns.resolution', '=', f.resolution));
  if (f.keptBy) {
    const type = f.keptBy;
    all.push(
      eb.exists(
        eb
          .selectFrom('returnEvents as kept')
          .select('kept.id')
          .whereRef('kept.merchantId', '=', 'returns.merchantId')
          .whereRef('kept.returnId', '=', 'returns.id')
          .where('kept.type', '=', type),
      ),
    );
  }
  if (f.hasPhotos !== undefined) {
    const photos = eb.exists(
      eb
        .selectFrom('returnPhotos as photo')
        .select('photo.id')
        .whereRef('photo.merchantId', '=', 'returns.merchantId')
        .whereRef('photo.returnId', '=', 'returns.id'),
    );
    all.push(f.hasPhotos ? photos : eb.not(photos));
  }
  if (f.search) {
    const s = f.search;
    all.push(
      eb.or([
        eb('returns.reference', '=', s.reference),
        eb('returns.orderNumberNorm', '=', s.orderNumberNorm),
        eb('returns.contactEmailNorm', '=', s.emailNorm),
        eb('returns.trackingNorm', '=', s.trackingNorm),
      ]),
    );
  }
  if (f.reason) {
    const reason = f.reason;
    all.push(
      eb.exists(
        eb
          .selectFrom('returnItems as ri')
          .select('ri.id')
          .whereRef('ri.merchantId', '=', 'returns.merchantId')
          .whereRef('ri.returnId', '=', 'returns.id')
          .where('ri.reason', '=', reason),
      ),
    );
  }
  if (f.country) {
    const country = f.country;
    all.push(
      eb.exists(
        eb
          .selectFrom('orders as o')
          .select('o.id')
          .whereRef('o.merchantId', '=', 'returns.merchantId')
          .whereRef('o.id', '=', 'returns.orderId')
          .where('o.shipCountry', '=', country),
      ),
    );
  }
  return eb.and(all);
}

type MatchingReturns = SelectQueryBuilder<Database, 'returns', object>;

/**
 * The merchant's returns that match `f`, as table `returns`. A search matches a handful of
 * returns, each of its four terms through its own index. Written as one OR, or asked for in
 * created_at order or grouped by status, it lets a planner without statistics rather walk some
 * (merchant_id, …) index over all of the merchant's returns. So each term is its own select (two
 * equality columns: its index is the obvious choice) that leaves out what an earlier one found,
 * joined by UNION ALL (a UNION would sort every branch by all columns and so pull it to another
 * index) and materialised; only that handful is then ordered, counted or joined (SQLite ≥ 3.35,
 * PostgreSQL ≥ 12).
 */
function matching(db: Executor, merchantId: string, f: ReturnSearch): MatchingReturns {
  const s = f.search;
  if (!s) return db.selectFrom('returns').where((eb) => searchConditions(eb, merchantId, f));
  const rest = { ...f, search: undefined };
  const branch = (qc: QueryCreator<Database>, match: (eb: ExpressionBuilder<Database, 'returns'>) => Expression<SqlBool>[]) =>
    qc
      .selectFrom('returns')
      .selectAll()
      .where((eb) => eb.and([searchConditions(eb, merchantId, rest), ...match(eb)]));
  const found = db.with(
    (w) => w('found').materialized(),
    (qc) =>
      branch(qc, (eb) => [eb('returns.reference', '=', s.reference)])
        .unionAll(branch(qc, (eb) => [eb('returns.orderNumberNorm', '=', s.orderNumberNorm), eb('returns.reference', '<>', s.reference)]))
        .unionAll(
          branch(qc, (eb) => [
            eb('returns.contactEmailNorm', '=', s.emailNorm),
            eb('returns.reference', '<>', s.reference),
            eb('returns.orderNumberNorm', '<>', s.orderNumberNorm),
          ]),
        )
        .unionAll(
          branch(qc, (eb) => [
            eb('returns.trackingNorm', '=', s.trackingNorm),
            eb('returns.reference', '<>', s.reference),
            eb('returns.orderNumberNorm', '<>', s.orderNumberNorm),
            eb('returns.contactEmailNorm', '<>', s.emailNorm),
          ]),
        ),
  );
  // The CTE has the columns of `returns`; under that alias the callers' SQL is the same.
  return found.selectFrom('found as returns') as unknown as MatchingReturns;
}

/** One page of returns in createdAt order (`asc` or `desc`, ties by id), after the cursor. */
export async function searchReturns(
  db: Executor,
  merchantId: string,
  f: ReturnSearch,
  page: { limit: number; direction: 'asc' | 'desc'; after?: { createdAt: string; id: string } },
): Promise<ReturnRecord[]> {
  const cmp = page.direction === 'asc' ? '>' : '<';
  let q = matching(db, merchantId, f).selectAll('returns');
  if (page.after) {
    const { createdAt, id } = page.after;
    q = q.where((eb) =>
      eb.or([eb('returns.createdAt', cmp, createdAt), eb.and([eb('returns.createdAt', '=', createdAt), eb('returns.id', cmp, id)])]),
    );
  }
  return q.orderBy('returns.createdAt', page.direction).orderBy('returns.id', page.direction).limit(page.limit).execute();
}

/** How many returns match, per status (one grouped query). */
export async function countReturnsByStatus(db: Executor, merchantId: string, f: ReturnSearch): Promise<Map<string, number>> {
  const rows = await matching(db, merchantId, f)
    .select((eb) => ['returns.status', eb.fn.countAll<number | string>().as('n')])
    .groupBy('returns.status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

export type ReturnExportRow = ReturnRecord & { orderNumber: string; shipCountry: string; customerName: string };

/** One page of returns with their order's number, shopper name and country, for a CSV export
 *  (createdAt order, ties by id, after the cursor: the export walks every page in turn). */
export async function exportReturns(
  db: Executor,
  merchantId: string,
  f: ReturnSearch,
  page: { limit: number; direction: 'asc' | 'desc'; after?: { createdAt: string; id: string } },
): Promise<ReturnExportRow[]> {
  const cmp = page.direction === 'asc' ? '>' : '<';
  let q = matching(db, merchantId, f)
    .innerJoin('orders', (j) => j.onRef('orders.merchantId', '=', 'returns.merchantId').onRef('orders.id', '=', 'returns.orderId'))
    .selectAll('returns')
    .select(['orders.orderNumber', 'orders.shipCountry', 'orders.customerName']);
  if (page.after) {
    const { createdAt, id } = page.after;
    q = q.where((eb) =>
      eb.or([eb('returns.createdAt', cmp, createdAt), eb.and([eb('returns.createdAt', '=', createdAt), eb('returns.id', cmp, id)])]),
    );
  }
  return q.orderBy('returns.createdAt', page.direction).orderBy('returns.id', page.direction).limit(page.limit).execute();
}
