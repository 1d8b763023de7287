// TEST SUPPORT ONLY — the adapter of ./test-carrier-server.ts (a protocol of our own, not a real
// carrier), registered as the `sendcloud` provider in tests so the server's account, booking,
// document, tracking and service-point code runs over real HTTP. The lead swaps in the real
// Sendcloud adapter and its fake when merging.
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type AdapterFactory,
  type Booking,
  type CarrierAdapter,
  CarrierError,
  type DocumentFormat,
  type TrackedEvent,
} from '@retour/integrations/carriers/adapter';
import type { CarrierAdapters } from '@retour/integrations/carriers/adapters';
import type { TrackingStatus } from '@retour/integrations/carriers/port';

const CODES: Record<string, TrackingStatus | null> = { announced: null, in_transit: 'in_transit', delivered: 'delivered' };

export const createTestCarrierAdapter: AdapterFactory<'sendcloud'> = (credentials, options): CarrierAdapter => {
  const doFetch = options.fetch ?? fetch;
  const auth = `Basic ${Buffer.from(`${credentials.publicKey}:${credentials.secretKey}`).toString('base64')}`;

  async function call(method: string, path: string, body?: unknown): Promise<any> {
    let res: Response;
    try {
      res = await doFetch(`${options.baseUrl}${path}`, {
        method,
        headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : null,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new CarrierError('carrier_unavailable', `The test carrier did not answer: ${(error as Error).message}`);
    }
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (res.ok) return data;
    const message: string = data?.error?.message ?? `HTTP ${res.status}`;
    if (res.status === 401) throw new CarrierError('carrier_auth_failed', message, { status: 401 });
    if (res.status === 409 && data?.error?.code === 'already_scanned')
      throw new CarrierError('carrier_not_cancellable', message, { status: 409 });
    if (res.status === 422 && data?.error?.code === 'invalid_address')
      throw new CarrierError('carrier_rejected_address', message, { field: data.error.field, status: 422 });
    if (res.status === 429 || res.status >= 500) {
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new CarrierError('carrier_unavailable', message, {
        status: res.status,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      });
    }
    throw new CarrierError('carrier_rejected', message, { status: res.status });
  }

  const toEvent = (e: { trackingNumber: string; code: string; at: string; message?: string }): TrackedEvent => ({
    trackingNumber: e.trackingNumber,
    code: e.code,
    at: e.at,
    ...(e.message ? { message: e.message } : {}),
    status: Object.hasOwn(CODES, e.code) ? (CODES[e.code] ?? null) : null,
  });

  return {
    provider: 'sendcloud',
    async verify() {
      const data = await call('GET', '/account');
      return { accountName: data.name ?? null };
    },
    async services() {
      return (await call('GET', '/services')).services;
    },
    async book(request): Promise<Booking> {
      const data = await call('POST', '/shipments', request);
      const documents: Booking['documents'] = [];
      if (data.label)
        documents.push({
          kind: 'label',
          format: data.label.format as DocumentFormat,
          mimeType: data.label.mimeType,
          bytes: Buffer.from(data.label.base64, 'base64'),
        });
      if (data.customs)
        documents.push({ kind: 'customs', format: 'a4', mimeType: 'application/pdf', bytes: Buffer.from(data.customs, 'base64') });
      return {
        trackingNumber: data.trackingNumber,
        trackingUrl: data.trackingUrl,
        carrierShipmentId: data.id,
        documents,
        labelless: data.labelless ? { payload: data.labelless.payload, symbology: data.labelless.symbology, image: null } : null,
        pickup: data.pickup,
        price: data.price,
      };
    },
    async cancel(id) {
      await call('DELETE', `/shipments/${encodeURIComponent(id)}`);
    },
    async track(shipments) {
      if (shipments.length === 0) return [];
      const data = await call('GET', `/tracking?ids=${shipments.map((s) => encodeURIComponent(s.carrierShipmentId)).join(',')}`);
      return (data.events as any[]).map(toEvent);
    },
    parseWebhook({ headers, rawBody, secret }) {
      const given = String(headers['sendcloud-signature'] ?? '');
      const expected = createHmac('sha256', secret).update(rawBody).digest('hex');
      if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected)))
        throw new CarrierError('carrier_auth_failed', 'The webhook signature does not match.');
      const body = JSON.parse(rawBody.toString('utf8'));
      return [toEvent(body)];
    },
    async servicePoints(query) {
      const params = new URLSearchParams({
        country: query.country,
        limit: String(query.limit),
        ...(query.postalCode ? { postalCode: query.postalCode } : {}),
      });
      const data = await call('GET', `/service-points?${params}`);
      return (data.points as any[]).map((p) => ({
        id: p.id,
        carrier: query.carrier ?? 'test',
        type: p.type,
        name: p.name,
        street: p.street,
        houseNumber: p.houseNumber,
        postalCode: p.postalCode,
        city: p.city,
        country: p.country,
        latitude: p.latitude,
        longitude: p.longitude,
        openingHours: p.openingHours,
        distanceMeters: p.distance ?? null,
      }));
    },
  };
};

/**
 * Ctx.carrierAdapters for tests: the test carrier as `sendcloud`, reached at `apiUrl`; with
 * `webhooks: false` its adapter has no parseWebhook, so its returns are polled with track().
 */
export function testCarrierAdapters(apiUrl: string, options: { webhooks?: boolean } = {}): CarrierAdapters {
  const factory: AdapterFactory<'sendcloud'> =
    options.webhooks === false
      ? (credentials, opts) => {
          const { parseWebhook: _pushed, ...polled } = createTestCarrierAdapter(credentials, opts);
          return polled;
        }
      : createTestCarrierAdapter;
  return { factories: { sendcloud: factory }, baseUrls: { sendcloud: apiUrl } };
}
