// Sendcloud's tracking codes and what they move a return to.
//
// Two code spaces reach us, both kept as Sendcloud gives them:
// - the parcel status id (`parcel.status.id`, with its `message`) of `parcel_status_changed`
//   webhooks: ids and messages as listed by `GET /api/v2/parcels/statuses` (table in
//   /work/shared/reference/integrations.md §1.6, consistent across white-nl/commerce-sendcloud
//   `OrderSyncStatus.php` and other integrations);
// - the parent status of a Return's `status_history[]` (`GET /api/v3/returns/{id}`), normalised to
//   the v3 slugs of the `parent_parcel_status` filter in Sendcloud's v3 Returns OpenAPI
//   (api-evangelist/sendcloud openapi/_original/sendcloud-v3-returns-openapi.yml); a human label
//   such as "At sorting centre" becomes `at-sorting-centre`.
// For a return, `in_transit` means the carrier has the parcel; `delivered` means it reached the
// merchant (delivered, or collected by the merchant at a point). Codes that move nothing (announced,
// cancelled, exceptions) map to null; unknown codes also map to null and stay on the timeline.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CarrierError, type TrackedEvent, type WebhookInput } from '../adapter.ts';
import type { TrackingStatus } from '../port.ts';

/** `parcel.status.id` → our status. */
export const SENDCLOUD_STATUS_IDS: Readonly<Record<string, TrackingStatus | null>> = {
  '1': null, // Announced
  '3': 'in_transit', // En route to sorting center
  '4': 'in_transit', // Delivery delayed
  '5': 'in_transit', // Sorted
  '6': 'in_transit', // Not sorted
  '7': 'in_transit', // Being sorted
  '8': 'in_transit', // Delivery attempt failed
  '11': 'delivered', // Delivered
  '12': 'in_transit', // Awaiting customer pickup
  '13': null, // Announced: not collected
  '15': null, // Error collecting
  '22': 'in_transit', // Shipment picked up by driver
  '80': null, // Unable to deliver
  '91': 'in_transit', // Parcel en route
  '92': 'in_transit', // Driver en route
  '93': 'delivered', // Shipment collected by customer
  '94': null, // Parcel cancellation failed.
  '999': null, // No label
  '1000': null, // Ready to send
  '1001': null, // Being announced
  '1002': null, // Announcement failed
  '1337': null, // Unknown status - check carrier track & trace page for more insights
  '1998': null, // Cancelled upstream
  '1999': null, // Cancellation requested
  '2000': null, // Cancelled
  '2001': null, // Submitting cancellation request
  '62989': 'in_transit', // At Customs
  '62990': 'in_transit', // At sorting centre
  '62991': null, // Refused by recipient
  '62992': null, // Returned to sender
  '62993': null, // Delivery method changed
  '62994': null, // Delivery date changed
  '62995': null, // Delivery address changed
  '62996': null, // Exception
  '62997': null, // Address invalid
};

/** v3 parent status slug → our status (every value of the published `parent_parcel_status` enum). */
export const SENDCLOUD_PARENT_STATUSES: Readonly<Record<string, TrackingStatus | null>> = {
  'ready-to-send': null,
  announced: null,
  'to-sorting': 'in_transit',
  delayed: 'in_transit',
  sorted: 'in_transit',
  unsorted: 'in_transit',
  sorting: 'in_transit',
  'delivery-failed': 'in_transit',
  'delivery-forced': 'delivered',
  delivered: 'delivered',
  'awaiting-customer-pickup': 'in_transit',
  'announced-uncollected': null,
  'collect-error': null,
  unsorted2: 'in_transit',
  undeliverable: null,
  'shipment-on-route': 'in_transit',
  'driver-on-route': 'in_transit',
  'picked-up-by-driver': 'in_transit',
  'collected-by-customer': 'delivered',
  'no-label': null,
  announcing: null,
  'cancelling-upstream': null,
  cancelling: null,
  cancelled: null,
  'cancelled-upstream': null,
  unknown: null,
  'announcement-failed': null,
  'at-customs': 'in_transit',
  'at-sorting-centre': 'in_transit',
  'refused-by-recipient': null,
  'returned-to-sender': null,
  'delivery-method-changed': null,
  'delivery-date-changed': null,
  'delivery-address-changed': null,
  exception: null,
  'address-invalid': null,
};

