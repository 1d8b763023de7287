// Provider event ids already processed. Record the id in the same transaction as the change it
// causes: a duplicate delivery then finds it and is dropped, and a failed one can be retried.
import type { Executor } from '../database.ts';

/** True when the event is new (and now recorded); false when it was processed before. */
export async function recordInboundEvent(
  db: Executor,
  event: { merchantId: string; source: string; eventId: string; topic: string; at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('inboundEvents')
    .values({ merchantId: event.merchantId, source: event.source, eventId: event.eventId, topic: event.topic, receivedAt: event.at })
    .onConflict((oc) => oc.columns(['merchantId', 'source', 'eventId']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
