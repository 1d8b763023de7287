// Queries for carrier tracking: finding a merchant's return by its tracking number (webhooks) and
// walking the returns a polled carrier must be asked about (in pages, by id).
import type { Executor } from '../database.ts';

export async function merchantExists(db: Executor, merchantId: string): Promise<boolean> {
  const row = await db.selectFrom('merchants').select('id').where('id', '=', merchantId).executeTakeFirst();
  return row !== undefined;
}

/** Merchant ids after `afterId`, in id order (for jobs that visit every merchant in pages). */
export async function listMerchantIds(db: Executor, opts: { afterId?: string | undefined; limit: number }): Promise<string[]> {
  let q = db.selectFrom('merchants').select('id');
  if (opts.afterId !== undefined) q = q.where('id', '>', opts.afterId);
  const rows = await q.orderBy('id').limit(opts.limit).execute();
  return rows.map((r) => r.id);
}

/**
 * The merchant's return with this normalised tracking number (the newest, should there be
 * several); with `carrier`, only a return booked with that carrier.
 */
export async function findReturnIdByTracking(
  db: Executor,
  merchantId: string,
  trackingNorm: string,
  carrier?: string,
): Promise<string | undefined> {
  let q = db.selectFrom('returns').select('id').where('merchantId', '=', merchantId).where('trackingNorm', '=', trackingNorm);
  if (carrier !== undefined) q = q.where('carrier', '=', carrier);
  const row = await q.orderBy('createdAt', 'desc').orderBy('id', 'desc').executeTakeFirst();
  return row?.id;
}

export type PollableReturn = { id: string; carrier: string; trackingNumber: string; createdAt: string; bookedAt: string | null };

const POLLED_STATUSES = ['open', 'in_transit'];

function pollable(db: Executor, merchantId: string, carriers: readonly string[]) {
  return db
    .selectFrom('returns')
    .where('merchantId', '=', merchantId)
    .where('status', 'in', POLLED_STATUSES)
    .where('carrier', 'in', [...carriers])
    .where('trackingNumber', 'is not', null);
}

/** Whether the merchant has a return on its way with one of these carriers. */
export async function hasReturnsToPoll(db: Executor, merchantId: string, carriers: readonly string[]): Promise<boolean> {
  if (carriers.length === 0) return false;
  const row = await pollable(db, merchantId, carriers).select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * One page of the merchant's returns that are open or in transit with one of these carriers and
 * have a tracking number, by id, with the time each was booked with the carrier.
 */
export async function returnsToPoll(
  db: Executor,
  merchantId: string,
  carriers: readonly string[],
  opts: { afterId?: string | undefined; limit: number },
): Promise<PollableReturn[]> {
  if (carriers.length === 0) return [];
  let q = pollable(db, merchantId, carriers).select(['id', 'carrier', 'trackingNumber', 'createdAt', 'bookedAt']);
  if (opts.afterId !== undefined) q = q.where('id', '>', opts.afterId);
  const rows = await q.orderBy('id').limit(opts.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    carrier: r.carrier as string,
    trackingNumber: r.trackingNumber as string,
    createdAt: r.createdAt,
    bookedAt: r.bookedAt,
  }));
}
