// Personal-data retention (domain/retention.ts): once a day, for every merchant, the orders past
// the longest return window + 365 days whose returns are all finished lose their personal data,
// and so do their returns. Amounts, references and statuses stay for accounting. Settled webhook
// deliveries (which carry a copy of the return) leave the log after 30 days. The shoppers' photos
// of those orders go whole (rows and stored images).
import {
  ANONYMISED_EMAIL,
  ANONYMISED_NAME,
  anonymisedAddress,
  FINISHED_STATUSES,
  longestWindow,
  retentionCutoff,
  webhookLogCutoff,
} from '@retour/domain/retention';
import { anonymiseOrders, deleteOldWebhookDeliveries, findExpiredOrders, merchantWindows } from '@retour/db/repos/retention';
import { newId } from '@retour/db/ids';
import { enqueue } from '@retour/db/repos/outbox';
import { deletePhotosOfOrders } from '@retour/db/repos/photos';
import type { Ctx } from '../../context.ts';
import { RETENTION_TOPIC, SYSTEM_MERCHANT_ID } from '../shared/system-jobs.ts';

const BATCH = 500;

export async function anonymiseExpiredData(ctx: Ctx): Promise<{ orders: number; webhookDeliveries: number; photos: number }> {
  const now = ctx.now();
  const at = now.toISOString();
  let orders = 0;
  let webhookDeliveries = 0;
  let photos = 0;
  const logCutoff = webhookLogCutoff(now).toISOString();
  for (const [merchantId, windows] of await merchantWindows(ctx.db)) {
    webhookDeliveries += await deleteOldWebhookDeliveries(ctx.db, merchantId, logCutoff);
    const cutoff = retentionCutoff(now, longestWindow(windows)).toISOString();
    for (;;) {
      // Found and changed in one transaction, so the set is what the transaction saw.
      const done = await ctx.db.transaction().execute(async (tx) => {
        const ids = await findExpiredOrders(tx, merchantId, cutoff, FINISHED_STATUSES, BATCH);
        // Images are deleted before the commit: a failure rolls the batch back and the next sweep
        // tries again, so no photo outlives its order's personal data (deleting twice is fine).
        const removed = await deletePhotosOfOrders(tx, merchantId, ids);
        for (const photo of removed) await ctx.storage?.delete(photo.storageKey, ctx.signal);
        photos += removed.length;
        return anonymiseOrders(tx, merchantId, ids, { name: ANONYMISED_NAME, email: ANONYMISED_EMAIL, address: anonymisedAddress, at });
      });
      orders += done;
      if (done < BATCH) break;
    }
  }
  return { orders, webhookDeliveries, photos };
}

/** Queues today's sweep (one per UTC day whichever worker gets there first); returns the day. */
export async function scheduleRetentionSweep(ctx: Ctx): Promise<string> {
  const day = ctx.now().toISOString().slice(0, 10);
  await enqueue(ctx.db, {
    merchantId: SYSTEM_MERCHANT_ID,
    id: newId('job'),
    topic: RETENTION_TOPIC,
    payload: { day },
    dedupeKey: `${RETENTION_TOPIC}:${day}`,
    at: ctx.now().toISOString(),
  });
  return day;
}
