// UPS tracking by polling (UPS-API/api-documentation, Tracking.yaml):
// GET /track/v1/details/{inquiryNumber} (headers transId and transactionSrc are required) →
// trackResponse.shipment[].package[].activity[] (most recent first) with status { type, code,
// description, statusCode } and date/time (YYYYMMDD, HHMMSS) plus gmtDate/gmtTime; 404 = "Tracking
// number information not found" (a label UPS has not seen yet). deliveryDate[] type DEL = delivered.
// Status types (UPSTrackAlert.yaml, activityStatus.type): M = manifest, MV = manifest void,
// I = on the way, U = updated delivery date or time, X = package exception, D = delivery (its FAQ:
// "loaded on delivery vehicle, out for delivery, delivered"). P (pickup scan) is the Track API's.
// The three-digit status code (Tracking.yaml `statusCode`, Track Alert `descriptionCode`) tells a
// delivery apart: its examples give 011 = Delivered (type D, code FS) and 021 = Out for Delivery.
// Each event keeps UPS's own words as its code: `<type>:<code>`.
import type { TrackedEvent } from '../adapter.ts';
import type { TrackingStatus } from '../port.ts';
import type { UpsClient } from './client.ts';

/** What each UPS activity status type moves a return to (null: kept on the timeline only). */
export const UPS_STATUS_TYPES: Readonly<Record<string, TrackingStatus | null>> = {
  M: null,
  MV: null,
  P: 'in_transit',
  I: 'in_transit',
  X: null,
  U: null,
  // Out for delivery can be type D too: only the delivery itself (see upsStatus) is `delivered`.
  D: 'in_transit',
};

type Status = { type?: string; code?: string; description?: string; statusCode?: string };
type Activity = { date?: string; time?: string; gmtDate?: string; gmtTime?: string; status?: Status };
type TrackPackage = { trackingNumber?: string; activity?: Activity[]; deliveryDate?: { type?: string; date?: string }[] };
type TrackAnswer = { trackResponse?: { shipment?: { package?: TrackPackage[] }[] } };

export const UPS_DELIVERED_STATUS_CODE = '011';

/**
 * The status a UPS activity moves a return to. A D activity is `delivered` when its status code is
 * 011; without a status code, when it is the newest D activity of a package UPS reports delivered (DEL).
 */
export function upsStatus(type: string, statusCode: string | undefined, newestOfDeliveredPackage: boolean): TrackingStatus | null {
  if (!Object.hasOwn(UPS_STATUS_TYPES, type)) return null;
  if (type === 'D' && (statusCode ? statusCode === UPS_DELIVERED_STATUS_CODE : newestOfDeliveredPackage)) return 'delivered';
  return UPS_STATUS_TYPES[type] ?? null;
}

function instant(activity: Activity): string | null {
  const date = activity.gmtDate ?? activity.date;
  const time = (activity.gmtDate ? activity.gmtTime : activity.time) ?? '000000';
  if (!date || !/^\d{8}$/.test(date) || !/^\d{1,6}$/.test(time)) return null;
  const t = time.padStart(6, '0');
  // gmtDate/gmtTime are UTC; without them the local date/time is the best there is.
  const iso = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : new Date(iso).toISOString();
}

export function eventsOf(answer: TrackAnswer, fallbackTrackingNumber: string): TrackedEvent[] {
  const events: TrackedEvent[] = [];
  for (const shipment of answer.trackResponse?.shipment ?? []) {
    for (const pkg of shipment.package ?? []) {
      const trackingNumber = pkg.trackingNumber ?? fallbackTrackingNumber;
      const delivered = (pkg.deliveryDate ?? []).some((d) => d.type === 'DEL');
      const activities = pkg.activity ?? [];
      const newestD = activities.findIndex((a) => a.status?.type === 'D');
      // UPS lists the most recent activity first; we hand them on oldest first.
      for (let index = activities.length - 1; index >= 0; index--) {
        const activity = activities[index] as Activity;
        const at = instant(activity);
        const type = activity.status?.type?.trim() ?? '';
        if (!at || type === '') continue;
        const code = activity.status?.code?.trim();
        events.push({
          trackingNumber,
          code: code ? `${type}:${code}` : type,
          at,
          ...(activity.status?.description ? { message: activity.status.description } : {}),
          status: upsStatus(type, activity.status?.statusCode?.trim() || undefined, delivered && index === newestD),
        });
      }
    }
  }
  return events;
}

export async function trackOne(client: UpsClient, trackingNumber: string): Promise<TrackedEvent[]> {
  const { status, body } = await client.call<TrackAnswer>(
    {
      method: 'GET',
      path: `/api/track/v1/details/${encodeURIComponent(trackingNumber)}`,
      query: { locale: 'en_US', returnSignature: 'false' },
      what: `tracking ${trackingNumber}`,
    },
    [404],
  );
  return status === 404 ? [] : eventsOf(body, trackingNumber);
}
