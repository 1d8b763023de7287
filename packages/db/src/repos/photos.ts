// Shoppers' photos of returned items (migration 0018). The rows only: the images are in the
// object storage, and callers delete an object together with its row.
import type { Executor } from '../database.ts';
import type { ReturnPhotosTable } from '../schema-photos.ts';

export type PhotoRow = ReturnPhotosTable;

export async function insertPhoto(db: Executor, row: PhotoRow): Promise<void> {
  await db.insertInto('returnPhotos').values(row).execute();
}

/** The photos with these ids of one merchant (any that do not exist are simply absent). */
export async function findPhotos(db: Executor, merchantId: string, ids: readonly string[]): Promise<PhotoRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('returnPhotos').selectAll().where('merchantId', '=', merchantId).where('id', 'in', ids).execute();
}

/** How many photos not yet on a return were uploaded for this order since `since` (bounds what one lookup may store). */
export async function countUnattachedPhotos(db: Executor, merchantId: string, orderId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('returnPhotos')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('merchantId', '=', merchantId)
    .where('orderId', '=', orderId)
    .where('returnId', 'is', null)
    .where('createdAt', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Puts unattached photos on a new return (inside its creation's transaction). Returns how many
 * rows changed: fewer than asked means some photo was taken by another return meanwhile.
 */
export async function attachPhotos(
  db: Executor,
  merchantId: string,
  returnId: string,
  photos: readonly { id: string; returnItemId: string }[],
  at: string,
): Promise<number> {
  let changed = 0;
  for (const p of photos) {
    const result = await db
      .updateTable('returnPhotos')
      .set({ returnId, returnItemId: p.returnItemId, attachedAt: at })
      .where('merchantId', '=', merchantId)
      .where('id', '=', p.id)
      .where('returnId', 'is', null)
      .executeTakeFirst();
    changed += Number(result.numUpdatedRows);
  }
  return changed;
}

/** The photos of a return, oldest first. */
export async function listReturnPhotos(db: Executor, merchantId: string, returnId: string): Promise<PhotoRow[]> {
  return db
    .selectFrom('returnPhotos')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('returnId', '=', returnId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** Removes one photo not yet on a return, uploaded for this order; the row removed, if any. */
export async function deleteUnattachedPhoto(db: Executor, merchantId: string, orderId: string, id: string): Promise<PhotoRow | undefined> {
  return db
    .deleteFrom('returnPhotos')
    .where('merchantId', '=', merchantId)
    .where('orderId', '=', orderId)
    .where('id', '=', id)
    .where('returnId', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Up to `limit` uploads of any merchant made before `cutoff` and never put on a return (the 48-hour sweep). */
export async function findUnattachedBefore(db: Executor, cutoff: string, limit: number): Promise<PhotoRow[]> {
  return db
    .selectFrom('returnPhotos')
    .selectAll()
    .where('returnId', 'is', null)
    .where('createdAt', '<', cutoff)
    .orderBy('createdAt')
    .limit(limit)
    .execute();
}

/** Removes these rows, each only while still unattached (an upload attached meanwhile stays). */
export async function deleteUnattachedPhotos(db: Executor, merchantId: string, ids: readonly string[]): Promise<PhotoRow[]> {
  if (ids.length === 0) return [];
  return db
    .deleteFrom('returnPhotos')
    .where('merchantId', '=', merchantId)
    .where('id', 'in', ids)
    .where('returnId', 'is', null)
    .returningAll()
    .execute();
}

/** Removes every photo of these orders (attached or not): personal data at retention time. */
export async function deletePhotosOfOrders(db: Executor, merchantId: string, orderIds: readonly string[]): Promise<PhotoRow[]> {
  if (orderIds.length === 0) return [];
  return db.deleteFrom('returnPhotos').where('merchantId', '=', merchantId).where('orderId', 'in', orderIds).returningAll().execute();
}

/** Whether the order has this item (an upload names the item it shows). */
export async function orderHasItem(db: Executor, merchantId: string, orderId: string, orderItemId: string): Promise<boolean> {
  const row = await db
    .selectFrom('orderItems')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where('orderId', '=', orderId)
    .where('id', '=', orderItemId)
    .executeTakeFirst();
  return row !== undefined;
}

/** One photo of one return of this merchant. */
export async function getReturnPhoto(db: Executor, merchantId: string, returnId: string, photoId: string): Promise<PhotoRow | undefined> {
  return db
    .selectFrom('returnPhotos')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('returnId', '=', returnId)
    .where('id', '=', photoId)
    .executeTakeFirst();
}
