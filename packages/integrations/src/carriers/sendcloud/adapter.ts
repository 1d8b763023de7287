// Sendcloud as a carrier account: one set of API keys reaches the 80+ carriers a merchant has
// contracted through Sendcloud (v3 Returns, shipping options, parcel documents, pickups, service
// points; `parcel_status_changed` webhooks signed with `Sendcloud-Signature`). Also the route for
// merchants coming from Sendcloud's own return portal: their returns are Sendcloud returns.
import type { AdapterFactory, CarrierAdapter, TrackedEvent } from '../adapter.ts';
import { bookReturn, cancelReturn, getReturn, parseShipmentId, returnDocuments } from './booking.ts';
import { createSendcloudClient } from './client.ts';
import { searchServicePoints } from './service-points.ts';
import { listReturnServices } from './services.ts';
import { historyEvents, parseSendcloudWebhook } from './tracking.ts';

/** Production API root (Sendcloud's v3 OpenAPI `servers`). */
export const SENDCLOUD_BASE_URL = 'https://panel.sendcloud.sc/api/v3';

/** Provider-neutral extra of this adapter: a clock for the duplicate-reference look-up window (tests). */
export type SendcloudAdapterExtras = { now?: () => Date };

export const createSendcloudAdapter: AdapterFactory<'sendcloud'> = (credentials, options) =>
  createSendcloudAdapterWith(credentials, options, {});

export function createSendcloudAdapterWith(
  credentials: Parameters<AdapterFactory<'sendcloud'>>[0],
  options: Parameters<AdapterFactory<'sendcloud'>>[1],
  extras: SendcloudAdapterExtras,
): CarrierAdapter {
  const client = createSendcloudClient({
    baseUrl: options.baseUrl,
    publicKey: credentials.publicKey,
    secretKey: credentials.secretKey,
    timeoutMs: options.timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const now = extras.now ?? (() => new Date());
  return {
    provider: 'sendcloud',
    async verify() {
      // GET /user/auth/metadata (docs/Api/UserApi.md): which user and integration the keys belong to.
      const body = await client.json<{ data?: { user_id?: number; integration_id?: number } }>('GET', 'user/auth/metadata');
      const user = body?.data?.user_id;
      const integration = body?.data?.integration_id;
      return { accountName: user ? `Sendcloud user ${user}${integration ? `, integration ${integration}` : ''}` : null };
    },
    services: () => listReturnServices(client),
    book: (request) => bookReturn(client, request, now),
    fetchDocuments: (carrierShipmentId, format) => returnDocuments(client, carrierShipmentId, format),
    cancel: (carrierShipmentId) => cancelReturn(client, carrierShipmentId),
    async track(shipments) {
      const events: TrackedEvent[] = [];
      for (const shipment of shipments) {
        const ret = await getReturn(client, parseShipmentId(shipment.carrierShipmentId).returnId);
        events.push(...historyEvents(ret.tracking_number ?? shipment.trackingNumber, ret.status_history ?? []));
      }
      return events;
    },
    parseWebhook: parseSendcloudWebhook,
    servicePoints: (query) => searchServicePoints(client, query),
  };
}
