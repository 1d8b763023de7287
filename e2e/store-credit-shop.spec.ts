// Store credit that exists as real money in the connected shop (issue #14): the shopper of an order
// from a connected shop chooses store credit in the portal, which adds the portal's bonus (10%);
// staff receive the parcel in the back office, issue the store credit it proposes (refund + bonus)
// and complete the return. The credit then exists in the shop — a Shopify gift card (the local
// Shopify of global-setup, giftCardCreate) or a WooCommerce coupon bound to the shopper's email (a
// local server answering like its REST API, started here) — with the amount including the bonus,
// and the shopper's status page shows its code.
import { type APIRequestContext, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { startWooServer, type WooServer } from '../apps/server/test/support/woocommerce-server.ts';
import { admin, checkPage, signIn } from './backoffice-support.ts';
import { E2E_SHOPIFY } from './shopify-shop.ts';
import { baseUrl, checkStep, chooseItem, deliveredOrder, findOrder, MESSAGES, merchant, submitStep } from './support.ts';

const m = MESSAGES.en;
const eur = (value: string) => ({ value, currency: 'EUR' });
const SHOPPER = 'credit.shopper@example.com';
const keys = { consumerKey: 'ck_e2ecre2ecre2ecre2ecre2ecre2ecre2ecre2ec', consumerSecret: 'cs_e2ecre2ecre2ecre2ecre2ecre2ecre2ecre2ec' };
let woo: WooServer;
test.beforeAll(async () => {
  woo = await startWooServer(keys);
});
test.afterAll(async () => woo.close());

/** An order of `integration` with one item at `price`, delivered yesterday, imported through the API. */
async function importShopOrder(request: APIRequestContext, integration: string, item: { externalId: string; name: string; price: string }) {
  const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const orderNumber = `CR-${run}`;
  const imported = await merchant(request, 'POST', '/orders', {
    orders: [
      deliveredOrder({
        integration: integration,
        externalId: item.externalId,
        orderNumber,
        items: [{ externalId: `${item.externalId}-1`, sku: `CR-${run}`, name: item.name, quantity: 1, unitPrice: eur(item.price) }],
        trackingNumber: `E2EC${run}`,
      }),
    ],
  });
  expect(imported.failed).toEqual([]);
  return orderNumber;
}

/** A portal (demo brand) with store credit and a 10% bonus for choosing it; returns approved at once. */
async function creditPortal(request: APIRequestContext): Promise<string> {
  const demo = (await merchant(request, 'GET', '/portals')).data.find((p: { slug: string }) => p.slug === 'demo');
  const slug = `credit-${Math.random().toString(36).slice(2, 10)}`;
  await merchant(request, 'POST', '/portals', {
    slug,
    brandId: demo.brandId,
    enabled: true,
    returnAddressId: demo.returnAddressId,
    methods: ['drop_off'],
    carriers: { '*': ['sandbox'] },
    resolutions: ['refund', 'store_credit', 'exchange'],
    approval: 'automatic',
    exchanges: {
      offered: true,
      reasons: [],
      priceBand: { lowerPercent: 100, upperPercent: 100 },
      otherProducts: false,
      bonusCredit: { kind: 'percent', percent: 10 },
      replacementTiming: 'on_request',
    },
  });
  return slug;
}

/** The shopper asks for store credit (seeing the bonus) and lands on the status page; returns the return's id. */
async function shopperChoosesCredit(page: Page, slug: string, orderNumber: string, itemName: string, bonus: string) {
  await page.goto(`${baseUrl()}/r/${slug}`);
  await findOrder(page, orderNumber, '1012 JS');
  await expect(page.locator('h1')).toHaveText(m.itemsTitle);
  await chooseItem(page, itemName, 'too_small');
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.methodTitle);
  await page.locator('input[name="method"][value="drop_off:sandbox"]').check();
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.resolutionTitle);
  await expect(page.locator('.store-credit-bonus')).toHaveText(m.storeCreditBonus.replace('{amount}', bonus));
  await page.locator('input[name="resolution"][value="store_credit"]').check();
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.contactTitle);
  await page.locator('#contact-email').fill(SHOPPER);
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.reviewTitle);
  await submitStep(page);
  await expect(page.locator('h1')).toHaveText(m.doneTitle);
  await page.locator('a', { hasText: m.statusLink }).click();
  await expect(page).toHaveURL(/\/returns\/ret_[a-z0-9]+\?access=/);
  return /\/returns\/(ret_[a-z0-9]+)/.exec(page.url())?.[1] as string;
}

