// A size exchange becomes a replacement order in the shop (issue #14 item 4): the shopper of a
// WooCommerce order swaps a T-shirt M for an L in the portal; the portal makes replacements on
// request, so the `shop.replacement_order` job runs at once. WooCommerce (a local server answering
// like its REST API, started by this spec) stores the first order but its answer is lost (502):
// the retried job finds the order among the original's children and makes no second one. The
// replacement carries the L at full price with one negative fee for what comes back. When the shop
// ships it (Shipment Tracking on the child order, then order.updated), the parcel's carrier, number and
// link show on the shopper's status page and in the back office timeline.
// The same for a Shopify order: the exchange is a Shopify return with the L as exchange line (the
// local Shopify of global-setup loses the answer of the session's first returnCreate); Shopify's
// fulfillments/create for the exchange's line item puts the parcel on the shopper's status page.
import { expect, type Page, test } from '@playwright/test';
import { deliverWooWebhook } from '../apps/server/test/support/woocommerce-deliver.ts';
import { startWooServer, type WooServer } from '../apps/server/test/support/woocommerce-server.ts';
import { admin, checkPage, signIn } from './backoffice-support.ts';
import { E2E_SHOPIFY, E2E_SHOPIFY_EXCHANGE } from './shopify-shop.ts';
import { apiKey, baseUrl, chooseItem, deliveredOrder, findOrder, MESSAGES, merchant, submitStep } from './support.ts';

const m = MESSAGES.en;
const eur = (value: string) => ({ value, currency: 'EUR' });
const keys = { consumerKey: 'ck_e2ex2ex2ex2ex2ex2ex2ex2ex2ex2ex2ex2ex2e', consumerSecret: 'cs_e2ex2ex2ex2ex2ex2ex2ex2ex2ex2ex2ex2ex2e' };
let woo: WooServer;
test.beforeAll(async () => {
  woo = await startWooServer(keys);
});
test.afterAll(async () => woo.close());

async function goThrough(page: Page, slug: string, orderNumber: string, itemName = 'Woo tee') {
  await page.goto(`${baseUrl()}/r/${slug}`);
  await findOrder(page, orderNumber, '1012 JS');
  await expect(page.locator('h1')).toHaveText(m.itemsTitle);
  await chooseItem(page, itemName, 'too_small');
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.methodTitle);
  await page.locator('input[name="method"][value="drop_off:sandbox"]').check();
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.resolutionTitle);
  await page.locator('input[name="resolution"][value="exchange"]').check();
  await page.locator('fieldset.exchange label.option', { hasText: /^L/ }).locator('input').check();
  await expect(page.locator('.exchange-quote')).toHaveText(m.exchangeQuoteFree);
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.contactTitle);
  await page.locator('#contact-email').fill('shopper@example.com');
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.reviewTitle);
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.doneTitle);
}

