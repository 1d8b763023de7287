// The PostNL carrier account (provider `postnl`): PostNL's Send & Track REST APIs with the
// merchant's own API key, customer code and customer number.
//   verify         GET  /shipment/v1_1/barcode (proves key, customer code and number together)
//   services       fixed list of PostNL return products (no API lists a contract's products)
//   book           status-by-reference lookup, Barcode, Labelling with confirm (see booking.ts)
//   cancel         PostNL has no cancel/void call for pre-announced shipments and invoices only
//                  parcels it receives: cancel checks the ShippingStatus API and refuses once the
//                  parcel was handed over (any status after 1 "Zending voorgemeld")
//   track          GET  /shipment/v2/status/barcode/{barcode}?detail=true (polled; PostNL's
//                  tracking webhook is by invitation only and not used)
//   servicePoints  GET  /shipment/v2_1/locations/nearest[/geocode] (NL and BE)
// References: sdks-io/postnl-ecommerce-apis-js-sdk (doc/controllers/*.md, src/models/*.ts) and
// postnl/postnl-magento2 (return and Smart Returns shipments).
import type { AdapterFactory, CarrierAdapter, TrackedEvent } from '../adapter.ts';
import { CarrierError } from '../adapter.ts';
import { bookReturn, newBarcode } from './booking.ts';
import { createPostnlClient } from './client.ts';
import { searchLocations } from './locations.ts';
import { POSTNL_SERVICES } from './products.ts';
import { eventsOf, PRE_HANDOVER_CODES, type ShippingStatusResponse, shipmentsOf } from './tracking.ts';

/** PostNL's production host (the sandbox is https://api-sandbox.postnl.nl). */
export const POSTNL_BASE_URL = 'https://api.postnl.nl';
export const POSTNL_SANDBOX_URL = 'https://api-sandbox.postnl.nl';

export const createPostnlAdapter: AdapterFactory<'postnl'> = (credentials, options): CarrierAdapter => {
  const account = `PostNL customer ${credentials.customerNumber} (${credentials.customerCode})`;
  const client = createPostnlClient(credentials.apiKey, options, account);

  const status = (barcode: string, detail: boolean) =>
    client.get<ShippingStatusResponse>(`/shipment/v2/status/barcode/${encodeURIComponent(barcode)}`, { detail, language: 'EN' });

  return {
    provider: 'postnl',

    async verify() {
      try {
        await newBarcode(client, credentials);
      } catch (error) {
        if (error instanceof CarrierError && error.code === 'carrier_rejected') {
          throw new CarrierError(
            'carrier_auth_failed',
            `PostNL refused ${account}: ${error.carrierMessage}. Check the customer code and customer number in the PostNL account settings.`,
            error.opts,
          );
        }
        throw error;
      }
      return { accountName: account };
    },

    async services() {
      return POSTNL_SERVICES.map((s) => ({ ...s }));
    },

    book: (request) => bookReturn(client, credentials, request, () => new Date()),

    async cancel(carrierShipmentId) {
      const shipments = shipmentsOf(await status(carrierShipmentId, true));
      const codes = shipments
        .flatMap((s) => [...(s.OldStatus ?? []), ...(s.Status ? [s.Status] : [])])
        .map((s) => s.StatusCode?.trim() ?? '');
      const used = codes.find((code) => code !== '' && !PRE_HANDOVER_CODES.has(code));
      if (used !== undefined) {
        throw new CarrierError(
          'carrier_not_cancellable',
          `PostNL already has parcel ${carrierShipmentId} (status ${used}); it can no longer be cancelled.`,
        );
      }
      // Not handed over: PostNL offers no void call and does not invoice a parcel it never received.
    },

    async track(shipments) {
      const events: TrackedEvent[] = [];
      for (const shipment of shipments) {
        const barcode = shipment.carrierShipmentId || shipment.trackingNumber;
        for (const found of shipmentsOf(await status(barcode, true))) {
          events.push(...eventsOf(found, shipment.trackingNumber));
        }
      }
      return events;
    },

    servicePoints: (query) => searchLocations(client, query),
  };
};
