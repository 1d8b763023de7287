// The local WooCommerce (woocommerce-server.ts) sending a webhook the way WC_Webhook::deliver does
// (includes/class-wc-webhook.php of woocommerce/woocommerce): the JSON body POSTed to every active
// webhook of the topic with X-WC-Webhook-Source, -Topic, -Resource, -Event, -ID, -Delivery-ID and
// X-WC-Webhook-Signature, the base64 HMAC-SHA256 of the body keyed with the webhook's secret
// (WC_Webhook::generate_signature). Deliveries go only to the 127.0.0.1 URLs the tests registered.
import { createHmac } from 'node:crypto';
import type { WooServer } from './woocommerce-server.ts';

let deliveries = 0;

/** Delivers `body` to every active webhook of `topic` the shop holds; the answers' status codes. */
export async function deliverWooWebhook(woo: WooServer, topic: string, body: unknown): Promise<number[]> {
  const raw = JSON.stringify(body);
  const statuses: number[] = [];
  for (const hook of woo.state.webhooks.filter((w) => w.topic === topic && w.status === 'active')) {
    const url = new URL(hook.delivery_url);
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error(`not a local delivery URL: ${hook.delivery_url}`);
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-source': `${woo.siteUrl}/`,
        'x-wc-webhook-topic': topic,
        'x-wc-webhook-resource': hook.resource,
        'x-wc-webhook-event': hook.event,
        'x-wc-webhook-id': String(hook.id),
        'x-wc-webhook-delivery-id': String(50_000 + ++deliveries),
        'x-wc-webhook-signature': createHmac('sha256', hook.secret).update(raw).digest('base64'),
      },
      body: raw,
    });
    await res.arrayBuffer();
    statuses.push(res.status);
  }
  return statuses;
}