test('WooCommerce: the replacement order is made once, with the L at full price, though the first answer is lost; its parcel reaches the timeline', async ({
  page,
  context,
  request,
}) => {
  const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const parentId = 700_000 + Math.floor(Math.random() * 100_000);
  const [productId, mId, lId] = [parentId + 1, parentId + 2, parentId + 3];
  woo.state.products.set(productId, [mId, lId]);
  const integration = await merchant(request, 'POST', '/integrations/woocommerce', {
    name: `Woo swap ${run}`,
    siteUrl: woo.siteUrl,
    ...keys,
  });
  const products = await request.fetch(`${baseUrl()}/api/v1/products`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey()}` },
    data: {
      products: [
        {
          id: String(productId),
          title: 'Woo tee',
          variants: [
            {
              id: String(mId),
              sku: `WT-M-${run}`,
              options: [{ name: 'Size', value: 'M' }],
              price: eur('24.75'),
              stock: [{ locationId: 'wh', available: 1 }],
            },
            {
              id: String(lId),
              sku: `WT-L-${run}`,
              options: [{ name: 'Size', value: 'L' }],
              price: eur('24.75'),
              stock: [{ locationId: 'wh', available: 2 }],
            },
          ],
        },
      ],
    },
  });
  expect(products.status(), await products.text()).toBe(200);
  const orderNumber = `WOO-${run}`;
  const now = Date.now();
  const imported = await merchant(request, 'POST', '/orders', {
    orders: [
      deliveredOrder({
        integration: integration.name,
        externalId: String(parentId),
        orderNumber,
        items: [{ externalId: `${parentId}-1`, sku: `WT-M-${run}`, name: 'Woo tee', quantity: 1, unitPrice: eur('24.75') }],
        trackingNumber: `E2E${run}`,
      }),
    ],
  });
  expect(imported.failed).toEqual([]);
  const demo = (await merchant(request, 'GET', '/portals')).data.find((p: { slug: string }) => p.slug === 'demo');
  const slug = `woo-swap-${run}`;
  await merchant(request, 'POST', '/portals', {
    slug,
    brandId: demo.brandId,
    enabled: true,
    returnAddressId: demo.returnAddressId,
    methods: ['drop_off'],
    carriers: { '*': ['sandbox'] },
    resolutions: ['refund', 'exchange'],
    approval: 'automatic',
    exchanges: {
      offered: true,
      reasons: [],
      priceBand: { lowerPercent: 100, upperPercent: 100 },
      otherProducts: false,
      bonusCredit: null,
      replacementTiming: 'on_request',
    },
  });

  woo.state.loseNextOrderResponse = true;
  await goThrough(page, slug, orderNumber);

  const children = () => woo.state.orders.filter((o) => o.parent_id === parentId);
  const returns = async () => (await merchant(request, 'GET', `/returns?q=${encodeURIComponent(orderNumber)}`)).data as { id: string }[];
  // The server's worker retries the job after the lost answer and records the order it finds.
  let recorded: string | null = null;
  await expect
    .poll(
      async () => {
        const [ret] = await returns();
        if (!ret) return null;
        const full = await merchant(request, 'GET', `/returns/${ret.id}`);
        recorded = full.timeline.find((e: { type: string }) => e.type === 'exchange_created')?.data?.orderId ?? null;
        return recorded;
      },
      { timeout: 45_000 },
    )
    .not.toBeNull();
  expect(recorded).toBe(String(children()[0]?.id));
  expect(woo.state.loseNextOrderResponse).toBe(false); // the first answer was indeed lost
  expect(children()).toHaveLength(1);
  expect(woo.requests.filter((r) => r.method === 'POST' && r.path === '/wp-json/wc/v3/orders')).toHaveLength(1);
  const [child] = children();
  expect(child.line_items).toEqual([expect.objectContaining({ product_id: productId, variation_id: lId, quantity: 1, total: '24.75' })]);
  expect(child.fee_lines).toEqual([expect.objectContaining({ total: '-24.75' })]);
  expect(child.total).toBe('0.00');

  // The shop ships the replacement: Shipment Tracking adds a custom provider with its link to the child
  // order and WooCommerce posts order.updated. Shopper and staff see the parcel on the return's timeline.
  const link = `https://koerier.example/t/FK${run}`;
  child.status = 'completed';
  child.meta_data.push({
    id: 9100,
    key: '_wc_shipment_tracking_items',
    value: [
      {
        tracking_provider: '',
        custom_tracking_provider: 'Fietskoerier',
        custom_tracking_link: link,
        tracking_number: `FK${run}`,
        date_shipped: String(Math.floor(now / 1000)),
        tracking_id: `e2e${run}`,
      },
    ],
  });
  expect(await deliverWooWebhook(woo, 'order.updated', child)).toEqual([200]);
  await page.locator('a', { hasText: m.statusLink }).click();
  const shipped = m.timelineExchangeShipped.replace('{carrier}', 'Fietskoerier').replace('{number}', `FK${run}`);
  await expect
    .poll(
      async () => {
        await page.reload();
        return (await page.locator('ol.timeline').textContent({ timeout: 10_000 })) ?? '';
      },
      { timeout: 30_000 },
    )
    .toContain(shipped);
  await expect(page.getByRole('link', { name: m.timelineTrackParcel })).toHaveAttribute('href', link);
  const [ret] = await returns();
  const staff = await context.newPage();
  await signIn(staff);
  await staff.goto(admin(`/returns/${ret?.id}`));
  const entry = staff.locator('.timeline li.tl-exchange_shipped');
  await expect(entry).toContainText(`Exchange shipped — Fietskoerier FK${run}`);
  await expect(entry.getByRole('link', { name: 'Track shipment' })).toHaveAttribute('href', link);
  await checkPage(staff, '61-exchange-shipped');
  await staff.close();
});

/** A portal (demo brand) that offers same-price size exchanges and makes replacements on request. */
async function swapPortal(request: import('@playwright/test').APIRequestContext, slug: string) {
  const demo = (await merchant(request, 'GET', '/portals')).data.find((p: { slug: string }) => p.slug === 'demo');
  await merchant(request, 'POST', '/portals', {
    slug,
    brandId: demo.brandId,
    enabled: true,
    returnAddressId: demo.returnAddressId,
    methods: ['drop_off'],
    carriers: { '*': ['sandbox'] },
    resolutions: ['refund', 'exchange'],
    approval: 'automatic',
    exchanges: {
      offered: true,
      reasons: [],
      priceBand: { lowerPercent: 100, upperPercent: 100 },
      otherProducts: false,
      bonusCredit: null,
      replacementTiming: 'on_request',
    },
  });
}

