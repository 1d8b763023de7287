// UPS (provider `ups`): return labels with UPS's own REST APIs, as published in the repository
// UPS-API/api-documentation (OAuthClientCredentials.yaml, Shipping.yaml, Tracking.yaml, Locator.yaml,
// Pickup.yaml). What maps to what:
// - drop_off: ReturnService 9 "UPS Print Return Label" (GIF, or ZPL 4×6); any UPS Access Point takes it.
// - pickup: the same label plus an on-call pickup (Pickup.yaml) on the shopper's date, 09:00–17:00.
// - drop_off_labelless: not offered. UPS's published Shipping API has no label-less/QR return; its
//   "Electronic Return Label" (ReturnService 8) only e-mails the shopper a label to print.
// - Idempotency: UPS has no idempotency key. Our reference is sent as the shipment's ReferenceNumber,
//   and `book` first asks Label Recovery for a label with that reference: a retry after a lost answer
//   returns the label UPS already made. The window that stays open: two `book` calls for one reference
//   running at the same time (both look up, both find nothing); the server books one return in one job.
// - Price: NegotiatedRateCharges.TotalCharge (contract rates) or ShipmentCharges.TotalCharges; null for
//   a booking found again by Label Recovery (that answer carries no charges).
// - Tracking: polled (no webhook in these APIs); codes `<status type>:<status code>` as UPS sends them.
import { type AdapterFactory, type BookRequest, type Booking, type CarrierAdapter, CarrierError, type CarrierService } from '../adapter.ts';
import { bookPickup, cancelPickup, findByReference, recoverDocuments, ship, splitShipmentId, voidShipment } from './booking.ts';
import { createUpsClient } from './client.ts';
import { searchAccessPoints } from './locator.ts';
import { trackOne } from './tracking.ts';

/** Production host of UPS's APIs (OAuth at /security/v1/oauth/token, the rest under /api). */
export const UPS_BASE_URL = 'https://onlinetools.ups.com';
/** UPS's Customer Integration Environment (test host) for sandbox credentials. */
export const UPS_TEST_BASE_URL = 'https://wwwcie.ups.com';

/** Return services (Shipping.yaml Service.Code) a UPS account can book returns with from Europe. */
export const UPS_SERVICES: readonly CarrierService[] = [
  {
    code: '11',
    name: 'UPS Standard',
    carrier: 'ups',
    methods: ['drop_off', 'pickup'],
    fromCountries: ['*'],
    phoneRequired: true,
    price: null,
  },
  {
    code: '65',
    name: 'UPS Saver',
    carrier: 'ups',
    methods: ['drop_off', 'pickup'],
    fromCountries: ['*'],
    phoneRequired: true,
    price: null,
  },
  {
    code: '07',
    name: 'UPS Express',
    carrier: 'ups',
    methods: ['drop_off', 'pickup'],
    fromCountries: ['*'],
    phoneRequired: true,
    price: null,
  },
];

export const createUpsAdapter: AdapterFactory<'ups'> = (credentials, options): CarrierAdapter => {
  const client = createUpsClient(credentials, options);

  async function book(request: BookRequest): Promise<Booking> {
    if (request.method !== 'drop_off' && request.method !== 'pickup') {
      throw new CarrierError(
        'carrier_rejected',
        request.method === 'drop_off_labelless'
          ? "UPS's API offers no label-less (QR code) return; offer drop-off with a printed label instead."
          : `UPS does not carry ${request.method} returns.`,
      );
    }
    if (!UPS_SERVICES.some((s) => s.code === request.service)) {
      throw new CarrierError(
        'carrier_rejected',
        `UPS service ${request.service} is not one Retour books returns with (${UPS_SERVICES.map((s) => s.code).join(', ')}).`,
      );
    }
    const booking = (await findByReference(client, request)) ?? (await ship(client, request));
    if (request.method !== 'pickup') return booking;
    const { prn, pickup } = await bookPickup(client, request, booking.trackingNumber);
    return { ...booking, carrierShipmentId: `${splitShipmentId(booking.carrierShipmentId).shipmentId}#${prn}`, pickup };
  }

  return {
    provider: 'ups',
    async verify() {
      if (!/^[A-Za-z0-9]{6}$/.test(credentials.accountNumber)) {
        throw new CarrierError(
          'carrier_auth_failed',
          `"${credentials.accountNumber}" is not a UPS account number (six letters and digits); reconnect the UPS account with the shipper number from ups.com.`,
        );
      }
      await client.token(true);
      return { accountName: null };
    },
    async services() {
      return [...UPS_SERVICES];
    },
    book,
    async fetchDocuments(carrierShipmentId, format) {
      return recoverDocuments(client, splitShipmentId(carrierShipmentId).shipmentId, format);
    },
    async cancel(carrierShipmentId) {
      const { shipmentId, prn } = splitShipmentId(carrierShipmentId);
      // UPS refuses to void a package it has scanned: that refusal is carrier_not_cancellable.
      await voidShipment(client, shipmentId);
      if (prn) await cancelPickup(client, prn);
    },
    async track(shipments) {
      const events = [];
      for (const shipment of shipments) events.push(...(await trackOne(client, shipment.trackingNumber)));
      return events;
    },
    async servicePoints(query) {
      if (query.carrier && query.carrier !== 'ups') return [];
      return searchAccessPoints(client, query);
    },
  };
};
