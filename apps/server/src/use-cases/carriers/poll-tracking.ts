// Job `tracking.poll`: asks carriers without webhooks about the returns on their way to them.
// The worker enqueues one job per 15-minute slot under the `_system` merchant (the outbox's
// dedupe key makes that once per slot, however many workers try); that job enqueues one job per
// merchant with returns to poll, and each merchant job polls its returns in pages, continuing in
// a new job when there are more, so every job stays well inside the job runner's time limit.
// Recording dedupes every event, so polling the same events again changes nothing.
import { normaliseTrackingNumber } from '@retour/domain/normalise';
import { newId } from '@retour/db/ids';
import { enqueue } from '@retour/db/repos/outbox';
import { hasReturnsToPoll, listMerchantIds, type PollableReturn, returnsToPoll } from '@retour/db/repos/tracking';
import type { Carrier } from '@retour/integrations/carriers/port';
import type { Ctx } from '../../context.ts';
import { byEventTime, recordCarrierEvent } from './record-carrier-event.ts';
import { SYSTEM_MERCHANT_ID } from '../shared/system-jobs.ts';
import { hasAccountReturnsToTrack } from '@retour/db/repos/carrier-accounts';
import { pollAccountReturns } from './track-account-returns.ts';

export { SYSTEM_MERCHANT_ID };

export const TRACKING_POLL_TOPIC = 'tracking.poll';
export const POLL_INTERVAL_MS = 15 * 60_000;
/** A slot this old is superseded by newer ones: its leftover (retried) jobs end without polling. */
const STALE_AFTER_MS = 60 * 60_000;
/** How much one job does before it leaves the rest to a continuation job (tests pass smaller ones). */
export type PollLimits = { merchantsPerJob: number; returnsPerPage: number; pagesPerJob: number };
const LIMITS: PollLimits = { merchantsPerJob: 500, returnsPerPage: 100, pagesPerJob: 5 };

/** The start of the 15-minute slot `now` falls in (ISO). */
export function pollSlotOf(now: Date): string {
  return new Date(Math.floor(now.getTime() / POLL_INTERVAL_MS) * POLL_INTERVAL_MS).toISOString();
}

function polledCarriers(ctx: Ctx): Carrier[] {
  return ctx.carriers.all().filter((c) => !c.info.webhooks && typeof c.poll === 'function');
}

async function enqueuePoll(ctx: Ctx, merchantId: string, payload: { slot: string; after?: string }): Promise<void> {
  await enqueue(ctx.db, {
    merchantId,
    id: newId('job'),
    topic: TRACKING_POLL_TOPIC,
    payload,
    dedupeKey: `${TRACKING_POLL_TOPIC}:${payload.slot}${payload.after ? `:${payload.after}` : ''}`,
    at: ctx.now().toISOString(),
  });
}

/**
 * Enqueues the poll of the current slot (a no-op when it is already queued or done). Returns the
 * slot, or null when no carrier is polled.
 */
export async function scheduleTrackingPoll(ctx: Ctx): Promise<string | null> {
  if (polledCarriers(ctx).length === 0) return null;
  const slot = pollSlotOf(ctx.now());
  await enqueuePoll(ctx, SYSTEM_MERCHANT_ID, { slot });
  return slot;
}

/** The handler of `tracking.poll` jobs: `_system` fans out to merchants; a merchant's job polls. */
export async function pollTracking(
  ctx: Ctx,
  merchantId: string,
  payload: Record<string, unknown>,
  limits: PollLimits = LIMITS,
): Promise<void> {
  const slot = typeof payload.slot === 'string' ? payload.slot : '';
  const slotStart = Date.parse(slot);
  if (Number.isNaN(slotStart) || ctx.now().getTime() - slotStart > STALE_AFTER_MS) return;
  const after = typeof payload.after === 'string' ? payload.after : undefined;
  const carriers = polledCarriers(ctx);
  if (carriers.length === 0) return;
  if (merchantId === SYSTEM_MERCHANT_ID) await fanOut(ctx, carriers, slot, after, limits);
  else await pollMerchant(ctx, merchantId, carriers, slot, after, limits);
}

async function fanOut(ctx: Ctx, carriers: Carrier[], slot: string, after: string | undefined, limits: PollLimits): Promise<void> {
  const codes = carriers.map((c) => c.info.code);
  const merchantIds = await listMerchantIds(ctx.db, { afterId: after, limit: limits.merchantsPerJob });
  for (const merchantId of merchantIds) {
    if ((await hasReturnsToPoll(ctx.db, merchantId, codes)) || (await hasAccountReturnsToTrack(ctx.db, merchantId)))
      await enqueuePoll(ctx, merchantId, { slot });
  }
  const last = merchantIds.at(-1);
  if (merchantIds.length === limits.merchantsPerJob && last) await enqueuePoll(ctx, SYSTEM_MERCHANT_ID, { slot, after: last });
}

async function pollMerchant(
  ctx: Ctx,
  merchantId: string,
  carriers: Carrier[],
  slot: string,
  after: string | undefined,
  limits: PollLimits,
): Promise<void> {
  // Returns on the merchant's carrier accounts: asked once per slot, by the merchant's first job.
  if (!after) await pollAccountReturns(ctx, merchantId);
  const byCode = new Map(carriers.map((c) => [c.info.code, c]));
  let cursor = after;
  for (let page = 0; page < limits.pagesPerJob; page++) {
    const returns = await returnsToPoll(ctx.db, merchantId, [...byCode.keys()], { afterId: cursor, limit: limits.returnsPerPage });
    for (const carrier of byCode.values()) await pollCarrier(ctx, merchantId, carrier, returns);
    cursor = returns.at(-1)?.id;
    if (returns.length < limits.returnsPerPage || !cursor) return;
  }
  await enqueuePoll(ctx, merchantId, { slot, after: cursor });
}

async function pollCarrier(ctx: Ctx, merchantId: string, carrier: Carrier, page: PollableReturn[]): Promise<void> {
  const returns = page.filter((r) => r.carrier === carrier.info.code);
  if (returns.length === 0 || !carrier.poll) return;
  const returnIdOf = new Map(returns.map((r) => [normaliseTrackingNumber(r.trackingNumber), r.id]));
  const events = await carrier.poll(
    returns.map((r) => ({ trackingNumber: r.trackingNumber, bookedAt: new Date(r.bookedAt ?? r.createdAt) })),
    ctx.now(),
  );
  for (const event of byEventTime(events)) {
    const returnId = returnIdOf.get(normaliseTrackingNumber(event.trackingNumber));
    // A carrier's answer about a shipment we did not ask for, or without a readable time, is dropped.
    if (!returnId || Number.isNaN(Date.parse(event.at))) continue;
    await recordCarrierEvent(ctx, merchantId, returnId, carrier.info, event);
  }
}