test('Shopify: the exchange is one Shopify return with the L as exchange line, though the first answer is lost; its fulfillment reaches the status page', async ({
  page,
  request,
}) => {
  const x = E2E_SHOPIFY_EXCHANGE;
  const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const integration = await merchant(request, 'POST', '/integrations/shopify', {
    shopDomain: `swap-${run}.myshopify.com`,
    clientId: E2E_SHOPIFY.clientId,
    clientSecret: E2E_SHOPIFY.clientSecret,
    name: `Shopify swap ${run}`,
  });
  const variant = (gid: string, size: string) => ({
    id: gid.split('/').pop(),
    sku: `ST-${size}-${run}`,
    options: [{ name: 'Size', value: size }],
    price: eur(x.price),
    stock: [{ locationId: 'wh', available: 2 }],
  });
  const products = await request.fetch(`${baseUrl()}/api/v1/products`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey()}` },
    data: { products: [{ id: `9900${run}`, title: 'Shopify tee', variants: [variant(x.variants.m, 'M'), variant(x.variants.l, 'L')] }] },
  });
  expect(products.status(), await products.text()).toBe(200);
  const orderId = `gid://shopify/Order/${990_000 + Math.floor(Math.random() * 9_000)}`;
  const orderNumber = `SH-${run}`;
  const imported = await merchant(request, 'POST', '/orders', {
    orders: [
      deliveredOrder({
        integration: integration.name,
        externalId: orderId,
        orderNumber,
        items: [{ externalId: x.lineItemId, sku: `ST-M-${run}`, name: 'Shopify tee', quantity: 1, unitPrice: eur(x.price) }],
        trackingNumber: `E2ES${run}`,
      }),
    ],
  });
  expect(imported.failed).toEqual([]);
  const slug = `shop-swap-${run}`;
  await swapPortal(request, slug);

  await goThrough(page, slug, orderNumber, 'Shopify tee');

  let entry: { data?: Record<string, unknown> } | undefined;
  await expect
    .poll(
      async () => {
        const [ret] = (await merchant(request, 'GET', `/returns?q=${encodeURIComponent(orderNumber)}`)).data as { id: string }[];
        if (!ret) return null;
        entry = (await merchant(request, 'GET', `/returns/${ret.id}`)).timeline.find(
          (e: { type: string }) => e.type === 'exchange_created',
        );
        return entry ?? null;
      },
      { timeout: 45_000 },
    )
    .not.toBeNull();
  const shop = await (await request.fetch(String(process.env.RETOUR_E2E_SHOPIFY_CONTROL))).json();
  const mine = shop.returns.filter((r: { orderId: string }) => r.orderId === orderId);
  expect(mine).toHaveLength(1);
  expect(mine[0].exchangeLineItems.nodes).toEqual([
    expect.objectContaining({ variantId: x.variants.l, quantity: 1, processedQuantity: 1 }),
  ]);
  expect(shop.answerLost).toBe(true);
  expect(shop.returnCreates).toBe(1); // the lost answer's return was found on the order, not made again
  expect(entry?.data).toMatchObject({ provider: 'shopify', shopifyReturnId: mine[0].id, orderNumber: mine[0].name, onHold: false });

  // Shopify fulfils the exchange's line item and sends fulfillments/create (REST Fulfillment, signed):
  // the parcel reaches the shopper's status page with Shopify's tracking link.
  const [lineItem] = (entry?.data?.lineItemIds ?? []) as string[];
  const tracking = `3SE2E${run.toUpperCase()}`;
  const link = `https://jouw.postnl.nl/track-and-trace/${tracking}-NL-1012JS`;
  const sent = await request.fetch(`${process.env.RETOUR_E2E_SHOPIFY_CONTROL}/deliver`, {
    method: 'POST',
    data: {
      uri: integration.webhookUrl,
      topic: 'fulfillments/create',
      shopDomain: `swap-${run}.myshopify.com`,
      payload: {
        id: 4_400_001,
        order_id: Number(orderId.split('/').pop()),
        status: 'success',
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        tracking_company: 'PostNL',
        tracking_number: tracking,
        tracking_numbers: [tracking],
        tracking_url: link,
        tracking_urls: [link],
        shipment_status: null,
        line_items: [{ id: Number(lineItem?.split('/').pop()), admin_graphql_api_id: lineItem, quantity: 1 }],
      },
    },
  });
  expect(await sent.json()).toEqual({ status: 200 });
  await page.locator('a', { hasText: m.statusLink }).click();
  const shipped = m.timelineExchangeShipped.replace('{carrier}', 'PostNL').replace('{number}', tracking);
  await expect
    .poll(
      async () => {
        await page.reload();
        return (await page.locator('ol.timeline').textContent({ timeout: 10_000 })) ?? '';
      },
      { timeout: 30_000 },
    )
    .toContain(shipped);
  await expect(page.getByRole('link', { name: m.timelineTrackParcel })).toHaveAttribute('href', link);
});
