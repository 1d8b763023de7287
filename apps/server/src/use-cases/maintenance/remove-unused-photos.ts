// Photos uploaded in the portal but never put on a return are removed 48 hours after upload
// (domain/photos.ts UNUSED_PHOTO_TTL_MS), row and object, by an hourly maintenance job.
import { deleteUnattachedPhotos, findUnattachedBefore } from '@retour/db/repos/photos';
import { newId } from '@retour/db/ids';
import { enqueue } from '@retour/db/repos/outbox';
import { unusedPhotoCutoff } from '@retour/domain/photos';
import type { Ctx } from '../../context.ts';
import { UNUSED_PHOTOS_TOPIC, SYSTEM_MERCHANT_ID } from '../shared/system-jobs.ts';

const BATCH = 200;

export async function removeUnusedPhotos(ctx: Ctx): Promise<{ photos: number }> {
  const storage = ctx.storage;
  if (!storage) return { photos: 0 };
  const cutoff = unusedPhotoCutoff(ctx.now()).toISOString();
  let photos = 0;
  for (;;) {
    const found = await findUnattachedBefore(ctx.db, cutoff, BATCH);
    // The row goes first (an upload attached meanwhile stays), then its object: a crash in
    // between leaves an object no row points to, never a row without its image.
    const byMerchant = new Map<string, string[]>();
    for (const p of found) byMerchant.set(p.merchantId, [...(byMerchant.get(p.merchantId) ?? []), p.id]);
    for (const [merchantId, ids] of byMerchant) {
      const removed = await deleteUnattachedPhotos(ctx.db, merchantId, ids);
      for (const row of removed) await storage.delete(row.storageKey, ctx.signal);
      photos += removed.length;
    }
    if (found.length < BATCH) break;
  }
  return { photos };
}

/** Queues this hour's sweep (one per UTC hour whichever worker gets there first); returns the hour. */
export async function scheduleUnusedPhotoSweep(ctx: Ctx): Promise<string> {
  const hour = ctx.now().toISOString().slice(0, 13);
  await enqueue(ctx.db, {
    merchantId: SYSTEM_MERCHANT_ID,
    id: newId('job'),
    topic: UNUSED_PHOTOS_TOPIC,
    payload: { hour },
    dedupeKey: `${UNUSED_PHOTOS_TOPIC}:${hour}`,
    at: ctx.now().toISOString(),
  });
  return hour;
}
