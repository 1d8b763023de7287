// Personal-data retention (domain/retention.ts): once a day, for every merchant, the orders past
// the longest return window + 365 days whose returns are all finished lose their personal data,
// and so do their returns. Amounts, references and statuses stay for accounting. Settled webhook
// deliveries (which carry a copy of the return) leave the log after 30 days.
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
import type { Ctx } from '../../context.ts';
import { RETENTION_TOPIC, SYSTEM_MERCHANT_ID } from '../shared/system-jobs.ts';

const BATCH = 500;

export async function anonymiseExpiredData(ctx: Ctx): Promise<{ orders: number; webhookDeliveries: number }> {
  const now = ctx.now();
  const at = now.toISOString();
  let orders = 0;
  let webhookDeliveries = 0;
  const logCutoff = webhookLogCutoff(now).toISOString();
  for (const [merchantId, windows] of await merchantWindows(ctx.db)) {
    webhookDeliveries += await deleteOldWebhookDeliveries(ctx.db, merchantId, logCutoff);
    const cutoff = retentionCutoff(now, longestWindow(windows)).toISOString();
    for (;;) {
      // Found and changed in one transaction, so the set is what the transaction saw.
      const done = await ctx.db.transaction().execute(async (tx) => {
        const ids = await findExpiredOrders(tx, merchantId, cutoff, FINISHED_STATUSES, BATCH);
        return anonymiseOrders(tx, merchantId, ids, { name: ANONYMISED_NAME, email: ANONYMISED_EMAIL, address: anonymisedAddress, at });
      });
      orders += done;
      if (done < BATCH) break;
    }
  }
  return { orders, webhookDeliveries };
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