/** Staff receive the parcel, issue the proposed store credit (refund + bonus), wait until it exists in the shop, and complete. */
async function staffGiveCredit(context: BrowserContext, id: string, amount: string, state: string): Promise<string> {
  const staff = await context.newPage();
  await signIn(staff);
  await staff.goto(admin(`/returns/${id}`));
  const receive = staff.getByRole('region', { name: 'Receive items' });
  await receive.getByRole('button', { name: 'Receive items' }).click();
  await expect(staff.locator('.title-row .badge')).toHaveText('Received');
  const credit = staff.getByRole('region', { name: 'Store credit' });
  await expect(credit.getByLabel(/Amount/)).toHaveValue(amount);
  await credit.getByRole('button', { name: 'Issue store credit' }).click();
  // The shop job runs in the server's worker: the credit shows "exists in the shop" once it does.
  const facts = staff.locator('dl.facts');
  await expect(facts.locator('code')).toHaveText(/^RTR[0-9A-Z]{13}$/);
  const code = (await facts.locator('code').textContent()) as string;
  await expect
    .poll(
      async () => {
        await staff.reload();
        return (await facts.textContent({ timeout: 10_000 })) ?? '';
      },
      { timeout: 30_000 },
    )
    .toContain(state);
  await checkPage(staff, `60-store-credit-${state.replace(/\W+/g, '-')}`);
  await staff.getByRole('region', { name: 'Mark as completed' }).getByRole('button', { name: 'Mark as completed' }).click();
  await expect(staff.getByText('Return completed.')).toBeVisible();
  await expect(staff.locator('.title-row .badge')).toHaveText('Completed');
  await staff.close();
  return code;
}

/** The shopper's status page shows the credit with the bonus and its code. */
async function shopperSeesCode(page: Page, amount: string, code: string) {
  await page.reload();
  await expect(page.locator('#credit-heading')).toHaveText(m.creditTitle);
  await expect(page.locator('main')).toContainText(m.creditAmount.replace('{amount}', amount));
  await expect(page.locator('.credit-code')).toHaveText(code);
}

test('Shopify: store credit with the bonus becomes a gift card in the shop; the status page shows its code', async ({
  page,
  context,
  request,
}, info) => {
  const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const integration = await merchant(request, 'POST', '/integrations/shopify', {
    shopDomain: `credit-${run}.myshopify.com`,
    clientId: E2E_SHOPIFY.clientId,
    clientSecret: E2E_SHOPIFY.clientSecret,
    name: `Shopify credit ${run}`,
  });
  const orderId = `gid://shopify/Order/${970_000 + Math.floor(Math.random() * 9_000)}`;
  const orderNumber = await importShopOrder(request, integration.name, { externalId: orderId, name: 'Shopify scarf', price: '19.95' });
  const slug = await creditPortal(request);

  // 10% of €19.95, rounded down to the cent.
  const id = await shopperChoosesCredit(page, slug, orderNumber, 'Shopify scarf', '€1.99');
  expect((await merchant(request, 'GET', `/returns/${id}`)).bonusCredit).toEqual(eur('1.99'));
  const code = await staffGiveCredit(context, id, '21.94', 'exists in the shop');

  const shop = await (await request.fetch(String(process.env.RETOUR_E2E_SHOPIFY_CONTROL))).json();
  const cards = shop.giftCards.filter((c: { code: string }) => c.code === code.toLowerCase());
  expect(cards).toEqual([expect.objectContaining({ amount: '21.94', currencyCode: 'EUR', expiresOn: null })]);
  expect(cards[0].note).toContain(code);
  const ret = await merchant(request, 'GET', `/returns/${id}`);
  expect(ret.status).toBe('completed');
  expect(ret.storeCredits).toEqual([
    expect.objectContaining({ code, amount: eur('21.94'), shop: 'shopify', state: 'issued', shopId: cards[0].id }),
  ]);
  await shopperSeesCode(page, '€21.94', code);
  await checkStep(page, info, 'shopify-gift-card-code');
});

test('WooCommerce: store credit with the bonus becomes a coupon bound to the shopper; the status page shows its code', async ({
  page,
  context,
  request,
}, info) => {
  const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const integration = await merchant(request, 'POST', '/integrations/woocommerce', {
    name: `Woo credit ${run}`,
    siteUrl: woo.siteUrl,
    ...keys,
  });
  const parentId = 600_000 + Math.floor(Math.random() * 100_000);
  const orderNumber = await importShopOrder(request, integration.name, { externalId: String(parentId), name: 'Woo scarf', price: '24.75' });
  const slug = await creditPortal(request);

  // 10% of €24.75, rounded down to the cent.
  const id = await shopperChoosesCredit(page, slug, orderNumber, 'Woo scarf', '€2.47');
  const code = await staffGiveCredit(context, id, '27.22', 'exists in the shop');

  const coupons = woo.state.coupons.filter((c) => c.code === code.toLowerCase());
  expect(coupons).toEqual([
    expect.objectContaining({
      amount: '27.22',
      discount_type: 'fixed_cart',
      email_restrictions: [SHOPPER],
      usage_limit: 1,
      date_expires: null,
    }),
  ]);
  expect(woo.requests.filter((r) => r.method === 'POST' && r.path === '/wp-json/wc/v3/coupons')).toHaveLength(1);
  const ret = await merchant(request, 'GET', `/returns/${id}`);
  expect(ret.status).toBe('completed');
  expect(ret.storeCredits).toEqual([
    expect.objectContaining({ code, amount: eur('27.22'), shop: 'woocommerce', state: 'issued', shopId: String(coupons[0].id) }),
  ]);
  await shopperSeesCode(page, '€27.22', code);
  await checkStep(page, info, 'woocommerce-coupon-code');
});