/** Our status for a status id or parent-status slug; null for codes that move nothing and unknown ones. */
export function sendcloudTrackingStatus(code: string): TrackingStatus | null {
  if (Object.hasOwn(SENDCLOUD_STATUS_IDS, code)) return SENDCLOUD_STATUS_IDS[code] ?? null;
  if (Object.hasOwn(SENDCLOUD_PARENT_STATUSES, code)) return SENDCLOUD_PARENT_STATUSES[code] ?? null;
  return null;
}

/** "At sorting centre" / "at_sorting_centre" / "at-sorting-centre" → `at-sorting-centre`. */
export function parentStatusSlug(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export type SendcloudStatusHistory = {
  carrier_update_timestamp?: string | null;
  parcel_status_history_id?: string | null;
  parent_status?: string | null;
  carrier_code?: string | null;
  carrier_message?: string | null;
};

/** A Return's `status_history[]` as events, oldest first. */
export function historyEvents(trackingNumber: string, history: readonly SendcloudStatusHistory[]): TrackedEvent[] {
  const events: TrackedEvent[] = [];
  for (const row of history) {
    const label = row.parent_status ?? row.carrier_code ?? '';
    if (!label || !row.carrier_update_timestamp) continue;
    const at = new Date(row.carrier_update_timestamp);
    if (Number.isNaN(at.getTime())) continue;
    const code = parentStatusSlug(label);
    const message = [row.parent_status, row.carrier_message].filter((part) => part && part.trim() !== '').join(' — ');
    events.push({ trackingNumber, code, at: at.toISOString(), status: sendcloudTrackingStatus(code), ...(message ? { message } : {}) });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

function header(headers: WebhookInput['headers'], name: string): string | null {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  }
  return null;
}

/** `Sendcloud-Signature`: lowercase hex HMAC-SHA256 of the raw body, keyed with the secret key. */
export function sendcloudSignature(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * Verifies and reads a Sendcloud webhook (sendcloud-v2-webhooks-openapi.yml): a
 * `parcel_status_changed` gives one event; other actions (`return_created`, integration_*) give none.
 */
export function parseSendcloudWebhook(input: WebhookInput): TrackedEvent[] {
  const given = header(input.headers, 'sendcloud-signature')?.trim().toLowerCase() ?? '';
  const expected = sendcloudSignature(input.rawBody, input.secret);
  const ok = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!ok) {
    throw new CarrierError(
      'carrier_auth_failed',
      'The Sendcloud-Signature header does not match this account: check that the secret key of the connected Sendcloud account is the one of the integration sending webhooks.',
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(input.rawBody.toString('utf8'));
  } catch {
    throw new CarrierError('carrier_rejected', 'The Sendcloud webhook body is not JSON.');
  }
  const payload = (body ?? {}) as {
    action?: unknown;
    timestamp?: unknown;
    carrier_status_change_timestamp?: unknown;
    parcel?: { tracking_number?: unknown; status?: { id?: unknown; message?: unknown } };
  };
  if (payload.action !== 'parcel_status_changed') return [];
  const parcel = payload.parcel;
  const id = parcel?.status?.id;
  if (typeof parcel?.tracking_number !== 'string' || parcel.tracking_number === '' || (typeof id !== 'number' && typeof id !== 'string')) {
    throw new CarrierError('carrier_rejected', 'The Sendcloud webhook has no parcel tracking number or status.');
  }
  const stamp = payload.carrier_status_change_timestamp ?? payload.timestamp;
  // Sendcloud timestamps are Unix times in milliseconds (a number or a numeric string).
  const millis = typeof stamp === 'number' ? stamp : typeof stamp === 'string' && /^\d+$/.test(stamp) ? Number(stamp) : Number.NaN;
  const at = Number.isFinite(millis) ? new Date(millis) : typeof stamp === 'string' ? new Date(stamp) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw new CarrierError('carrier_rejected', 'The Sendcloud webhook has no readable timestamp.');
  const code = String(id);
  const message = typeof parcel.status?.message === 'string' ? parcel.status.message : undefined;
  return [
    {
      trackingNumber: parcel.tracking_number,
      code,
      at: at.toISOString(),
      status: sendcloudTrackingStatus(code),
      ...(message ? { message } : {}),
    },
  ];
}
