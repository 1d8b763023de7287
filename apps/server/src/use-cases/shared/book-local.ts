// A return on one of this installation's built-in carriers (ctx.carriers: they run in process and
// answer at once) is booked inside its creation's transaction: the tracking number, the booked
// event and the label email are written with the return, so creation costs one commit and no job
// claim (issue #12). What the `carrier.announce` job would have written is written here, the same
// way (jobs/announce-return.ts). A carrier that fails leaves the label pending and the booking job
// queued as if its first try had just failed (one attempt, the error, the first backoff), so the
// worker carries on exactly as before.
import { jobBackoffMs } from '@retour/domain/job-retries';
import { normaliseTrackingNumber } from '@retour/domain/normalise';
import { parcelWeightGrams } from '@retour/domain/parcel';
import { newId } from '@retour/db/ids';
import type { enqueueMany } from '@retour/db/repos/outbox';
import type { NewReturnEvent, ReturnRecord } from '@retour/db/repos/returns';
import { type Carrier, carrierPrice, type PartyAddress } from '@retour/integrations/carriers/port';
import { bookedEvent, labelEmailJob } from './carrier-booking.ts';

type Job = Parameters<typeof enqueueMany>[1][number];

export type LocalBookingInput = {
  merchantId: string;
  returnId: string;
  reference: string;
  method: string;
  from: PartyAddress;
  to: PartyAddress | null;
  lines: { weightGrams: number | null; quantity: number }[];
  servicePointId: string | null;
  pickupDate: string | null;
  recipient: { contactEmail: string; language: string };
  now: Date;
};

export type LocalBooking = { fields: Partial<ReturnRecord>; events: NewReturnEvent[]; jobs: Job[] };

export async function bookLocally(carrier: Carrier, input: LocalBookingInput): Promise<LocalBooking> {
  const at = input.now.toISOString();
  try {
    if (!input.to) throw new Error('the return has no order or no return address');
    const booking = await carrier.announce({
      reference: input.reference,
      method: input.method as never,
      from: input.from,
      to: input.to,
      weightGrams: parcelWeightGrams(input.lines),
      servicePointId: input.servicePointId,
      pickupDate: input.pickupDate,
    });
    return {
      fields: {
        trackingNumber: booking.trackingNumber,
        trackingNorm: normaliseTrackingNumber(booking.trackingNumber),
        labelStatus: 'ready',
        bookedAt: at,
        labelCost: carrierPrice(carrier.info, input.from.country),
        labelCostCurrency: carrier.info.priceCurrency,
      },
      events: [bookedEvent(input.merchantId, input.returnId, carrier.info, booking, at)],
      jobs: [labelEmailJob(input.merchantId, { id: input.returnId, ...input.recipient }, at)],
    };
  } catch (error) {
    return {
      fields: {},
      events: [],
      jobs: [
        {
          merchantId: input.merchantId,
          id: newId('job'),
          topic: 'carrier.announce',
          payload: { returnId: input.returnId },
          dedupeKey: `announce:${input.returnId}`,
          at,
          tried: {
            attempts: 1,
            lastError: error instanceof Error ? error.message : String(error),
            availableAt: new Date(input.now.getTime() + jobBackoffMs(1)).toISOString(),
          },
        },
      ],
    };
  }
}
