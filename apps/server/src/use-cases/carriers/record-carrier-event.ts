// Records one event in a carrier's own words (from a webhook or a poll) on a return: the carrier's
// code table decides the status it moves the return to; an unknown code is kept and moves nothing.
import type { CarrierInfo, CarrierTrackingEvent, TrackingStatus } from '@retour/integrations/carriers/port';
import { trackingStatusFor } from '@retour/integrations/carriers/port';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { recordTrackingEvent } from './record-tracking-event.ts';

const ATTEMPTS = 3;

/** True when the event is new; false when it was recorded before. */
export async function recordCarrierEvent(
  ctx: Ctx,
  merchantId: string,
  returnId: string,
  carrier: CarrierInfo,
  event: CarrierTrackingEvent,
): Promise<boolean> {
  return recordMappedEvent(ctx, merchantId, returnId, carrier.code, event, trackingStatusFor(carrier, event.code));
}

/** Records an event whose status the carrier's adapter already mapped (null: kept, moves nothing). */
export async function recordMappedEvent(
  ctx: Ctx,
  merchantId: string,
  returnId: string,
  carrierCode: string,
  event: CarrierTrackingEvent,
  status: TrackingStatus | null,
): Promise<boolean> {
  const input = {
    at: event.at,
    ...(status ? { status } : {}),
    carrierCode: event.code,
    ...(event.message ? { message: event.message } : {}),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordTrackingEvent(ctx, merchantId, returnId, `carrier:${carrierCode}`, input);
    } catch (error) {
      // Someone changed the return at the same moment (a staff note, another event): try again on
      // the new version; the dedupe key makes a repeat harmless.
      if (!(error instanceof AppError && error.code === 'conflict') || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Events in event-time order (stable), so a batch moves a return the way the parcel moved. */
export function byEventTime<T extends { at: string }>(events: readonly T[]): T[] {
  return events
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(({ e }) => e);
}
