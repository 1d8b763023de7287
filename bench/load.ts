// Orders as a shop sends them: `POST /api/v1/orders`, 1,000 orders per request, a few requests at
// once. Order n has number B<n> and postal code postalFor(n) (bench/setup.ts), 2–4 items (3 on
// average), one delivered shipment, placed two days ago.
import { orderNumberFor, postalFor } from './setup.ts';

export const BATCH = 1000;

export function ordersBody(start: number, count: number, placedAt: Date): string {
  const placed = placedAt.toISOString();
  const delivered = new Date(placedAt.getTime() + 86_400_000).toISOString();
  const orders = [];
  for (let n = start; n < start + count; n++) {
    const postal = postalFor(n);
    orders.push({
      integration: 'bench',
      externalId: `b-${n}`,
      orderNumber: orderNumberFor(n),
      placedAt: placed,
      currency: 'EUR',
      customer: { name: 'Bench Shopper', email: `s${n}@example.com` },
      shippingAddress: {
        name: 'Bench Shopper',
        street: 'Damrak',
        houseNumber: String(n % 300),
        postalCode: postal,
        city: 'Amsterdam',
        country: 'NL',
      },
      items: Array.from({ length: 2 + (n % 3) }, (_, i) => ({
        externalId: `l${i}`,
        sku: `SKU-${(n + i) % 5000}`,
        name: `Product ${i}`,
        quantity: 1 + (i % 2),
        unitPrice: { value: (19.95 + i * 5).toFixed(2), currency: 'EUR' },
        hsCode: '610910',
        originCountry: 'PT',
        weightGrams: 300,
      })),
      shipments: [{ carrier: 'sandbox', trackingNumber: `BT${n}NL`, shippedAt: placed, deliveredAt: delivered, deliveredTo: 'home' }],
    });
  }
  return JSON.stringify({ orders });
}

/**
 * Sends `count` orders to `base` with `concurrency` requests in flight; resolves with orders/s
 * (wall time of the whole load, bodies built while earlier requests are in flight).
 */
export async function loadOrders(
  base: string,
  apiKey: string,
  count: number,
  concurrency = 4,
  progress?: (done: number) => void,
): Promise<{ ordersPerSecond: number; seconds: number }> {
  const placedAt = new Date(Date.now() - 2 * 86_400_000);
  let next = 0;
  let done = 0;
  const started = performance.now();
  async function worker() {
    while (next < count) {
      const start = next;
      const size = Math.min(BATCH, count - start);
      next += size;
      const res = await fetch(`${base}/api/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: ordersBody(start, size, placedAt),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`order import answered ${res.status}: ${text.slice(0, 500)}`);
      done += size;
      progress?.(done);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { ordersPerSecond: count / seconds, seconds };
}
