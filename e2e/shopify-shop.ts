// The local Shopify the end-to-end journeys connect to (started by global-setup.ts before
// `retour serve`, which reaches it through RETOUR_SHOPIFY_ORIGIN): the token endpoint, `shop`,
// webhook subscriptions, and "Import all orders" — every bulk operation completes at once with a
// JSONL file of fresh orders (each with two line items as child rows), so the journey sees them
// all as new. The products query that follows (the catalogue import) gets a one-product file.
// Returns with exchanges and gift cards (store credit) are kept as state, readable at the control URL.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeShopify } from '../packages/integrations/test/support/fake-shopify.ts';
import { FakeShopifyExchanges } from '../packages/integrations/test/support/fake-shopify-exchanges.ts';
import { FakeShopifyGiftCards } from '../packages/integrations/test/support/fake-shopify-gift-cards.ts';
import { FakeShopifyReturns } from '../packages/integrations/test/support/fake-shopify-returns.ts';

export const E2E_SHOPIFY = { clientId: 'e2e-shopify-client', clientSecret: 'e2e-shopify-secret', orders: 120 };
/** The fulfilled line of the order the exchange journey returns (exchange-replacement.spec.ts), and the variants it may get. */
export const E2E_SHOPIFY_EXCHANGE = {
  lineItemId: 'gid://shopify/LineItem/990001',
  fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/990001',
  price: '19.95',
  variants: { m: 'gid://shopify/ProductVariant/990011', l: 'gid://shopify/ProductVariant/990012' },
};

