// Tracking of the built-in local carriers: their event codes, and the deterministic courier that
// `sandbox_courier` simulates for polling (events follow from the booking time alone, so polling
// any number of times, from any process, reports the same events).
import type { CarrierTrackingEvent, PolledShipment, TrackingStatus } from './port.ts';

/** Event codes of both sandbox carriers and the status each moves a return to. */
export const SANDBOX_TRACKING_CODES: Readonly<Record<string, TrackingStatus | null>> = {
  ANNOUNCED: null,
  ACCEPTED: 'in_transit',
  PICKED_UP: 'in_transit',
  IN_TRANSIT: 'in_transit',
  AT_SORTING_CENTER: 'in_transit',
  OUT_FOR_DELIVERY: 'in_transit',
  DELIVERED: 'delivered',
  EXCEPTION: null,
  RETURNED_TO_SENDER: null,
};

const HOUR = 3_600_000;

/** What the simulated courier does after a booking, in order. */
export const COURIER_SCHEDULE: readonly { afterMs: number; code: string; message: string }[] = [
  { afterMs: 2 * HOUR, code: 'PICKED_UP', message: 'Picked up by the courier' },
  { afterMs: 6 * HOUR, code: 'IN_TRANSIT', message: 'In transit to the return address' },
  { afterMs: 26 * HOUR, code: 'DELIVERED', message: 'Delivered to the return address' },
];

/** The events of each shipment that have happened by `now`, oldest first. */
export function simulateCourierEvents(shipments: readonly PolledShipment[], now: Date): CarrierTrackingEvent[] {
  const events: CarrierTrackingEvent[] = [];
  for (const shipment of shipments) {
    for (const step of COURIER_SCHEDULE) {
      const at = shipment.bookedAt.getTime() + step.afterMs;
      if (at > now.getTime()) break;
      events.push({ trackingNumber: shipment.trackingNumber, code: step.code, at: new Date(at).toISOString(), message: step.message });
    }
  }
  return events;
}