function bulkRows(first: number, count: number): string {
  const rows: unknown[] = [];
  for (let n = first; n < first + count; n++) {
    const id = `gid://shopify/Order/${n}`;
    rows.push({
      id,
      name: `#SH${n}`,
      email: `buyer${n}@example.com`,
      phone: null,
      createdAt: '2026-05-01T10:00:00Z',
      processedAt: '2026-05-01T10:00:00Z',
      currencyCode: 'EUR',
      customer: { firstName: 'Buyer', lastName: String(n), defaultEmailAddress: { emailAddress: `buyer${n}@example.com` } },
      shippingAddress: {
        name: `Buyer ${n}`,
        company: null,
        address1: 'Damrak 1',
        address2: null,
        zip: '1012 LG',
        city: 'Amsterdam',
        provinceCode: null,
        countryCodeV2: 'NL',
        phone: null,
      },
      fulfillments: [],
    });
    for (const i of [1, 2]) {
      rows.push({
        id: `gid://shopify/LineItem/${n}${i}`,
        name: `Item ${i}`,
        sku: `SKU-${i}`,
        quantity: i,
        variantTitle: null,
        originalUnitPriceSet: { shopMoney: { amount: '19.95', currencyCode: 'EUR' } },
        __parentId: id,
      });
    }
  }
  return `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
}

function catalogueRows(): string {
  const product = {
    id: 'gid://shopify/Product/77',
    title: 'E2E tee',
    vendor: null,
    productType: null,
    tags: [],
    featuredMedia: null,
    options: [],
  };
  const variant = {
    id: 'gid://shopify/ProductVariant/7701',
    sku: 'SKU-1',
    title: 'Default Title',
    price: '19.95',
    position: 1,
    selectedOptions: [{ name: 'Title', value: 'Default Title' }],
    image: null,
    inventoryItem: { id: 'gid://shopify/InventoryItem/7701' },
    __parentId: product.id,
  };
  return `${JSON.stringify(product)}\n${JSON.stringify(variant)}\n`;
}

let deliveries = 0;

/**
 * A webhook as Shopify sends it to an HTTPS subscription (shopify.dev/docs/apps/build/webhooks/subscribe/https):
 * only to a URI subscribed to the topic (webhookSubscriptionCreate, enum FULFILLMENTS_CREATE for
 * fulfillments/create), the JSON body with X-Shopify-Topic, -Shop-Domain, -API-Version, -Webhook-Id,
 * -Event-Id, -Triggered-At and X-Shopify-Hmac-Sha256, the base64 HMAC-SHA256 of the body keyed with
 * the app's client secret. Only local (127.0.0.1) URIs.
 */
async function deliverWebhook(fake: FakeShopify, d: { uri: string; topic: string; shopDomain: string; payload: unknown }) {
  const subscribed = [...fake.subscriptions.values()].some((w) => w.uri === d.uri && w.topic === d.topic.toUpperCase().replace('/', '_'));
  if (!subscribed || new URL(d.uri).hostname !== '127.0.0.1') throw new Error(`no ${d.topic} subscription for ${d.uri}`);
  const raw = JSON.stringify(d.payload);
  deliveries += 1;
  const res = await fetch(d.uri, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': d.topic,
      'x-shopify-shop-domain': d.shopDomain,
      'x-shopify-api-version': '2026-10',
      'x-shopify-webhook-id': `e2e-webhook-${deliveries}`,
      'x-shopify-event-id': `e2e-event-${deliveries}`,
      'x-shopify-triggered-at': new Date().toISOString(),
      'x-shopify-hmac-sha256': createHmac('sha256', E2E_SHOPIFY.clientSecret).update(raw).digest('base64'),
    },
    body: raw,
  });
  await res.arrayBuffer();
  return res.status;
}

export async function startShopifyShop(): Promise<{ origin: string; controlUrl: string; close: () => Promise<void> }> {
  const fake = new FakeShopify();
  fake.clientId = E2E_SHOPIFY.clientId;
  fake.clientSecret = E2E_SHOPIFY.clientSecret;
  fake.shopName = 'E2E Shopify shop';
  let runs = 0;
  fake.handle('bulkOperationRunQuery', (v) => {
    runs += 1;
    // The catalogue import that follows the orders (jobs/shopify-catalogue-import.ts): one product.
    const products = /\bproducts\b/.test(String(v.query));
    fake.files.set(`orders-${runs}.jsonl`, products ? catalogueRows() : bulkRows(8_000_000 + runs * 10_000, E2E_SHOPIFY.orders));
    return { bulkOperationRunQuery: { bulkOperation: { id: `gid://shopify/BulkOperation/${runs}`, status: 'CREATED' }, userErrors: [] } };
  });
  fake.handle('bulkOperation', (v) => {
    const run = String(v.id).split('/').pop();
    return {
      bulkOperation: {
        id: v.id,
        status: 'COMPLETED',
        errorCode: null,
        objectCount: String(E2E_SHOPIFY.orders * 3),
        rootObjectCount: String(E2E_SHOPIFY.orders),
        url: `${fake.origin}/bulk/orders-${run}.jsonl`,
        partialDataUrl: null,
      },
    };
  });
  // Returns with exchanges (exchange-replacement.spec.ts): the first returnCreate of the session is carried
  // out but its answer is lost, so the journey proves a retry adopts it instead of making a second.
  const x = E2E_SHOPIFY_EXCHANGE;
  const returns = new FakeShopifyReturns(fake, [
    { fulfillmentLineItemId: x.fulfillmentLineItemId, lineItemId: x.lineItemId, quantity: 5 },
  ]).install();
  const exchanges = new FakeShopifyExchanges(
    fake,
    returns,
    { [x.variants.m]: x.price, [x.variants.l]: x.price },
    { [x.fulfillmentLineItemId]: x.price },
  ).install();
  fake.dropAnswer.add('returnCreate');
  // Store credit as gift cards (store-credit-shop.spec.ts): giftCardCreate and the giftCards search.
  const giftCards = new FakeShopifyGiftCards(fake).install();
  giftCards.today = new Date().toISOString().slice(0, 10);
  // What the shop holds, for the journey to check (GET); POST /deliver sends a webhook as Shopify does.
  const control = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/deliver') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { uri, topic, shopDomain, payload } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        deliverWebhook(fake, { uri, topic, shopDomain, payload }).then(
          (status) => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ status }));
          },
          (error: Error) => {
            res.writeHead(404, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: error.message }));
          },
        );
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        returns: returns.returns.map((r) => ({ ...exchanges.view(r.id), orderId: r.orderId })),
        returnCreates: fake.graphqlCalls('returnCreate').length,
        answerLost: !fake.dropAnswer.has('returnCreate'),
        fulfillmentOrders: exchanges.fulfillmentOrders,
        giftCards: giftCards.cards,
      }),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  await fake.start();
  return {
    origin: fake.origin,
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    close: async () => {
      control.closeAllConnections();
      await new Promise((resolve) => control.close(resolve));
      await fake.stop();
    },
  };
}
